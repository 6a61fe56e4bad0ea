/**
 * One client connection, from Hello to close.
 *
 * Lifecycle: open -> Hello sent -> (Identify, authenticated) identified ->
 * requests, batches, Reidentify, events -> closed. Before Identify only Identify
 * is accepted (anything else closes with 4007); an Identify that does not come
 * within IDENTIFY_TIMEOUT_MS closes the same way.
 *
 * Messages are handled one at a time, in arrival order, so a client that sends
 * SetX then GetX reads its own write. Each message is checked in the order
 * obs-websocket checks it, and the spec's close code ends the session where the
 * spec says so; a bad *request* only fails that request.
 */
import type { Logger } from '../../engine/logger';
import { isPlainObject, type TokenBucket } from '../ws-guard';
import { verifyAuthentication, randomToken, type AuthKeys } from './auth';
import type { Codec } from './codec';
import { IdentifySchema, ReidentifySchema, RequestBatchSchema, RequestSchema, checkData, type Refusal } from './messages';
import { REQUEST_TYPES, runBatch, runRequest, type BatchResult } from './request-dispatcher';
import type { RequestContext, RequestResult } from './request-kit';
import {
  CloseCode,
  EVENT_SUBSCRIPTION_ALL,
  OBS_COMPAT_VERSION,
  OBS_WEBSOCKET_VERSION,
  OpCode,
  RPC_VERSION,
  RequestBatchExecutionType,
  RequestStatus,
  WS_POLICY_VIOLATION,
  type RequestStatusObject,
} from './protocol';

/** A client has this long after Hello to Identify. */
export const IDENTIFY_TIMEOUT_MS = 10_000;
/** Messages waiting behind a slow one; more are answered NotReady instead of queued. */
export const MAX_PENDING_MESSAGES = 64;
/** Messages refused for rate in a row before the connection is closed (1008). */
export const MAX_REFUSED_IN_A_ROW = 200;
/** A WebSocket close reason may be at most 123 bytes (RFC 6455, 5.5). */
const MAX_CLOSE_REASON_BYTES = 123;

export interface SessionDeps {
  codec: Codec;
  /** null: no password, no authentication. */
  auth: AuthKeys | null;
  remote: string;
  logger: Logger;
  bucket: TokenBucket;
  /** Default IDENTIFY_TIMEOUT_MS. */
  identifyTimeoutMs?: number;
  /** The parts of a request's context that the server owns. */
  context: Pick<RequestContext, 'studio' | 'ids' | 'health' | 'now' | 'logger'>;
  send(data: string | Uint8Array): void;
  close(code: number, reason: string): void;
}

export class ObsSession {
  identified = false;
  subscriptions = 0;
  incoming = 0;
  outgoing = 0;
  private closed = false;
  private pending = 0;
  private refusedInARow = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly challenge = randomToken();
  private readonly abort = new AbortController();
  private readonly identifyTimer: NodeJS.Timeout;

  constructor(private readonly deps: SessionDeps) {
    const timeoutMs = deps.identifyTimeoutMs ?? IDENTIFY_TIMEOUT_MS;
    this.identifyTimer = setTimeout(() => this.closeWith({ code: CloseCode.NotIdentified, reason: 'Identify did not arrive in time.' }), timeoutMs);
    this.identifyTimer.unref();
  }

  /** Sends Hello; the first message of every session. */
  hello(): void {
    const d: Record<string, unknown> = { obsStudioVersion: OBS_COMPAT_VERSION, obsWebSocketVersion: OBS_WEBSOCKET_VERSION, rpcVersion: RPC_VERSION };
    if (this.deps.auth) d.authentication = { challenge: this.challenge, salt: this.deps.auth.salt };
    this.send(OpCode.Hello, d);
  }

  /** One frame from the client. Never throws: every problem is a reply or a close. */
  receive(data: Uint8Array, isBinary: boolean): void {
    if (this.closed) return;
    this.incoming += 1;
    const decoded = this.deps.codec.decode(data, isBinary);
    if (!decoded.ok) return this.closeWith({ code: CloseCode.MessageDecodeError, reason: decoded.reason });
    if (!this.deps.bucket.take() || this.pending >= MAX_PENDING_MESSAGES) return this.refuseForLoad(decoded.value);
    this.refusedInARow = 0;
    this.pending += 1;
    this.queue = this.queue
      .then(() => this.handle(decoded.value))
      .catch((error: unknown) => {
        this.deps.logger.error(`obs-websocket session ${this.deps.remote} failed: ${error instanceof Error ? error.message : String(error)}`);
        this.closeWith({ code: CloseCode.UnknownReason, reason: 'Internal error.' });
      })
      .finally(() => {
        this.pending -= 1;
      });
  }

