import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PUBLISH_REFUSAL_WINDOW_MS,
  classifyOutputFailure,
  validateOutputUrl,
  type FailureInput,
} from '../../../../../main/engine/process/classify-failure';
import type { ExitInfo } from '../../../../../main/engine/process/process-registry';
import { STDERR_TAIL_LINES } from '../../../../../main/engine/process/process-registry';
import { redact } from '../../../../../main/engine/redact';
import { splitLines } from '../../../../../main/engine/process/stderr-lines';

/** The tail exactly as ProcessRegistry hands it over: non-blank lines, redacted, last 50. */
function tailOf(fixture: string): string[] {
  const text = readFileSync(new URL(`../../../../fixtures/ffmpeg/${fixture}`, import.meta.url), 'utf8');
  return splitLines(text)
    .filter((l) => l.trim() !== '')
    .map((l) => redact(l))
    .slice(-STDERR_TAIL_LINES);
}

const CRASH_1: ExitInfo = { code: 1, signal: null, reason: 'crashed', stderrTail: [] };
const KEYED_URL = 'rtmp://127.0.0.1:1935/live/sekretkey123';

function input(overrides: Partial<FailureInput> & { fixture?: string; lines?: string[] }): FailureInput {
  const stderrTail = overrides.lines ?? (overrides.fixture ? tailOf(overrides.fixture) : []);
  return { url: KEYED_URL, exit: { ...CRASH_1, stderrTail }, wentLive: false, runMs: 300, stderrTail, ...overrides };
}

