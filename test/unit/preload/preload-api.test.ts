/**
 * One shape for `window.studio`: the contract's (preload/contract/preload-api.ts),
 * which the preload implements and the renderer's IPC client consumes. Checked at
 * compile time (`npm run typecheck` type-checks this file).
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { IpcReply as ContractIpcReply, StudioPreload as ContractStudioPreload } from '../../../preload/contract/preload-api';
import type { IpcReply as RendererIpcReply, StudioPreload as RendererStudioPreload } from '../../../renderer/bridge/ipc-client';
import { studioPreloadKeys } from '../../../preload/contract/preload-api';
import { METHODS } from '../../../preload/contract/methods';

describe('window.studio', () => {
  it('is the same type in the contract and in the renderer’s client', () => {
    expectTypeOf<RendererStudioPreload>().toEqualTypeOf<ContractStudioPreload>();
    expectTypeOf<RendererIpcReply<{ a: 1 }>>().toEqualTypeOf<ContractIpcReply<{ a: 1 }>>();
  });

  it('has one key per contract method plus three', () => {
    expectTypeOf(studioPreloadKeys).returns.toEqualTypeOf<string[]>();
    const keys = studioPreloadKeys();
    if (keys.length !== Object.keys(METHODS).length + 3) throw new Error(`expected ${Object.keys(METHODS).length + 3} keys, got ${keys.length}`);
  });
});
