/**
 * The bitrate history of this window, fed by every health event from the
 * studio while the component using it is mounted. Returns the window to draw;
 * the component re-renders once per snapshot.
 */
import { useEffect, useState } from 'react';
import { useStudio } from '../studio-context';
import { BitrateHistory, type BitrateWindow } from './bitrate-history';

export function useBitrateHistory(): BitrateWindow {
  const { client } = useStudio();
  // One history per mounted dashboard: made lazily by useState so a re-render never starts it over.
  const [history] = useState(() => new BitrateHistory());
  const [latest, setLatest] = useState<BitrateWindow>(() => history.window());
  useEffect(
    () =>
      client.on('health', (health) => {
        history.add(health);
        setLatest(history.window());
      }),
    [client, history],
  );
  return latest;
}
