/**
 * One contract call, from whatever arrived to a reply: the second of the two
 * checks at the boundary (CONVENTIONS habit 4). The method must be the
 * contract's, its params must pass METHODS[m].params, and whatever the Studio
 * throws comes back as a coded error `{ code, message, detail }` with every
 * secret redacted. No Electron here: the gateway (ipc.ts), the hotkeys and the
 * tray all call through it, and tests call it directly.
 */
import { METHODS, StudioError, isMethodName, type StudioApi } from '../../preload/contract';
import type { IpcReply } from '../../preload/contract/preload-api';
import type { Logger } from '../engine/logger';
import { formatZodError } from '../studio/persistence/zod-error';
import { asStudioError } from '../studio/studio-broadcast';

export interface DispatchContext {
  logger: Pick<Logger, 'error'>;
  redact: (text: string) => string;
}

export async function dispatchCall(api: StudioApi, method: unknown, params: unknown, context: DispatchContext): Promise<IpcReply<unknown>> {
  const fail = (error: StudioError): IpcReply<unknown> => ({
    ok: false,
    error: { code: error.code, message: context.redact(error.message), detail: context.redact(error.detail) },
  });
  if (!isMethodName(method)) return fail(new StudioError('UNKNOWN_METHOD', `There is no method "${String(method).slice(0, 64)}".`));
  // A method without params may be called with none at all.
  const parsed = METHODS[method].params.safeParse(params === undefined ? {} : params);
  if (!parsed.success) return fail(new StudioError('BAD_REQUEST', `${method}: ${formatZodError(parsed.error)}`));
  try {
    // METHODS and StudioApi share their keys; indexing with a union loses the per-method pairing.
    const handler = api[method] as (p: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (err) {
    const error = asStudioError(err);
    if (error.code === 'INTERNAL') context.logger.error(`${method} failed: ${context.redact(error.detail)}`);
    return fail(error);
  }
}
