/**
 * The one coloured indicator (pure): good, warning or bad, with the reasons in
 * words a streamer understands. Judged over a recent window, not since the start,
 * so a problem shows while it happens and clears when it is over.
 */
import type { AdaptiveBitrateHealth, OutputState, ProducerHealth, Rating } from '../../../preload/contract/health';

/** Share of frames lost above which the rating is a warning / bad. */
export const LOSS_WARNING = 0.01;
export const LOSS_BAD = 0.05;
/** Output fps as a share of the target below which the rating is a warning / bad. */
export const FPS_WARNING = 0.95;
export const FPS_BAD = 0.8;
/** An output back from an outage is mentioned for this long after it came back, s. */
export const RECOVERED_NOTICE_S = 10;
/** An encoder restart is mentioned for this long after it happened, s. */
export const ENCODER_RESTART_NOTICE_S = 10;

export interface WindowStats {
  targetFps: number;
  /** Frames per second written to the encoder over the window. */
  fps: number;
  /** Frame slots in the window (written + dropped). */
  slots: number;
  duplicated: number;
  dropped: number;
  /** The picture's producer (optional: absent means it is not judged). */
  producer?: ProducerHealth | null;
  /** When the slate replaces a stopped picture, s (for the words); absent where there is no slate. */
  slateAfterS?: number | undefined;
  encoderRestarts?: number;
  encoderRestartedAgoS?: number | null;
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
    uptimeS?: number;
    /** Length of the outage going on now, s. */
    outageS?: number | null;
    /** Length of the last outage that ended, s. */
    lastOutageS?: number | null;
    adaptive?: AdaptiveBitrateHealth | null;
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

  const producer = w.producer;
  if (producer?.state === 'frozen') {
    const next = w.slateAfterS === undefined ? '' : `; the be-right-back slate follows after ${w.slateAfterS} s`;
    raise('warning', `the studio window has sent no picture for ${Math.floor(producer.videoAgeS ?? 0)} s: viewers see the last frame${next}`);
  } else if (producer?.state === 'slate') {
    raise('warning', `the studio window stopped sending the picture: viewers see the be-right-back slate (no picture for ${Math.floor(producer.videoAgeS ?? 0)} s)`);
  }
  if (w.encoderRestartedAgoS !== undefined && w.encoderRestartedAgoS !== null && w.encoderRestartedAgoS < ENCODER_RESTART_NOTICE_S) {
    raise('warning', `the encoder stopped unexpectedly and was restarted ${Math.round(w.encoderRestartedAgoS)} s ago (restart ${w.encoderRestarts ?? 1}); every output resumed from its first keyframe`);
  }

  for (const o of w.outputs) {
    if (o.state === 'failed') {
      raise('bad', `output '${o.name}' failed${o.lastError ? `: ${o.lastError}` : ''}`);
      continue;
    }
    if (o.state === 'reconnecting') {
      const next = o.nextRetryInS === null ? '' : `, next try in ${Math.ceil(o.nextRetryInS)} s`;
      const down = o.outageS === undefined || o.outageS === null ? 'lost its connection' : `has been down for ${seconds(o.outageS)}`;
      raise('warning', `output '${o.name}' ${down} and is reconnecting (attempt ${o.reconnects}${next})${o.lastError ? `: ${o.lastError}` : ''}`);
      continue;
    }
    if (o.state === 'live' && o.lastOutageS !== undefined && o.lastOutageS !== null && (o.uptimeS ?? Infinity) < RECOVERED_NOTICE_S) {
      raise('warning', `output '${o.name}' is back after being down for ${seconds(o.lastOutageS)}`);
    }
    // A destination on a lower rung is still live; the reason says what it gets and why.
    if (o.adaptive?.reason) raise('warning', `output '${o.name}': ${o.adaptive.reason}`);
    const total = o.framesSent + o.framesDropped;
    if (total === 0) continue;
    const share = o.framesDropped / total;
    const text = `output '${o.name}' is dropping ${percent(share)} of frames: your upload cannot keep ${o.targetKbps} kb/s; lower the bitrate`;
    if (share > LOSS_BAD) raise('bad', text);
    else if (share > LOSS_WARNING) raise('warning', text);
  }
  return { rating, reasons };
}

function seconds(s: number): string {
  return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}
