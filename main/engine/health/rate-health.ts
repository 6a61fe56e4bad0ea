/**
 * The one coloured indicator (pure): good, warning or bad, with the reasons in
 * words a streamer understands. Judged over a recent window, not since the start,
 * so a problem shows while it happens and clears when it is over.
 */
import type { OutputState, Rating } from '../../../preload/contract/health';

/** Share of frames lost above which the rating is a warning / bad. */
export const LOSS_WARNING = 0.01;
export const LOSS_BAD = 0.05;
/** Output fps as a share of the target below which the rating is a warning / bad. */
export const FPS_WARNING = 0.95;
export const FPS_BAD = 0.8;

export interface WindowStats {
  targetFps: number;
  /** Frames per second written to the encoder over the window. */
  fps: number;
  /** Frame slots in the window (written + dropped). */
  slots: number;
  duplicated: number;
  dropped: number;
  outputs: Array<{
    name: string;
    state: OutputState;
    bitrateKbps: number;
    targetKbps: number;
    framesSent: number;
    framesDropped: number;
    reconnects: number;
    nextRetryInS: number | null;
    lastError: string | null;
  }>;
}

export interface RatingResult {
  rating: Rating;
  reasons: string[];
}

const ORDER: Record<Rating, number> = { good: 0, warning: 1, bad: 2 };

export function rateHealth(w: WindowStats): RatingResult {
  let rating: Rating = 'good';
  const reasons: string[] = [];
  const raise = (level: Rating, reason: string) => {
    if (ORDER[level] > ORDER[rating]) rating = level;
    reasons.push(reason);
  };

  if (w.slots > 0) {
    const fpsShare = w.fps / w.targetFps;
    if (fpsShare < FPS_BAD) raise('bad', `the stream runs at ${w.fps.toFixed(1)} fps instead of ${w.targetFps}: your computer cannot keep up; lower the resolution or frame rate`);
    else if (fpsShare < FPS_WARNING) raise('warning', `the stream runs at ${w.fps.toFixed(1)} fps instead of ${w.targetFps}`);

    const dropShare = w.dropped / w.slots;
    const dropText = `the encoder is dropping ${percent(dropShare)} of frames: it cannot keep up; choose a faster encoder preset, a hardware encoder, or a lower resolution`;
    if (dropShare > LOSS_BAD) raise('bad', dropText);
    else if (dropShare > LOSS_WARNING) raise('warning', dropText);

    const dupShare = w.duplicated / w.slots;
    const dupText = `${percent(dupShare)} of frames were repeated because the picture arrived late: close other heavy programs or simplify the scene`;
    if (dupShare > LOSS_BAD) raise('bad', dupText);
    else if (dupShare > LOSS_WARNING) raise('warning', dupText);
  }

  for (const o of w.outputs) {
    if (o.state === 'failed') {
      raise('bad', `output '${o.name}' failed${o.lastError ? `: ${o.lastError}` : ''}`);
      continue;
    }
    if (o.state === 'reconnecting') {
      const next = o.nextRetryInS === null ? '' : `, next try in ${Math.ceil(o.nextRetryInS)} s`;
      raise('warning', `output '${o.name}' lost its connection and is reconnecting (attempt ${o.reconnects}${next})${o.lastError ? `: ${o.lastError}` : ''}`);
      continue;
    }
    const total = o.framesSent + o.framesDropped;
    if (total === 0) continue;
    const share = o.framesDropped / total;
    const text = `output '${o.name}' is dropping ${percent(share)} of frames: your upload cannot keep ${o.targetKbps} kb/s; lower the bitrate`;
    if (share > LOSS_BAD) raise('bad', text);
    else if (share > LOSS_WARNING) raise('warning', text);
  }
  return { rating, reasons };
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}