// Fixtures from real ffmpeg 5.1.9 runs: rtmp-* by the nginx-rtmp integration test
// (see rtmp-failures.md); stderr-* captured by hand for this classifier with
//   ffmpeg -hide_banner -nostdin -nostats -re -f lavfi -i testsrc2=size=320x240:rate=30
//     -f lavfi -i sine=sample_rate=48000 -c:v libx264 -preset ultrafast -g 60 -c:a aac -t 10 <output>
// where <output> was: -f flv foo://example.com/live/x (protocol-not-found);
// -f flv rtmp://127.0.0.1:99999/live/x (rtmp-bad-port); a second publisher on an
// nginx-rtmp stream name already in use (rtmp-already-publishing); a Node TCP
// server that resets each connection after 300 ms (rtmp-connection-reset);
// -f mpegts srt://127.0.0.1:<unused>?streamid=... (srt-no-listener); and
// -f mpegts -method PUT http://... to a server answering 403 (http-put-403).
const TABLE: { name: string; given: FailureInput; kind: string; code: string; line: RegExp }[] = [
  ...(['info', 'warning'] as const).flatMap((level) => [
    { name: `unknown host (${level})`, given: input({ fixture: `rtmp-unknown-host.loglevel-${level}.txt`, url: 'rtmp://nonexistent.invalid/live/x' }), kind: 'fatal', code: 'OUTPUT_UNKNOWN_HOST', line: /Failed to resolve hostname nonexistent\.invalid: Name or service not known/ },
    { name: `connection refused (${level})`, given: input({ fixture: `rtmp-connection-refused.loglevel-${level}.txt`, runMs: 40 }), kind: 'transient', code: 'OUTPUT_FAILED', line: /failed: Connection refused/ },
    { name: `key refused by on_publish 403 (${level})`, given: input({ fixture: `rtmp-publish-refused.loglevel-${level}.txt`, runMs: 240 }), kind: 'refused', code: 'OUTPUT_KEY_REFUSED', line: /Input\/output error$/ },
    { name: `origin killed while live (${level})`, given: input({ fixture: `rtmp-origin-killed.loglevel-${level}.txt`, wentLive: true, runMs: 4000 }), kind: 'transient', code: 'OUTPUT_FAILED', line: /Broken pipe/ },
    { name: `origin killed before live, quickly (${level})`, given: input({ fixture: `rtmp-origin-killed.loglevel-${level}.txt`, runMs: 600 }), kind: 'transient', code: 'OUTPUT_FAILED', line: /Broken pipe/ },
  ]),
  { name: 'protocol missing from this ffmpeg', given: input({ fixture: 'stderr-protocol-not-found.txt', url: 'rtmps://host/app/key' }), kind: 'fatal', code: 'OUTPUT_UNSUPPORTED_PROTOCOL', line: /Protocol not found/ },
  { name: 'port ffmpeg rejects', given: input({ fixture: 'stderr-rtmp-bad-port.txt' }), kind: 'fatal', code: 'OUTPUT_BAD_URL', line: /Port missing in uri/ },
  { name: 'stream name already publishing', given: input({ fixture: 'stderr-rtmp-already-publishing.txt' }), kind: 'refused', code: 'OUTPUT_KEY_REFUSED', line: /Server error: Already publishing/ },
  { name: 'server resets during the handshake', given: input({ fixture: 'stderr-rtmp-connection-reset.txt' }), kind: 'transient', code: 'OUTPUT_FAILED', line: /Connection reset by peer/ },
  { name: 'SRT with no listener (not an RTMP key problem)', given: input({ fixture: 'stderr-srt-no-listener.txt', url: 'srt://127.0.0.1:19352?streamid=sekretkey123', runMs: 3000 }), kind: 'transient', code: 'OUTPUT_FAILED', line: /Connection to srt:\/\/\S+ failed/ },
  { name: 'HTTP PUT answered 403 (ffmpeg 5.1 only reports the broken pipe)', given: input({ fixture: 'stderr-http-put-403.txt', url: 'http://127.0.0.1:18091/live.ts' }), kind: 'transient', code: 'OUTPUT_FAILED', line: /Broken pipe/ },
  // Lines below are written from ffmpeg's sources (libavformat/http.c, network.c,
  // rtmpproto.c), not captured: these cases need a real service or a broken network.
  { name: 'HTTP 403 status line', given: input({ lines: ['[http @ 0x1] HTTP error 403 Forbidden', 'https://x/live.m3u8: Server returned 403 Forbidden (access denied)'], url: 'https://x/live.m3u8' }), kind: 'refused', code: 'OUTPUT_KEY_REFUSED', line: /HTTP error 403/ },
  { name: 'DNS down (EAI_AGAIN) is transient', given: input({ lines: ['[tcp @ 0x1] Failed to resolve hostname live.twitch.tv: Temporary failure in name resolution', `${redact(KEYED_URL)}: Input/output error`] }), kind: 'transient', code: 'OUTPUT_FAILED', line: /Temporary failure/ },
  { name: 'connect timeout', given: input({ lines: ['[tcp @ 0x1] Connection to tcp://10.0.0.1:1935?tcp_nodelay=0 failed: Connection timed out'], runMs: 130_000 }), kind: 'transient', code: 'OUTPUT_FAILED', line: /timed out/ },
  // redact() takes the ':' after an RTMP key along with the key, hence no colon here.
  { name: 'ffmpeg rejects the URL before connecting', given: input({ lines: ['rtmp://h:1935/live/<redacted> Invalid argument'] }), kind: 'fatal', code: 'OUTPUT_BAD_URL', line: /Invalid argument/ },
  { name: 'mid-stream "Invalid argument" after going live is not a bad URL', given: input({ lines: ['av_interleaved_write_frame(): Invalid argument', 'rtmp://h/live/<redacted>: Invalid argument'], wentLive: true, runMs: 60_000 }), kind: 'transient', code: 'OUTPUT_FAILED', line: /Invalid argument/ },
];

describe('classifyOutputFailure over captured stderr', () => {
  it.each(TABLE)('$name -> $kind $code', ({ given, kind, code, line }) => {
    const verdict = classifyOutputFailure(given);
    expect({ kind: verdict.kind, code: verdict.code }).toEqual({ kind, code });
    expect(verdict.detail).toMatch(line);
    expect(verdict.message.length).toBeGreaterThan(20);
    expect(`${verdict.message} ${verdict.detail}`).not.toContain('sekretkey123');
  });
});

