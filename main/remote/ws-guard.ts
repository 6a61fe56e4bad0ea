/**
 * The checks every WebSocket server of ours runs before and after the upgrade
 * (DESIGN.md "Security"): who may connect (Origin), how much they may send
 * (size, rate), and how their text is read (JSON that never throws).
 *
 * Shared by the obs-websocket server (main/remote/obs/) and the browser-mode
 * bridge, so both refuse the same things in the same way.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** Largest control message (JSON or MessagePack) accepted; ws closes with 1009 above it. */
export const MAX_CONTROL_MESSAGE_BYTES = 1024 * 1024;
/** Sustained message rate a connection may keep up, messages per second. */
export const MAX_MESSAGES_PER_SECOND = 100;
/** Messages a connection may send at once after being idle (Companion asks for every scene's items on connect). */
export const MESSAGE_BURST = 200;

// ---- Origin ----

/**
 * Browsers always send Origin on a WebSocket handshake, and a page cannot forge
 * it; native controllers (Stream Deck, Companion, obs-websocket-js under Node)
 * send none. So: no Origin = a native client, allowed (auth still applies); a
 * browser is allowed only from an origin in `allowed` (the studio's own UI),
 * which stops any web page the user visits from driving the studio.
 */
export function isAllowedOrigin(origin: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  const wanted = normalizeOrigin(origin);
  if (wanted === null) return false;
  return allowed.some((entry) => normalizeOrigin(entry) === wanted);
}

/** "HTTP://LocalHost:80" and "http://localhost" are the same origin; "null" and junk are no origin at all. */
function normalizeOrigin(origin: string): string | null {
  if (origin === '' || origin === 'null') return null;
  try {
    const url = new URL(origin);
    // An Origin header has no path; a value with one is not an origin.
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return null;
    if (origin.endsWith('/')) return null;
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

// ---- before the upgrade ----

export interface UpgradePolicy {
  allowedOrigins: readonly string[];
  /** Connections currently open on this server, and how many it takes. */
  openConnections: number;
  maxConnections: number;
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: 403 | 503; reason: string };

/** Decides on an HTTP upgrade request; pure, so the policy is table-tested. */
export function checkUpgrade(req: Pick<IncomingMessage, 'headers'>, policy: UpgradePolicy): UpgradeVerdict {
  const origin = req.headers.origin;
  if (!isAllowedOrigin(origin, policy.allowedOrigins)) {
    return { ok: false, status: 403, reason: `origin ${JSON.stringify(origin)} is not allowed` };
  }
  if (policy.openConnections >= policy.maxConnections) {
    return { ok: false, status: 503, reason: `too many connections (${policy.maxConnections})` };
  }
  return { ok: true };
}

const STATUS_TEXT: Record<403 | 503, string> = { 403: 'Forbidden', 503: 'Service Unavailable' };

/** Answers a refused upgrade with a plain HTTP status and closes the socket: no WebSocket is ever opened. */
export function rejectUpgrade(socket: Duplex, status: 403 | 503): void {
  const body = `${STATUS_TEXT[status]}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

// ---- after the upgrade: rate ----

/**
 * A token bucket per connection: `burst` tokens to start, refilled at
 * `perSecond`; each message takes one. Time comes from `now` (ms) so tests can
 * drive it without waiting.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number = MAX_MESSAGES_PER_SECOND,
    private readonly burst: number = MESSAGE_BURST,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token; false when the connection is over its rate. */
  take(): boolean {
    const now = this.now();
    const elapsedS = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + elapsedS * this.perSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

// ---- reading text ----

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; error: string };

/** JSON.parse that reports instead of throwing; the value is `unknown` until a schema says otherwise. */
export function safeJsonParse(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date);
}

/** The session token, compared in constant time (a wrong guess learns nothing from the timing). */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