  /** An event already encoded by the server (encoded once for every session that wants it). */
  deliverEvent(eventIntent: number, encoded: string | Uint8Array): void {
    if (this.closed || !this.identified || (this.subscriptions & eventIntent) === 0) return;
    this.outgoing += 1;
    this.deps.send(encoded);
  }

  /** The socket went away (or the server is stopping): stop timers and any Sleep. */
  dispose(): void {
    this.closed = true;
    clearTimeout(this.identifyTimer);
    this.abort.abort();
  }

  closeWith(refusal: Refusal | { code: number; reason: string }): void {
    if (this.closed) return;
    this.deps.logger.info(`obs-websocket client ${this.deps.remote} closed with ${refusal.code}: ${refusal.reason}`);
    this.deps.close(refusal.code, truncateReason(refusal.reason));
    this.dispose();
  }

  // ---- handling ----

  private async handle(message: Record<string, unknown>): Promise<void> {
    if (this.closed) return;
    // A 4.x client speaks first with "request-type"; tell it the version is wrong, as OBS does.
    if (!this.identified && 'request-type' in message) {
      return this.closeWith({ code: CloseCode.UnsupportedRpcVersion, reason: 'You appear to be attempting to connect with the pre-5.0.0 plugin protocol.' });
    }
    const { op, d } = message;
    if (op === undefined) return this.closeWith({ code: CloseCode.UnknownOpCode, reason: 'Your request is missing an `op`.' });
    if (typeof op !== 'number') return this.closeWith({ code: CloseCode.UnknownOpCode, reason: 'Your `op` is not a number.' });
    if (d === undefined || d === null) return this.closeWith({ code: CloseCode.MissingDataField, reason: 'Your payload is missing data (`d`).' });
    if (!isPlainObject(d)) return this.closeWith({ code: CloseCode.InvalidDataFieldType, reason: "Your payload's data (`d`) is not an object." });
    if (!this.identified && op !== OpCode.Identify) {
      return this.closeWith({ code: CloseCode.NotIdentified, reason: 'You attempted to send a non-Identify message while not identified.' });
    }
    switch (op) {
      case OpCode.Identify:
        return this.identify(d);
      case OpCode.Reidentify:
        return this.reidentify(d);
      case OpCode.Request:
        return this.request(d);
      case OpCode.RequestBatch:
        return this.batch(d);
      default:
        return this.closeWith({ code: CloseCode.UnknownOpCode, reason: `Unknown OpCode: ${op}` });
    }
  }

  private identify(d: Record<string, unknown>): void {
    if (this.identified) return this.closeWith({ code: CloseCode.AlreadyIdentified, reason: 'You are already Identified with the obs-websocket server.' });
    const auth = this.deps.auth;
    if (auth) {
      const given = d.authentication;
      if (typeof given !== 'string' || !verifyAuthentication(auth.secret, this.challenge, given)) {
        // The remote address only: neither the password nor what was sent is logged.
        this.deps.logger.warn(`obs-websocket client ${this.deps.remote} failed to authenticate`);
        return this.closeWith({ code: CloseCode.AuthenticationFailed, reason: 'Authentication failed.' });
      }
    }
    const checked = checkData(IdentifySchema, d);
    if (!checked.ok) return this.closeWith(checked.refusal);
    if (checked.value.rpcVersion !== RPC_VERSION) {
      return this.closeWith({ code: CloseCode.UnsupportedRpcVersion, reason: 'Your requested RPC version is not supported by this server.' });
    }
    clearTimeout(this.identifyTimer);
    this.subscriptions = checked.value.eventSubscriptions ?? EVENT_SUBSCRIPTION_ALL;
    this.identified = true;
    this.deps.logger.info(`obs-websocket client ${this.deps.remote} identified`);
    this.send(OpCode.Identified, { negotiatedRpcVersion: RPC_VERSION });
  }

