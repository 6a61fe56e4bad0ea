/**
 * Schemas for what a client may send (op 1, 3, 6, 8) and the close code the spec
 * gives for each way a message can be wrong:
 *   field missing            -> 4003 MissingDataField
 *   field of the wrong type  -> 4004 InvalidDataFieldType
 *   field with a bad value   -> 4005 InvalidDataFieldValue
 *
 * Objects are not strict: obs-websocket ignores fields it does not know (older
 * clients still send `ignoreInvalidMessages`), and so do we.
 */
import { z } from 'zod';
import { formatZodError } from '../../studio/persistence/zod-error';
import { isPlainObject } from '../ws-guard';
import { CloseCode, RequestBatchExecutionType } from './protocol';

/**
 * Most requests one batch may hold. obs-websocket sets none; ours bounds the
 * work one message can ask for (each request is small, so this is generous).
 */
export const MAX_BATCH_REQUESTS = 500;

const Unsigned = z.number().int().nonnegative();

export const IdentifySchema = z.object({
  rpcVersion: Unsigned,
  eventSubscriptions: Unsigned.optional(),
});

export const ReidentifySchema = z.object({
  eventSubscriptions: Unsigned.optional(),
});

// Field order is the order obs-websocket checks them in; the first problem decides the close code.
export const RequestSchema = z.object({
  requestId: z.string(),
  requestType: z.string(),
  requestData: z.unknown().optional(),
});

const EXECUTION_TYPES: readonly number[] = [
  RequestBatchExecutionType.SerialRealtime,
  RequestBatchExecutionType.SerialFrame,
  RequestBatchExecutionType.Parallel,
];

export const RequestBatchSchema = z.object({
  requestId: z.string(),
  executionType: z
    .number()
    .int()
    .refine((value) => EXECUTION_TYPES.includes(value), 'executionType must be 0 (SerialRealtime), 1 (SerialFrame) or 2 (Parallel)')
    .nullish(),
  haltOnFailure: z.boolean().nullish(),
  requests: z.array(z.unknown()).max(MAX_BATCH_REQUESTS),
});

/** One entry of a batch: like a Request, but nothing is required (a bad entry fails alone). */
export interface BatchEntry {
  requestType: string;
  requestId?: string | number;
  requestData: unknown;
}

export function readBatchEntry(entry: unknown): BatchEntry {
  if (!isPlainObject(entry)) return { requestType: '', requestData: undefined };
  const { requestType, requestId, requestData } = entry;
  return {
    requestType: typeof requestType === 'string' ? requestType : '',
    ...(typeof requestId === 'string' || typeof requestId === 'number' ? { requestId } : {}),
    requestData,
  };
}

export interface Refusal {
  code: CloseCode;
  reason: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** Parses message data with a schema; on failure, the spec's close code for the first problem. */
export function checkData<S extends z.ZodType>(schema: S, data: Record<string, unknown>): Checked<z.output<S>> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = parsed.error.issues[0];
  const code = first === undefined ? CloseCode.InvalidDataFieldValue : closeCodeFor(first, data);
  return { ok: false, refusal: { code, reason: formatZodError(parsed.error) } };
}

// In message data a null field is present (of the wrong type), as obs-websocket's `contains` sees it.
function closeCodeFor(issue: z.core.$ZodIssue, data: unknown): CloseCode {
  if (issue.code !== 'invalid_type') return CloseCode.InvalidDataFieldValue;
  return hasValueAt(data, issue.path, { nullIsValue: true }) ? CloseCode.InvalidDataFieldType : CloseCode.MissingDataField;
}

/**
 * Whether `path` leads to a present value. In requestData obs-websocket treats
 * null as missing (the default here); in message data it counts as present.
 */
export function hasValueAt(root: unknown, path: readonly PropertyKey[], { nullIsValue = false } = {}): boolean {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return false;
    if (typeof key === 'symbol' || !Object.prototype.hasOwnProperty.call(node, key)) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node !== undefined && (nullIsValue || node !== null);
}
