/**
 * What a UI transport or a remote-control adapter needs of the studio: the
 * contract's methods and its events. The Studio implements it; the IPC bridge,
 * the WebSocket bridge and the obs-websocket adapter consume it.
 */
import type { EventName, EventPayload, StudioApi } from '../../preload/contract';

export interface StudioPort {
  api: StudioApi;
  /** Subscribe to an event; returns the unsubscribe. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
