/**
 * Every event main sends to the UIs, one schema each. Health arrives once a
 * second; state whenever it changes. Subscriptions return their unsubscribe.
 */
import { z } from 'zod';
import { HealthSnapshotSchema, OutputHealthSchema } from './health';
import { StudioStateSchema } from './model';

export const EVENTS = {
  /** The whole (redacted) state after any change; small enough to send whole. */
  state: StudioStateSchema,
  health: HealthSnapshotSchema,
  /** One destination changed state (connecting, live, reconnecting, failed). */
  output: OutputHealthSchema,
  /** Something the streamer should see, in their words. */
  notice: z.strictObject({ level: z.enum(['info', 'warning', 'error']), message: z.string(), code: z.string().optional() }),
  /** The engine asks the compositor to start or stop sending program media. */
  mediaRequest: z.strictObject({ send: z.boolean(), path: z.enum(['raw', 'encoded']), width: z.number(), height: z.number(), fps: z.number(), keyframeIntervalS: z.number(), videoBitrateKbps: z.number() }),
} as const;

export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(EVENTS, name);
}
