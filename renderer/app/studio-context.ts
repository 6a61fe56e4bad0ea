/**
 * How components reach the studio: the named API (derived from the contract)
 * for calls, and the store's snapshot for what to show. Provided once by main.tsx.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { StudioApi } from '../../preload/contract';
import type { StudioStore, StudioView } from './studio-store';

export interface StudioContextValue {
  api: StudioApi;
  store: StudioStore;
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
