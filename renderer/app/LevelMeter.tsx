/**
 * One level meter: the RMS bar (solid), the peak bar (lighter, over the same
 * gradient) and the peak-hold tick. Readings arrive about METER_RATE_HZ times a
 * second, so they are written straight to the DOM through refs, not through
 * React state (re-rendering the mixer 30 times a second is work for nothing).
 * The accessible value is the held peak, refreshed at a readable pace.
 */
import { useEffect, useRef } from 'react';
import { METER_MAX_DB, METER_MIN_DB, meterPercent, meterText, meterValue } from './meter-scale';
import { useProgram } from './program/use-program';

/** Meter updates per second asked of the mixer. */
const METER_RATE_HZ = 30;
/** How often aria-valuenow changes, ms: often enough to read, not a flood for a screen reader. */
const METER_TEXT_INTERVAL_MS = 250;
/** The mixer's floor for a source it is not metering (not attached yet, or beyond its meter slots). */
const SILENT = { peakDb: -Infinity, rmsDb: -Infinity, peakHoldDb: -Infinity };

export function LevelMeter({ meterId, label }: { meterId: string; label: string }) {
  const runtime = useProgram();
  const root = useRef<HTMLDivElement>(null);
  const peak = useRef<HTMLDivElement>(null);
  const rms = useRef<HTMLDivElement>(null);
  const hold = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!runtime) return;
    let lastTextMs = -Infinity;
    return runtime.onMeters((readings) => {
      const r = readings[meterId] ?? SILENT;
      // clip-path keeps the gradient fixed to the whole bar, so a colour always means the same level.
      if (peak.current) peak.current.style.clipPath = `inset(0 ${100 - meterPercent(r.peakDb)}% 0 0)`;
      if (rms.current) rms.current.style.clipPath = `inset(0 ${100 - meterPercent(r.rmsDb)}% 0 0)`;
      if (hold.current) {
        hold.current.style.left = `${meterPercent(r.peakHoldDb)}%`;
        hold.current.hidden = meterPercent(r.peakHoldDb) === 0;
      }
      const now = performance.now();
      if (root.current && now - lastTextMs >= METER_TEXT_INTERVAL_MS) {
        lastTextMs = now;
        root.current.setAttribute('aria-valuenow', String(meterValue(r.peakHoldDb)));
        root.current.setAttribute('aria-valuetext', meterText(r.peakHoldDb));
      }
    }, METER_RATE_HZ);
  }, [runtime, meterId]);

  return (
    <div ref={root} className="meter" role="meter" aria-label={label} aria-valuemin={METER_MIN_DB} aria-valuemax={METER_MAX_DB} aria-valuenow={METER_MIN_DB} aria-valuetext="silent">
      <div ref={peak} className="meter-fill meter-peak" style={{ clipPath: 'inset(0 100% 0 0)' }} />
      <div ref={rms} className="meter-fill meter-rms" style={{ clipPath: 'inset(0 100% 0 0)' }} />
      <div ref={hold} className="meter-hold" hidden />
    </div>
  );
}