describe('classifyOutputFailure without telling lines', () => {
  const refusedTail = tailOf('rtmp-publish-refused.loglevel-warning.txt');

  it('a bare I/O error is a refusal only inside the window, before going live, for RTMP', () => {
    expect(classifyOutputFailure(input({ lines: refusedTail, runMs: PUBLISH_REFUSAL_WINDOW_MS - 1 })).kind).toBe('refused');
    expect(classifyOutputFailure(input({ lines: refusedTail, runMs: PUBLISH_REFUSAL_WINDOW_MS + 1 })).kind).toBe('transient');
    expect(classifyOutputFailure(input({ lines: refusedTail, wentLive: true })).kind).toBe('transient');
    expect(classifyOutputFailure(input({ lines: refusedTail, url: 'srt://127.0.0.1:9000' })).kind).toBe('transient');
  });

  it('our own kill (watchdog) and a signal we did not send are transient', () => {
    const killed: ExitInfo = { code: null, signal: 'SIGKILL', reason: 'killed', stderrTail: [] };
    const segv: ExitInfo = { code: null, signal: 'SIGSEGV', reason: 'crashed', stderrTail: [] };
    expect(classifyOutputFailure(input({ exit: killed, runMs: 100 })).kind).toBe('transient');
    const crash = classifyOutputFailure(input({ exit: segv, runMs: 100 }));
    expect(crash.kind).toBe('transient');
    expect(crash.message).toContain('SIGSEGV');
  });

  it('a missing ffmpeg is fatal with its own code', () => {
    const exit: ExitInfo = { code: null, signal: null, reason: 'spawn-failed', stderrTail: [], error: 'ENOENT: spawn /nope/ffmpeg ENOENT' };
    const verdict = classifyOutputFailure(input({ exit }));
    expect(verdict).toMatchObject({ kind: 'fatal', code: 'FFMPEG_NOT_FOUND' });
    expect(verdict.detail).toContain('ENOENT');
  });

  it('a URL that fails our own checks is fatal before stderr is read', () => {
    const verdict = classifyOutputFailure(input({ url: 'rtmp://127.0.0.1:99999/live/x', lines: ['Connection refused'] }));
    expect(verdict).toMatchObject({ kind: 'fatal', code: 'OUTPUT_BAD_URL' });
  });

  it('a local target (recording path or output kind) is not taken for a bad URL', () => {
    expect(classifyOutputFailure(input({ url: 'record' })).kind).toBe('transient');
    expect(classifyOutputFailure(input({ url: 'C:\\Videos\\show.mkv' })).kind).toBe('transient');
  });
});

describe('validateOutputUrl', () => {
  const ALL = ['rtmp', 'rtmps', 'srt', 'http', 'https', 'file'];
  it.each([
    ['rtmp://live.twitch.tv/app/live_123_abc', ['rtmp:', 'rtmps:']],
    ['rtmps://a.rtmps.youtube.com:443/live2/abcd-efgh', ['rtmp', 'rtmps']],
    ['srt://ingest.example.com:9000?streamid=abc', ALL],
    ['https://origin.example.com/hls/index.m3u8', ALL],
    ['file:///tmp/out.mkv', ALL],
  ])('accepts %s', (url, allowed) => {
    expect(validateOutputUrl(url, allowed)).toBeNull();
  });

  it.each([
    ['', 'OUTPUT_BAD_URL'],
    ['live.twitch.tv/app/key', 'OUTPUT_BAD_URL'],
    ['rtmp://host/app/key with space', 'OUTPUT_BAD_URL'],
    ['rtmp://127.0.0.1:99999/live/key', 'OUTPUT_BAD_URL'],
    ['rtmp:///live/key', 'OUTPUT_BAD_URL'],
    ['rtmp://live.twitch.tv/app', 'OUTPUT_BAD_URL'],
    ['rtmps://', 'OUTPUT_BAD_URL'],
    ['foo://example.com/live/x', 'OUTPUT_UNSUPPORTED_PROTOCOL'],
    ['srt://host:9000', 'OUTPUT_UNSUPPORTED_PROTOCOL'],
  ])('rejects %j with %s', (url, code) => {
    const err = validateOutputUrl(url, ['rtmp:', 'rtmps:']);
    expect(err?.code).toBe(code);
    expect(err?.message.length).toBeGreaterThan(20);
  });

  it('never puts the stream key in the message, and redacts it in the detail', () => {
    const err = validateOutputUrl('rtmp://host/app/sekretkey123 ', ['rtmp']);
    expect(err).not.toBeNull();
    expect(err?.message).not.toContain('sekretkey123');
    expect(err?.detail).not.toContain('sekretkey123');
    expect(err?.detail).toContain('rtmp://host/app/');
  });
});
