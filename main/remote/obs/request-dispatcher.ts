/**
 * Every request type we answer, and how one request or one batch is run.
 * A handler never throws past here: anything unexpected becomes
 * RequestProcessingFailed (702) and a log line, and the session carries on.
 */
import { readBatchEntry, type BatchEntry } from './messages';
import type { RequestContext, RequestDefinition, RequestResult } from './request-kit';
import { fail } from './request-kit';
import { GENERAL_REQUESTS } from './requests-general';
import { INPUT_REQUESTS } from './requests-inputs';
import { OUTPUT_REQUESTS } from './requests-outputs';
import { SCENE_ITEM_REQUESTS } from './requests-scene-items';
import { SCENE_REQUESTS } from './requests-scenes';
import { UI_REQUESTS } from './requests-ui';
import { RequestBatchExecutionType, RequestStatus } from './protocol';

// A null prototype, so "constructor" or "__proto__" as a requestType is simply unknown.
const REQUESTS: Readonly<Record<string, RequestDefinition>> = Object.assign(
  Object.create(null) as Record<string, RequestDefinition>,
  GENERAL_REQUESTS,
  SCENE_REQUESTS,
  INPUT_REQUESTS,
  SCENE_ITEM_REQUESTS,
  UI_REQUESTS,
  OUTPUT_REQUESTS,
);

export const REQUEST_TYPES: readonly string[] = Object.freeze(Object.keys(REQUESTS).sort());

export async function runRequest(ctx: RequestContext, requestType: string, requestData: unknown): Promise<RequestResult> {
  if (requestType === '') return fail(RequestStatus.MissingRequestType, 'Your request is missing a `requestType`.');
  const definition = REQUESTS[requestType];
  if (definition === undefined) return fail(RequestStatus.UnknownRequestType, 'Your request type is not valid.');
  try {
    return await definition.handle(ctx, requestData);
  } catch (error) {
    ctx.logger.error(`${requestType} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fail(RequestStatus.RequestProcessingFailed, 'The request failed unexpectedly; the studio log has the details.');
  }
}

export interface BatchResult extends RequestResult {
  entry: BatchEntry;
}

/**
 * Runs a batch in order. SerialFrame runs like SerialRealtime (we have no render
 * thread to sync with in main; Sleep counts frames at the output frame rate), and
 * Parallel runs serially too: the studio is single-threaded, so order-preserving
 * execution gives the same results without interleaving writes. With
 * haltOnFailure the batch stops at the first failure and returns what ran.
 */
export async function runBatch(
  ctx: RequestContext,
  entries: readonly unknown[],
  executionType: RequestBatchExecutionType,
  haltOnFailure: boolean,
): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  const batchCtx: RequestContext = { ...ctx, executionType };
  for (const raw of entries) {
    if (ctx.signal.aborted) break;
    const entry = readBatchEntry(raw);
    const result = await runRequest(batchCtx, entry.requestType, entry.requestData);
    results.push({ ...result, entry });
    if (haltOnFailure && result.status !== RequestStatus.Success && executionType !== RequestBatchExecutionType.Parallel) break;
  }
  return results;
}
