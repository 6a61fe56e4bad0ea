/**
 * The browser-mode bridge's wire format: the contract over one WebSocket.
 * Text frames carry JSON control messages; binary frames carry media
 * (preload/contract/media.ts). The UI connects with the token from its URL.
 *
 *   client -> server  { type: 'hello' }                          then events start flowing
 *   client -> server  { type: 'call', id, method, params }
 *   server -> client  { type: 'welcome', contractVersion, state }
 *   server -> client  { type: 'result', id, result } | { type: 'error', id, error: { code, message, detail } }
 *   server -> client  { type: 'event', event, payload }
 */
import { z } from 'zod';

export { BRIDGE_PATH } from '../../../preload/contract/transport';

export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello') }),
  z.strictObject({ type: z.literal('call'), id: z.number().int().nonnegative(), method: z.string().max(64), params: z.unknown() }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export type ServerMessage =
  | { type: 'welcome'; contractVersion: number; state: unknown }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number | null; error: { code: string; message: string; detail: string } }
  | { type: 'event'; event: string; payload: unknown };