  private reidentify(d: Record<string, unknown>): void {
    const checked = checkData(ReidentifySchema, d);
    if (!checked.ok) return this.closeWith(checked.refusal);
    // Like obs-websocket, an absent mask keeps the current one.
    if (checked.value.eventSubscriptions !== undefined) this.subscriptions = checked.value.eventSubscriptions;
    this.send(OpCode.Identified, { negotiatedRpcVersion: RPC_VERSION });
  }

  private async request(d: Record<string, unknown>): Promise<void> {
    const checked = checkData(RequestSchema, d);
    if (!checked.ok) return this.closeWith(checked.refusal);
    const { requestId, requestType, requestData } = checked.value;
    const result = await runRequest(this.context(RequestBatchExecutionType.None), requestType, requestData);
    this.send(OpCode.RequestResponse, { requestType, requestId, ...resultFields(result) });
  }

  private async batch(d: Record<string, unknown>): Promise<void> {
    const checked = checkData(RequestBatchSchema, d);
    if (!checked.ok) return this.closeWith(checked.refusal);
    const { requestId, requests, haltOnFailure } = checked.value;
    const executionType = (checked.value.executionType ?? RequestBatchExecutionType.SerialRealtime) as RequestBatchExecutionType;
    const results = await runBatch(this.context(RequestBatchExecutionType.None), requests, executionType, haltOnFailure ?? false);
    this.send(OpCode.RequestBatchResponse, { requestId, results: results.map(batchResultFields) });
  }

  private context(executionType: RequestBatchExecutionType): RequestContext {
    return {
      ...this.deps.context,
      executionType,
      requestTypes: REQUEST_TYPES,
      counters: () => ({ incoming: this.incoming, outgoing: this.outgoing }),
      signal: this.abort.signal,
    };
  }

  /**
   * Over its rate (or with too much queued): a request is answered NotReady, which
   * obs-websocket defines as "try again after a delay"; anything else is dropped.
   * A client that keeps at it is disconnected.
   */
  private refuseForLoad(message: Record<string, unknown>): void {
    this.refusedInARow += 1;
    if (this.refusedInARow > MAX_REFUSED_IN_A_ROW) return this.closeWith({ code: WS_POLICY_VIOLATION, reason: 'Too many messages: rate limit exceeded.' });
    if (!this.identified || !isPlainObject(message.d)) return;
    const d = message.d;
    const status = { result: false, code: RequestStatus.NotReady, comment: 'Too many messages: slow down and try again.' };
    if (message.op === OpCode.Request && typeof d.requestId === 'string') {
      this.send(OpCode.RequestResponse, { requestType: typeof d.requestType === 'string' ? d.requestType : '', requestId: d.requestId, requestStatus: status });
    } else if (message.op === OpCode.RequestBatch && typeof d.requestId === 'string') {
      this.send(OpCode.RequestBatchResponse, { requestId: d.requestId, results: [] });
    }
  }

  private send(op: number, d: Record<string, unknown>): void {
    if (this.closed) return;
    this.outgoing += 1;
    this.deps.send(this.deps.codec.encode({ op, d }));
  }
}

function statusObject(result: RequestResult): RequestStatusObject {
  const status: RequestStatusObject = { result: result.status === RequestStatus.Success, code: result.status };
  if (result.comment !== undefined) status.comment = result.comment;
  return status;
}

function resultFields(result: RequestResult): Record<string, unknown> {
  const fields: Record<string, unknown> = { requestStatus: statusObject(result) };
  if (result.responseData !== undefined) fields.responseData = result.responseData;
  return fields;
}

function batchResultFields(result: BatchResult): Record<string, unknown> {
  const { entry } = result;
  return { requestType: entry.requestType, ...(entry.requestId === undefined ? {} : { requestId: entry.requestId }), ...resultFields(result) };
}

/** Cuts a reason to the WebSocket limit without splitting a UTF-8 character. */
export function truncateReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_CLOSE_REASON_BYTES) return reason;
  let out = '';
  for (const char of reason) {
    if (Buffer.byteLength(out + char + '…') > MAX_CLOSE_REASON_BYTES) break;
    out += char;
  }
  return `${out}…`;
}
