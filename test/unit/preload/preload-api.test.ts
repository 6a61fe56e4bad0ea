/**
 * `window.studio`'s keys: the contract's methods and the three extras
 * (preload/contract/preload-api.ts, the one type the preload implements and the
 * renderer's IPC client consumes).
 */
import { describe, expectTypeOf, it } from 'vitest';
import { studioPreloadKeys } from '../../../preload/contract/preload-api';
import { METHODS } from '../../../preload/contract/methods';

describe('window.studio', () => {
  it('has one key per contract method plus three', () => {
    expectTypeOf(studioPreloadKeys).returns.toEqualTypeOf<string[]>();
    const keys = studioPreloadKeys();
    if (keys.length !== Object.keys(METHODS).length + 3) throw new Error(`expected ${Object.keys(METHODS).length + 3} keys, got ${keys.length}`);
  });
});
