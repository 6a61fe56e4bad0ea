/**
 * The counters behind the rating, kept for the last RATING_WINDOW_S snapshots so
 * the rating judges what happens now, not since the start (pure: the broadcast
 * feeds it once per snapshot). Also turns the pacer's producer figures into the
 * ProducerHealth the UI and the CLI show.
 */
import type { OutputHealth, ProducerHealth } from '../../../preload/contract/health';
import type { PacerStats } from '../pacer/pacer-types';
import { VIDEO_ACTIVE_US } from '../pacer/raw-pacer';
import type { WindowStats } from './rate-health';

/** Seconds of history the rating is judged over. */
export const RATING_WINDOW_S = 10;
/** A producer silent for longer than this is frozen (as the pacer sees it: it has stopped), s. */
export const PRODUCER_FROZEN_AFTER_S = VIDEO_ACTIVE_US / 1_000_000;

interface CounterSample {
  slots: number;
  framesOut: number;
  duplicated: number;
  dropped: number;
  outputs: Map<string, { sent: number; dropped: number }>;
}

export interface WindowInput {
  targetFps: number;
  /** Video + audio bitrate of the shared stream, kb/s. */
  targetKbps: number;
  stats: PacerStats;
  outputs: readonly OutputHealth[];
  producer: ProducerHealth | null;
  /** When the slate replaces a stopped picture, s; undefined where there is none (encoded path). */
  slateAfterS: number | undefined;
  encoderRestarts: number;
  /** Seconds since the encoder was last restarted after a crash; null if never. */
  encoderRestartedAgoS: number | null;
}

export class HealthWindow {
  private readonly history: CounterSample[] = [];

  constructor(private readonly windowS = RATING_WINDOW_S) {}

  /** Record this snapshot's counters; returns the window for the rating and the fps of the last interval. */
  add(input: WindowInput): { window: WindowStats; fpsLastInterval: number } {
    const { stats, outputs } = input;
    const sample: CounterSample = {
      slots: stats.framesOut + stats.dropped,
      framesOut: stats.framesOut,
      duplicated: stats.duplicated,
      dropped: stats.dropped,
      outputs: new Map(outputs.map((o) => [o.id, { sent: o.framesSent, dropped: o.framesDropped }])),
    };
    this.history.push(sample);
    if (this.history.length > this.windowS + 1) this.history.shift();
    const oldest = this.history[0]!;
    const prev = this.history[this.history.length - 2] ?? oldest;
    const spanS = Math.max(1, this.history.length - 1);
    const window: WindowStats = {
      targetFps: input.targetFps,
      fps: this.history.length > 1 ? (sample.slots - oldest.slots - (sample.dropped - oldest.dropped)) / spanS : input.targetFps,
      slots: sample.slots - oldest.slots,
      duplicated: sample.duplicated - oldest.duplicated,
      dropped: sample.dropped - oldest.dropped,
      producer: input.producer,
      slateAfterS: input.slateAfterS,
      encoderRestarts: input.encoderRestarts,
      encoderRestartedAgoS: input.encoderRestartedAgoS,
      outputs: outputs.map((o) => {
        const before = oldest.outputs.get(o.id) ?? { sent: 0, dropped: 0 };
        return {
          name: o.name,
          state: o.state,
          bitrateKbps: o.bitrateKbps,
          targetKbps: input.targetKbps,
          framesSent: o.framesSent - before.sent,
          framesDropped: o.framesDropped - before.dropped,
          reconnects: o.reconnects,
          nextRetryInS: o.nextRetryInS,
          lastError: o.lastError,
          uptimeS: o.uptimeS,
          outageS: o.outageS ?? null,
          lastOutageS: o.lastOutageS ?? null,
          adaptive: o.adaptive ?? null,
        };
      }),
    };
    return { window, fpsLastInterval: sample.framesOut - prev.framesOut };
  }
}

/** What the producer is doing, from the pacer's view of it. */
export function producerHealth(stats: PacerStats, fps: number): ProducerHealth {
  const ageS = stats.videoAgeUs < 0 ? null : Math.round(stats.videoAgeUs / 100_000) / 10;
  let state: ProducerHealth['state'] = 'live';
  if (ageS === null) state = 'waiting';
  else if (stats.standIn) state = 'slate';
  else if (ageS > PRODUCER_FROZEN_AFTER_S) state = 'frozen';
  return { state, videoAgeS: ageS, slateShows: stats.slateShows, slateS: Math.round((stats.slateFrames / fps) * 10) / 10 };
}
