/** The current time, updated every TICK_MS while `active` (for elapsed-time readouts). */
import { useEffect, useState } from 'react';

export const TICK_MS = 1000;

export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
