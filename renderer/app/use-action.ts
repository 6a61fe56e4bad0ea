/**
 * One button's call to the studio: whether it is running, and the error it
 * ended with, in the studio's own words, to show next to that button.
 */
import { useCallback, useRef, useState } from 'react';

export interface Action {
  pending: boolean;
  error: string | null;
  /** Runs `f`; resolves to its result, or undefined when it failed (the error is kept). */
  run<T>(f: () => Promise<T>): Promise<T | undefined>;
  clearError(): void;
}

export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A second click while the first call runs is ignored rather than sent twice.
  const running = useRef(false);
  const run = useCallback(async <T,>(f: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setPending(true);
    setError(null);
    try {
      return await f();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return undefined;
    } finally {
      running.current = false;
      setPending(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { pending, error, run, clearError };
}
