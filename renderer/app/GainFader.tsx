/**
 * A source's gain in dB (-60..+20, the model's range). While it is dragged the
 * fader shows the hand's value and sends it at most every FADER_SEND_INTERVAL_MS
 * (the studio saves and re-broadcasts the whole state on every change), always
 * ending with the value it was let go at; then it follows the studio again.
 */
import { useEffect, useMemo, useState } from 'react';
import { ErrorText } from './ErrorText';
import { formatDb } from './format';
import { throttle } from './program/throttle';
import { useStudio } from './studio-context';

export const MIN_GAIN_DB = -60;
export const MAX_GAIN_DB = 20;
/** ~10 gain changes a second while dragging. */
export const FADER_SEND_INTERVAL_MS = 100;
const FADER_STEP_DB = 0.5;

export function GainFader({ sourceId, name, gainDb }: { sourceId: string; name: string; gainDb: number }) {
  const { api } = useStudio();
  const [dragged, setDragged] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Calls go straight to the api, not through useAction: a value sent while the
  // previous one is still on its way must not be dropped.
  const sender = useMemo(
    () =>
      throttle((value: number) => {
        api.updateSource({ sourceId, audio: { gainDb: value } }).then(
          () => setError(null),
          (e: unknown) => {
            setError(e instanceof Error ? e.message : String(e));
            setDragged(null);
          },
        );
      }, FADER_SEND_INTERVAL_MS),
    [api, sourceId],
  );
  useEffect(() => () => sender.flush(), [sender]);
  // The studio has caught up with the hand: follow it again (a change from elsewhere shows).
  useEffect(() => {
    if (dragged !== null && Math.abs(gainDb - dragged) < FADER_STEP_DB / 2) setDragged(null);
  }, [gainDb, dragged]);

  const value = dragged ?? gainDb;
  return (
    <div className="fader">
      <input
        type="range"
        min={MIN_GAIN_DB}
        max={MAX_GAIN_DB}
        step={FADER_STEP_DB}
        value={value}
        aria-label={`${name} volume`}
        aria-valuetext={formatDb(value)}
        onChange={(e) => {
          const next = Number(e.target.value);
          setDragged(next);
          sender.push(next);
        }}
        onPointerUp={() => sender.flush()}
        onKeyUp={() => sender.flush()}
        onBlur={() => sender.flush()}
        onDoubleClick={() => {
          // Back to unity gain, as on a console.
          setDragged(0);
          sender.push(0);
          sender.flush();
        }}
      />
      <output className="fader-value" aria-hidden="true">
        {formatDb(value)}
      </output>
      <ErrorText message={error} />
    </div>
  );
}
