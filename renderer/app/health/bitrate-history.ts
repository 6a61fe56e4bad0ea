/**
 * The last minute of each destination's bitrate, for the health chart. Fed one
 * health snapshot at a time (the engine sends one a second); read as columns a
 * chart can draw directly: the times, then one row of values per destination,
 * null where that destination was not running.
 *
 * A new broadcast (the snapshot's uptime went back) starts an empty chart, so
 * the end of the last stream never shows as part of this one.
 */
import type { HealthSnapshot } from '../../../preload/contract';
import { RingBuffer } from './ring-buffer';

/** How much history the chart shows, seconds. */
export const HISTORY_WINDOW_S = 60;
/** Samples kept: the engine sends one a second; twice that leaves room for bursts after a stall. */
export const HISTORY_CAPACITY = 2 * HISTORY_WINDOW_S;

interface Sample {
  /** Seconds since the epoch (the snapshot's own time, so a late event lands where it belongs). */
  timeS: number;
  uptimeS: number;
  kbps: ReadonlyMap<string, number>;
}

export interface BitrateSeries {
  id: string;
  name: string;
  /** One per time; null while this destination had no output. */
  values: (number | null)[];
}

export interface BitrateWindow {
  /** Oldest first, seconds since the epoch. */
  times: number[];
  series: BitrateSeries[];
  /** The window's right edge (the newest sample's time), or null when empty. */
  endS: number | null;
}

export class BitrateHistory {
  private readonly samples = new RingBuffer<Sample>(HISTORY_CAPACITY);
  /** Latest name of each destination seen, in the order they first appeared. */
  private readonly names = new Map<string, string>();

  add(health: HealthSnapshot): void {
    const timeS = Date.parse(health.time) / 1000;
    if (!Number.isFinite(timeS)) return;
    const last = this.samples.last();
    if (last && health.uptimeS < last.uptimeS) this.clear();
    else if (last && timeS <= last.timeS) return; // a repeat (a reconnected window asks for the latest again)
    const kbps = new Map<string, number>();
    for (const o of health.outputs) {
      // Recordings are files, not destinations: their rate is the encoder's and says nothing about a network.
      if (o.kind === 'record') continue;
      kbps.set(o.id, o.bitrateKbps);
      this.names.set(o.id, o.name);
    }
    this.samples.push({ timeS, uptimeS: health.uptimeS, kbps });
  }

  /** The samples within HISTORY_WINDOW_S of the newest, one series per destination seen in them. */
  window(): BitrateWindow {
    const all = this.samples.toArray();
    const endS = all.at(-1)?.timeS ?? null;
    if (endS === null) return { times: [], series: [], endS };
    const recent = all.filter((s) => s.timeS >= endS - HISTORY_WINDOW_S);
    const ids = [...this.names.keys()].filter((id) => recent.some((s) => s.kbps.has(id)));
    return {
      times: recent.map((s) => s.timeS),
      series: ids.map((id) => ({ id, name: this.names.get(id) ?? id, values: recent.map((s) => s.kbps.get(id) ?? null) })),
      endS,
    };
  }

  clear(): void {
    this.samples.clear();
    this.names.clear();
  }
}

/** How many points a series really has (what the chart draws, and what a test can count). */
export function pointCount(series: BitrateSeries): number {
  return series.values.filter((v) => v !== null).length;
}
