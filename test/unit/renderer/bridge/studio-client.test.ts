import { describe, expect, it, vi } from 'vitest';
import { METHODS, type MethodName } from '../../../../preload/contract';
import { StudioClientError, api, concatParts, errorFromWire, eventFromWire, resultFromWire } from '../../../../renderer/bridge/studio-client';
import { healthFixture } from '../../../helpers/studio-fixtures';

describe('api()', () => {
  it('has one function per contract method, each calling that method with its params', async () => {
    const calls: Array<[string, unknown]> = [];
    const surface = api({
      call: async (method, params) => {
        calls.push([method, params]);
        // Stands in for any method's result: only its identity is checked.
        return { echoed: method } as never;
      },
    });
    const names = Object.keys(METHODS) as MethodName[];
    expect(Object.keys(surface).sort()).toEqual([...names].sort());
    for (const name of names) {
      const fn = surface[name] as (p: unknown) => Promise<unknown>;
      await expect(fn({ marker: name })).resolves.toEqual({ echoed: name });
    }
    expect(calls).toEqual(names.map((name) => [name, { marker: name }]));
  });
});

describe('errorFromWire', () => {
  it('keeps the studio code, message and detail', () => {
    const e = errorFromWire({ code: 'CONFLICT', message: 'You are already live.', detail: 'd' });
    expect(e).toBeInstanceOf(StudioClientError);
    expect({ code: e.code, message: e.message, detail: e.detail }).toEqual({ code: 'CONFLICT', message: 'You are already live.', detail: 'd' });
  });

  it('turns anything else into BAD_RESPONSE', () => {
    expect(errorFromWire({ code: 'NOPE', message: 1 }).code).toBe('BAD_RESPONSE');
    expect(errorFromWire(undefined).code).toBe('BAD_RESPONSE');
  });
});

describe('resultFromWire', () => {
  it('returns a result that matches the method schema', () => {
    expect(resultFromWire('goLive', { watchUrl: null })).toEqual({ watchUrl: null });
  });

  it('refuses one that does not', () => {
    expect(() => resultFromWire('createScene', { sceneId: 42 })).toThrow(expect.objectContaining({ code: 'BAD_RESPONSE' }));
  });
});

describe('eventFromWire', () => {
  it('passes a valid payload', () => {
    const warn = vi.fn();
    expect(eventFromWire('health', healthFixture(), warn)).toEqual(healthFixture());
    expect(warn).not.toHaveBeenCalled();
  });

  it('drops an invalid one with a warning naming the event', () => {
    const warn = vi.fn();
    expect(eventFromWire('health', { rating: 'splendid' }, warn)).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"health"'));
  });
});

describe('concatParts', () => {
  it('joins header and payload in order', () => {
    expect([...concatParts([Uint8Array.of(1, 2), Uint8Array.of(3), Uint8Array.of()])]).toEqual([1, 2, 3]);
  });

  it('sends a single part as it is, without copying', () => {
    const only = Uint8Array.of(9, 8);
    expect(concatParts([only])).toBe(only);
  });
});
