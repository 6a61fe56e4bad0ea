/**
 * The engine's last 'mediaRequest', kept from the moment the client exists.
 * The studio sends it once after each hello (and on every change); the program
 * runtime is made later, by React, so without this memory a page opened while
 * live could miss the request and leave viewers on the slate.
 */
import type { EventPayload } from '../../../preload/contract';
import type { StudioClient } from '../../bridge/studio-client';

export type MediaRequest = EventPayload<'mediaRequest'>;

export interface MediaRequests {
  /** Like client.on('mediaRequest'), but a new listener first hears the last request. */
  on(event: 'mediaRequest', cb: (request: MediaRequest) => void): () => void;
  /** The connection dropped: the last request no longer holds (the next hello brings a fresh one). */
  forget(): void;
  dispose(): void;
}

export function rememberMediaRequests(client: Pick<StudioClient, 'on' | 'onConnection'>): MediaRequests {
  let last: MediaRequest | null = null;
  const listeners = new Set<(request: MediaRequest) => void>();
  const offs = [
    client.on('mediaRequest', (request) => {
      last = request;
      for (const cb of [...listeners]) cb(request);
    }),
    client.onConnection((state) => {
      if (state !== 'open') last = null;
    }),
  ];
  return {
    on(_event, cb) {
      listeners.add(cb);
      if (last) cb(last);
      return () => {
        listeners.delete(cb);
      };
    },
    forget() {
      last = null;
    },
    dispose() {
      for (const off of offs) off();
      listeners.clear();
    },
  };
}
