/**
 * The panes' sizes for this browser profile: read from localStorage once,
 * fitted to the window (again whenever it is resized), written back after
 * each change. Storage can be missing or full (a private window): the layout
 * then works for this session only.
 */
import { useCallback, useEffect, useState } from 'react';
import { STORAGE_KEY, fitPanes, parseStoredSizes, type Pane, type PaneSizes, type Viewport } from './pane-sizes';

function viewport(): Viewport {
  return { width: window.innerWidth, height: window.innerHeight };
}

function readStored(): PaneSizes {
  try {
    return parseStoredSizes(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return parseStoredSizes(null);
  }
}

export interface PaneLayout {
  sizes: PaneSizes;
  /** Sets one pane's size, fitted to the window (the other panes give way first). */
  resize(pane: Pane, px: number): void;
}

export function usePaneSizes(): PaneLayout {
  // What the user set (fitted to the window at the time); shown fitted to the current window.
  const [wanted, setWanted] = useState<PaneSizes>(readStored);
  const [view, setView] = useState<Viewport>(viewport);

  useEffect(() => {
    const onResize = () => setView(viewport());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  useEffect(() => {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(wanted));
    } catch {
      // Not remembered; the layout still works.
    }
  }, [wanted]);

  const resize = useCallback((pane: Pane, px: number) => {
    // Store what fits now: dragging past a limit must not leave a hidden surplus to unwind.
    setWanted((w) => fitPanes({ ...w, [pane]: px }, viewport(), pane));
  }, []);

  return { sizes: fitPanes(wanted, view), resize };
}
