/**
 * Why did an output's ffmpeg end, and is it worth retrying? Pure: reads the
 * (already redacted) stderr tail and the exit, returns a coded verdict.
 *
 * - 'fatal': retrying cannot help until the streamer changes a setting
 *   (bad URL, unknown protocol, unknown host, no ffmpeg).
 * - 'refused': the server took the connection and then turned the stream down,
 *   most likely the stream key. One refusal can be a fluke (an ingest
 *   restarting), so the supervisor gives up only after several in a row.
 * - 'transient': the network or the server hiccuped; retry with backoff.
 *
 * What ffmpeg 5.1 prints for each case is in test/fixtures/ffmpeg/rtmp-*.txt
 * and stderr-*.txt (see rtmp-failures.md). The awkward one: nginx-rtmp refusing a
 * key and an unknown host both end in `<url>: Input/output error`; only the host
 * case has a `Failed to resolve hostname` line before it, and a refused key is
 * otherwise a bare I/O error within a fraction of a second of connecting. So a
 * quick, never-live, non-zero exit of an RTMP push with no network marker is
 * taken as a refusal; a slow one or one after going live is transient.
 *
 * Decided: `Temporary failure in name resolution` (EAI_AGAIN) is transient,
 * not an unknown host: it is what getaddrinfo says when the network or the DNS
 * server is down, and the stream should come back by itself when it returns.
 */
import { EngineError, type EngineErrorCode } from '../errors';
import { redact } from '../redact';
import type { ExitInfo } from './process-registry';

/** A push that dies sooner than this after starting, never live, looks like a refused key. */
export const PUBLISH_REFUSAL_WINDOW_MS = 5_000;

export const OUTPUT_PROTOCOLS = ['rtmp', 'rtmps', 'srt', 'http', 'https', 'file'] as const;
export type OutputProtocol = (typeof OUTPUT_PROTOCOLS)[number];

export type FailureKind = 'transient' | 'fatal' | 'refused';

export interface FailureInput {
  url: string;
  stderrTail: string[];
  exit: ExitInfo;
  wentLive: boolean;
  runMs: number;
}

export interface FailureVerdict {
  kind: FailureKind;
  code: EngineErrorCode;
  /** For the streamer: what happened and what to do. */
  message: string;
  /** For the log: the exit and the stderr line that decided it (redacted). */
  detail: string;
}

interface Rule {
  kind: FailureKind;
  code: EngineErrorCode;
  marker: RegExp;
  /** Only before the output went live (the same words later mean something else). */
  beforeLiveOnly?: boolean;
  message: string;
}

const RETRYING = 'OnAir Studio keeps retrying.';

/** First match wins: fatal before refused before transient. */
const RULES: Rule[] = [
  {
    kind: 'fatal',
    code: 'OUTPUT_UNSUPPORTED_PROTOCOL',
    marker: /Protocol not found/,
    message: "This ffmpeg can't send to that kind of address. Check the start of the server URL (rtmp://, rtmps://, srt://).",
  },
  {
    kind: 'transient',
    code: 'OUTPUT_FAILED',
    marker: /Temporary failure in name resolution/,
    message: `The server's name could not be looked up right now: is the internet connection down? ${RETRYING}`,
  },
  {
    kind: 'fatal',
    code: 'OUTPUT_UNKNOWN_HOST',
    marker: /Failed to resolve hostname|Name or service not known|nodename nor servname|No address associated with hostname|No such host is known/,
    message: 'The server name in the URL does not exist. Check the server address for typos, or pick the server from the service list.',
  },
  {
    kind: 'fatal',
    code: 'OUTPUT_BAD_URL',
    // `<url>: Invalid argument`; redact() may have taken the ':' along with an RTMP key.
    marker: /Port missing in uri|^[a-z][a-z0-9+.-]*:\/\/\S*:? Invalid argument$/i,
    beforeLiveOnly: true,
    message: 'The server URL is not valid (check the port number and the rest of the address).',
  },
  {
    kind: 'refused',
    code: 'OUTPUT_KEY_REFUSED',
    marker: /Server error:|NetStream\.Publish\.(BadName|Rejected)|NetConnection\.Connect\.Rejected|Unauthorized|HTTP error 40[13]/,
    message: 'The server refused the stream. Check the stream key, and that nothing else is streaming with it.',
  },
  {
    kind: 'transient',
    code: 'OUTPUT_FAILED',
    marker: /Connection refused/,
    message: `Nothing is accepting streams at that address right now (connection refused). Check the server address and port. ${RETRYING}`,
  },
  {
    kind: 'transient',
    code: 'OUTPUT_FAILED',
    marker: /Network is unreachable|No route to host/,
    message: `The server can't be reached: check the internet connection. ${RETRYING}`,
  },
  {
    kind: 'transient',
    code: 'OUTPUT_FAILED',
    marker: /timed out/i,
    message: `The server stopped answering (timed out). ${RETRYING}`,
  },
  {
    kind: 'transient',
    code: 'OUTPUT_FAILED',
    marker: /Connection reset|Broken pipe|End of file/,
    message: `The server closed the connection. ${RETRYING}`,
  },
  {
    kind: 'transient',
    code: 'OUTPUT_FAILED',
    marker: /Connection to \S+ failed/,
    message: `Could not connect to the server. Check the address and that the server is running. ${RETRYING}`,
  },
];

