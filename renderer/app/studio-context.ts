/**
 * How components reach the studio: the named API (derived from the contract)
 * for calls, the store's snapshot for what to show, and the client itself for
 * the program runtime (media goes through it, not through calls). Provided once
 * by main.tsx.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { StudioApi } from '../../preload/contract';
import type { StudioClient } from '../bridge/studio-client';
import type { MediaRequests } from './program/media-requests';
import type { StudioStore, StudioView } from './studio-store';

export interface StudioContextValue {
  api: StudioApi;
  store: StudioStore;
  client: StudioClient;
  /** The engine's media requests, remembered from the start (program/media-requests.ts says why). */
  mediaRequests: MediaRequests;
}

export const StudioContext = createContext<StudioContextValue | null>(null);

export function useStudio(): StudioContextValue {
  const value = useContext(StudioContext);
  if (!value) throw new Error('useStudio must be used inside <StudioContext.Provider>');
  return value;
}

/** The latest snapshot; the component re-renders when the studio says something changed. */
export function useStudioView(): StudioView {
  const { store } = useStudio();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
