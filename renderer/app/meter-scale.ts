/**
 * The level meters' scale (pure): which dBFS range a bar spans and how a level
 * reads aloud. -60..0 dBFS is where speech and music live; anything quieter
 * shows as an empty bar, and the audio mixer reports silence as its floor.
 */

export const METER_MIN_DB = -60;
export const METER_MAX_DB = 0;
/** Levels above this are loud enough to clip soon (the bar turns yellow, then red near 0). */
export const METER_WARN_DB = -20;
export const METER_DANGER_DB = -9;

/** Where a level sits on the bar, 0..100 (%). */
export function meterPercent(db: number): number {
  if (!Number.isFinite(db) || db <= METER_MIN_DB) return 0;
  if (db >= METER_MAX_DB) return 100;
  return (100 * (db - METER_MIN_DB)) / (METER_MAX_DB - METER_MIN_DB);
}

/** The level as a screen reader says it: "-12 dB", "silent" at or below the bar's floor. */
export function meterText(db: number): string {
  if (!Number.isFinite(db) || db <= METER_MIN_DB) return 'silent';
  return `${Math.round(db)} dB`;
}

/** The value a meter reports (aria-valuenow): the level held within the bar's range, whole dB. */
export function meterValue(db: number): number {
  if (!Number.isFinite(db)) return METER_MIN_DB;
  return Math.round(Math.min(METER_MAX_DB, Math.max(METER_MIN_DB, db)));
}
