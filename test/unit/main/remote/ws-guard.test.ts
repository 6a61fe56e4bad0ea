import { describe, expect, it } from 'vitest';
import { MESSAGE_BURST, MAX_MESSAGES_PER_SECOND, TokenBucket, checkUpgrade, isAllowedOrigin, safeJsonParse } from '../../../../main/remote/ws-guard';

const STUDIO_UI = 'http://127.0.0.1:5173';

type OriginCase = [origin: string | undefined, allowed: string[], expected: boolean, why: string];

describe('isAllowedOrigin', () => {
  it.each<OriginCase>([
    // [origin header, allowed list, expected, why]
    [undefined, [STUDIO_UI], true, 'no Origin: a native client (Stream Deck, Companion, Node)'],
    [undefined, [], true, 'no Origin is allowed even with an empty list'],
    [STUDIO_UI, [STUDIO_UI], true, "the studio's own UI"],
    ['HTTP://127.0.0.1:5173', [STUDIO_UI], true, 'scheme case does not matter'],
    ['http://localhost:80', ['http://localhost'], true, 'the default port is the same origin'],
    ['http://evil.example', [STUDIO_UI], false, 'any other web page'],
    ['http://127.0.0.1:5174', [STUDIO_UI], false, 'another port is another origin'],
    ['https://127.0.0.1:5173', [STUDIO_UI], false, 'another scheme is another origin'],
    ['http://127.0.0.1:5173.evil.example', [STUDIO_UI], false, 'a prefix match is not a match'],
    ['null', ['null'], false, 'the opaque "null" origin (sandboxed iframe, file://) is never trusted'],
    ['', [STUDIO_UI], false, 'an empty Origin header'],
    ['not a url', [STUDIO_UI], false, 'junk'],
    ['http://127.0.0.1:5173/path', [STUDIO_UI], false, 'an origin never has a path'],
    [STUDIO_UI, [], false, 'a browser with nothing allowed'],
  ])('%s with %j -> %s (%s)', (origin, allowed, expected) => {
    expect(isAllowedOrigin(origin, allowed)).toBe(expected);
  });
});

describe('checkUpgrade', () => {
  const policy = { allowedOrigins: [STUDIO_UI], openConnections: 0, maxConnections: 2 };

  it('lets a native client in', () => {
    expect(checkUpgrade({ headers: {} }, policy)).toEqual({ ok: true });
  });

  it('refuses a foreign browser origin with 403 before anything else', () => {
    expect(checkUpgrade({ headers: { origin: 'http://evil.example' } }, { ...policy, openConnections: 5 })).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses with 503 when the server is full', () => {
    expect(checkUpgrade({ headers: {} }, { ...policy, openConnections: 2 })).toMatchObject({ ok: false, status: 503 });
  });
});

describe('TokenBucket', () => {
  function drive(perSecond: number, burst: number) {
    let nowMs = 0;
    const bucket = new TokenBucket(perSecond, burst, () => nowMs);
    const takeMany = (n: number) => Array.from({ length: n }, () => bucket.take()).filter(Boolean).length;
    return { bucket, takeMany, advance: (ms: number) => (nowMs += ms) };
  }

  it('allows a burst, then refuses until time refills it', () => {
    const { takeMany, advance } = drive(10, 20);
    expect(takeMany(25)).toBe(20);
    advance(100); // 0.1 s at 10/s = 1 token
    expect(takeMany(5)).toBe(1);
    advance(1000);
    expect(takeMany(50)).toBe(10);
  });

  it('never holds more than its burst however long it idles', () => {
    const { takeMany, advance } = drive(10, 20);
    advance(3_600_000);
    expect(takeMany(100)).toBe(20);
  });

  it('keeps up the sustained rate exactly', () => {
    const { takeMany, advance } = drive(MAX_MESSAGES_PER_SECOND, MESSAGE_BURST);
    takeMany(MESSAGE_BURST);
    let allowed = 0;
    for (let ms = 0; ms < 10_000; ms += 10) {
      advance(10);
      allowed += takeMany(5);
    }
    expect(allowed).toBe(MAX_MESSAGES_PER_SECOND * 10);
  });

  it('does not refill when the clock goes backwards', () => {
    const { takeMany, advance } = drive(10, 2);
    takeMany(2);
    advance(-5000);
    expect(takeMany(1)).toBe(0);
  });
});

describe('safeJsonParse', () => {
  it('returns the value of valid JSON', () => {
    expect(safeJsonParse('{"op":1,"d":{"x":[1,2]}}')).toEqual({ ok: true, value: { op: 1, d: { x: [1, 2] } } });
  });

  it.each(['{', '', 'undefined', "{'a':1}", '{"a":1}garbage'])('reports %j instead of throwing', (text) => {
    const result = safeJsonParse(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
  });
});
