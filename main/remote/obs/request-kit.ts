/**
 * What every request handler is made of: its requestData schema, the context it
 * runs in, its result, and the two ways it reaches the studio (reading state,
 * calling a contract method). Handlers live in requests-*.ts, one file per
 * obs-websocket category.
 *
 * Validation happens twice (CONVENTIONS habit 4): requestData against the
 * request's own schema, with obs-websocket's status codes for each problem; then
 * the contract params against METHODS before the studio sees them, so nothing
 * a remote client sends reaches the studio unchecked.
 */
import { z } from 'zod';
import { METHODS, type MethodName, type MethodParams, type MethodResult } from '../../../preload/contract/methods';
import type { HealthSnapshot } from '../../../preload/contract/health';
import type { Scene, Source, StudioState } from '../../../preload/contract/model';
import type { Logger } from '../../engine/logger';
import type { StudioPort } from '../../studio/studio-port';
import { formatZodError } from '../../studio/persistence/zod-error';
import { isPlainObject } from '../ws-guard';
import type { SceneItemIds } from './item-ids';
import { hasValueAt } from './messages';
import { RequestBatchExecutionType, RequestStatus } from './protocol';

export interface RequestResult {
  status: RequestStatus;
  comment?: string;
  responseData?: Record<string, unknown>;
}

export interface RequestContext {
  studio: StudioPort;
  ids: SceneItemIds;
  /** None for a lone Request; the batch's type inside a RequestBatch (Sleep needs it). */
  executionType: RequestBatchExecutionType;
  /** Every request type this server answers (GetVersion lists them). */
  requestTypes: readonly string[];
  /** The latest health snapshot the studio sent, if any. */
  health: () => HealthSnapshot | null;
  /** This session's message counters, for GetStats. */
  counters: () => { incoming: number; outgoing: number };
  now: () => number;
  /** Aborted when the session closes: a Sleep must not outlive its connection. */
  signal: AbortSignal;
  logger: Logger;
}

export interface RequestDefinition {
  handle(ctx: RequestContext, requestData: unknown): Promise<RequestResult>;
}

export const NoFields = z.object({});

export function ok(responseData?: Record<string, unknown>): RequestResult {
  return responseData === undefined ? { status: RequestStatus.Success } : { status: RequestStatus.Success, responseData };
}

export function fail(status: RequestStatus, comment?: string): RequestResult {
  return comment === undefined ? { status } : { status, comment };
}

/** A value, or the failed result to answer with instead. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; result: RequestResult };

export function refused<T>(status: RequestStatus, comment: string): Outcome<T> {
  return { ok: false, result: fail(status, comment) };
}

/** A request: its requestData schema and what it does with valid fields. */
export function defineRequest<S extends z.ZodType>(schema: S, run: (ctx: RequestContext, fields: z.output<S>) => Promise<RequestResult>): RequestDefinition {
  return {
    async handle(ctx, requestData) {
      const checked = checkRequestData(schema, requestData);
      return checked.ok ? run(ctx, checked.value) : checked.result;
    },
  };
}

// ---- requestData validation ----

/**
 * obs-websocket's codes for bad requestData: 301 when there is no data object but
 * a field is needed, 300 for a missing field, 401 for a wrong type, 402 for a
 * number out of range, 403 for an empty string, 400 for anything else.
 */
export function checkRequestData<S extends z.ZodType>(schema: S, requestData: unknown): Outcome<z.output<S>> {
  const present = isPlainObject(requestData);
  const parsed = schema.safeParse(present ? requestData : {});
  if (parsed.success) return { ok: true, value: parsed.data };
  if (!present) return refused(RequestStatus.MissingRequestData, 'Your request data is missing or invalid (non-object).');
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const status = issue === undefined ? RequestStatus.InvalidRequestField : statusFor(issue, requestData);
  const comment =
    status === RequestStatus.MissingRequestField ? `Your request is missing the \`${field}\` field.` : formatZodError(parsed.error);
  return refused(status, comment);
}

