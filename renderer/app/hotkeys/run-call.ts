/** Sends one typed contract call (as callsForAction builds them) through the window's api. */
import type { StudioApi } from '../../../preload/contract';
import type { StudioCall } from '../../../preload/contract/hotkeys';

export function runCall(api: StudioApi, call: StudioCall): Promise<unknown> {
  // StudioCall pairs each method with its own params; TypeScript cannot follow that pairing through an index.
  const method = api[call.method] as (params: unknown) => Promise<unknown>;
  return method(call.params);
}