const UNKNOWN_MESSAGE = `The stream to this destination stopped unexpectedly. ${RETRYING}`;
const REFUSED_MESSAGE = RULES.find((r) => r.kind === 'refused')?.message ?? UNKNOWN_MESSAGE;
/** `scheme:` of two letters or more, so `C:\` (a Windows path) is not a URL. */
const HAS_SCHEME = /^[a-z][a-z0-9+.-]+:/i;
/** Log lines that never explain anything. */
const NOISE = /^(Last message repeated|Conversion failed!|frame=|video:|\[aac @|\[libx264 @|\s)/;

export function classifyOutputFailure(input: FailureInput): FailureVerdict {
  const { url, stderrTail, exit, wentLive, runMs } = input;
  const facts = `${exit.reason} (code ${exit.code ?? '-'}, signal ${exit.signal ?? '-'}) after ${Math.round(runMs)} ms${wentLive ? ', had been live' : ', never live'}`;
  const verdict = (kind: FailureKind, code: EngineErrorCode, message: string, line: string | undefined): FailureVerdict => ({
    kind,
    code,
    message,
    detail: line ? `${facts}: ${line.trim()}` : facts,
  });

  if (exit.reason === 'spawn-failed') {
    return verdict('fatal', 'FFMPEG_NOT_FOUND', 'ffmpeg could not be started. Reinstall OnAir Studio or set the ffmpeg path in Settings.', exit.error);
  }
  // Local targets (a recording's path, or just the output kind) are not URLs.
  const urlError = HAS_SCHEME.test(url) ? validateOutputUrl(url, OUTPUT_PROTOCOLS) : null;
  if (urlError) return verdict('fatal', urlError.code, urlError.message, urlError.detail);

  for (const rule of RULES) {
    if (rule.beforeLiveOnly && wentLive) continue;
    const line = stderrTail.find((l) => rule.marker.test(l));
    if (line !== undefined) return verdict(rule.kind, rule.code, rule.message, line);
  }

  const telling = lastTellingLine(stderrTail);
  if (exit.reason === 'crashed' && exit.signal !== null) {
    return verdict('transient', 'OUTPUT_FAILED', `ffmpeg stopped unexpectedly (${exit.signal}). ${RETRYING}`, telling);
  }
  const isRtmp = /^rtmps?:/i.test(url);
  if (isRtmp && !wentLive && exit.reason === 'crashed' && runMs < PUBLISH_REFUSAL_WINDOW_MS) {
    return verdict('refused', 'OUTPUT_KEY_REFUSED', REFUSED_MESSAGE, telling);
  }
  return verdict('transient', 'OUTPUT_FAILED', UNKNOWN_MESSAGE, telling);
}

function lastTellingLine(lines: string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line && line.trim() !== '' && !NOISE.test(line)) return line;
  }
  return undefined;
}

/** Schemes that name a host; `file:` does not. */
const NETWORK_PROTOCOLS = new Set<string>(['rtmp', 'rtmps', 'srt', 'http', 'https']);

/**
 * Pre-flight checks before any ffmpeg starts, so a typo fails at once with a
 * clear message instead of after a connection attempt. `allowedProtocols` takes
 * 'rtmp' or 'rtmp:' alike. Returns null when the URL is fine. The message never
 * contains the URL (it holds the key); the detail holds it redacted.
 */
export function validateOutputUrl(url: string, allowedProtocols: readonly string[] = OUTPUT_PROTOCOLS): EngineError | null {
  const shown = redact(url);
  const bad = (message: string, why: string) => new EngineError('OUTPUT_BAD_URL', message, `${why}: ${shown}`);
  if (url.trim() === '') return bad('The server URL is empty. Paste the address from your streaming service.', 'empty URL');
  if (/\s/.test(url)) return bad('The server URL contains a space. Copy it again without spaces.', 'whitespace in URL');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return bad('The server URL is not valid. It should look like rtmp://server/app/stream-key.', 'URL does not parse');
  }
  const protocol = parsed.protocol.replace(/:$/, '').toLowerCase();
  const allowed = allowedProtocols.map((p) => p.replace(/:$/, '').toLowerCase());
  if (!allowed.includes(protocol)) {
    return new EngineError(
      'OUTPUT_UNSUPPORTED_PROTOCOL',
      `This destination can't use ${protocol}:// addresses. Use one starting with ${allowed.map((p) => `${p}://`).join(' or ')}.`,
      `protocol ${protocol} not in [${allowed.join(', ')}]: ${shown}`,
    );
  }
  if (NETWORK_PROTOCOLS.has(protocol) && parsed.hostname === '') {
    return bad('The server URL has no server name. It should look like rtmp://server/app/stream-key.', 'no host');
  }
  if (protocol === 'rtmp' || protocol === 'rtmps') {
    const segments = parsed.pathname.split('/').filter(Boolean);
    if (segments.length < 2) {
      return bad('The URL has no stream key. Add the key from your streaming service after the server address.', 'RTMP URL needs /app/key');
    }
  }
  return null;
}