function statusFor(issue: z.core.$ZodIssue, data: unknown): RequestStatus {
  switch (issue.code) {
    case 'invalid_type':
      return hasValueAt(data, issue.path) ? RequestStatus.InvalidRequestFieldType : RequestStatus.MissingRequestField;
    case 'too_small':
      return issue.origin === 'string' ? RequestStatus.RequestFieldEmpty : RequestStatus.RequestFieldOutOfRange;
    case 'too_big':
      return issue.origin === 'number' ? RequestStatus.RequestFieldOutOfRange : RequestStatus.InvalidRequestField;
    default:
      return RequestStatus.InvalidRequestField;
  }
}

/** An optional string field; null counts as absent, as in obs-websocket. */
export const optionalName = z.string().min(1).nullish();

// ---- reaching the studio ----

export function getState(ctx: RequestContext): Promise<StudioState> {
  return ctx.studio.api.getState({});
}

/**
 * Calls a contract method after checking its params against the contract's own
 * schema. A remote client's values (a 300-character name, a NaN gain) stop here
 * with InvalidRequestField instead of reaching the studio.
 */
export async function callStudio<M extends MethodName>(ctx: RequestContext, method: M, params: MethodParams<M>): Promise<Outcome<MethodResult<M>>> {
  const checked = METHODS[method].params.safeParse(params);
  if (!checked.success) return refused(RequestStatus.InvalidRequestField, formatZodError(checked.error));
  const call = ctx.studio.api[method] as (p: MethodParams<M>) => Promise<MethodResult<M>>;
  try {
    return { ok: true, value: await call(checked.data as MethodParams<M>) };
  } catch (error) {
    return { ok: false, result: studioFailure(ctx, method, error) };
  }
}

const STATUS_FOR_STUDIO_CODE: Record<string, RequestStatus> = {
  BAD_REQUEST: RequestStatus.InvalidRequestField,
  NOT_FOUND: RequestStatus.ResourceNotFound,
  CONFLICT: RequestStatus.InvalidResourceState,
  RATE_LIMITED: RequestStatus.NotReady,
  ENGINE: RequestStatus.ResourceActionFailed,
};

/** A studio error as a request status; its message is written for people, so it becomes the comment. */
export function studioFailure(ctx: RequestContext, method: string, error: unknown): RequestResult {
  if (isPlainObject(error) || error instanceof Error) {
    const record = error as { code?: unknown; message?: unknown };
    const status = typeof record.code === 'string' ? STATUS_FOR_STUDIO_CODE[record.code] : undefined;
    if (status !== undefined && typeof record.message === 'string') return fail(status, record.message);
  }
  ctx.logger.warn(`studio.${method} failed: ${error instanceof Error ? error.message : String(error)}`);
  return fail(RequestStatus.RequestProcessingFailed, 'The studio could not complete the request; its log has the details.');
}

// ---- finding things by name or uuid ----

export const SceneSelector = z.object({ sceneName: optionalName, sceneUuid: optionalName });
export const InputSelector = z.object({ inputName: optionalName, inputUuid: optionalName });

/** The uuid wins when both are given; obs-websocket looks a source up the same way. */
export function findScene(state: StudioState, fields: z.output<typeof SceneSelector>): Outcome<Scene> {
  const { sceneName, sceneUuid } = fields;
  if (!sceneUuid && !sceneName) return refused(RequestStatus.MissingRequestField, 'Your request must contain at least one of the following fields: `sceneName` or `sceneUuid`.');
  const scenes = state.collection.scenes;
  const scene = sceneUuid ? scenes.find((s) => s.id === sceneUuid) : scenes.find((s) => s.name === sceneName);
  if (scene) return { ok: true, value: scene };
  return refused(RequestStatus.ResourceNotFound, sceneUuid ? `No scene was found by the UUID of \`${sceneUuid}\`.` : `No scene was found by the name of \`${sceneName}\`.`);
}

export function findInput(state: StudioState, fields: z.output<typeof InputSelector>): Outcome<Source> {
  const { inputName, inputUuid } = fields;
  if (!inputUuid && !inputName) return refused(RequestStatus.MissingRequestField, 'Your request must contain at least one of the following fields: `inputName` or `inputUuid`.');
  const sources = state.collection.sources;
  const source = inputUuid ? sources.find((s) => s.id === inputUuid) : sources.find((s) => s.name === inputName);
  if (source) return { ok: true, value: source };
  return refused(RequestStatus.ResourceNotFound, inputUuid ? `No input was found by the UUID of \`${inputUuid}\`.` : `No input was found by the name of \`${inputName}\`.`);
}
