/**
 * When program video is dropped on its way into the engine (pure).
 *
 * Audio is never dropped here: it is the engine's master clock, and a gap in it
 * is a gap in the broadcast's timeline. Video can be: the engine repeats the
 * last picture for a missing frame (raw path), so a dropped frame costs one
 * stutter, where a queue that keeps growing costs latency and then memory.
 *
 * The measure is the transport's backlog (bytes written but not yet sent):
 * past the limit, the link or the engine is not keeping up, and a frame sent now
 * would only arrive late. The limit is a few frames' worth of the current
 * stream, so it means the same at 360p raw and 1080p encoded.
 *
 * Encoded video has one more rule: H.264 frames depend on the frames before
 * them, so after a drop every frame up to the next keyframe is dropped too
 * (sending them would decode as smeared garbage until the next keyframe anyway).
 */
import type { ProgramFrame } from '../compositor/shared/types';

/** Raw path: frames of the current size that may wait in the transport. */
export const RAW_BACKLOG_FRAMES = 3;
/** Encoded path: seconds of the target bitrate that may wait (a keyframe is several frames' worth). */
export const ENCODED_BACKLOG_S = 0.5;
/** Whatever the stream, this much may always wait: small streams still need room for a burst. */
export const MIN_VIDEO_BACKLOG_BYTES = 256 * 1024;
/** I420: a luma byte per pixel plus two quarter-size chroma planes. */
export const I420_BYTES_PER_PIXEL = 1.5;

export interface VideoFormat {
  path: 'raw' | 'encoded';
  width: number;
  height: number;
  videoBitrateKbps: number;
}

export function rawFrameBytes(format: Pick<VideoFormat, 'width' | 'height'>): number {
  return format.width * format.height * I420_BYTES_PER_PIXEL;
}

/** Backlog beyond which video is dropped, in bytes. */
export function videoBacklogLimitBytes(format: VideoFormat): number {
  const perStream = format.path === 'raw' ? RAW_BACKLOG_FRAMES * rawFrameBytes(format) : ((format.videoBitrateKbps * 1000) / 8) * ENCODED_BACKLOG_S;
  return Math.max(MIN_VIDEO_BACKLOG_BYTES, perStream);
}

export type VideoVerdict = 'send' | 'drop';

export class VideoDropPolicy {
  /** Encoded path: a frame was lost, so everything until the next keyframe is undecodable. */
  private awaitingKeyframe = false;

  constructor(readonly limitBytes: number) {}

  /** Whether to send `frame`, given the transport's backlog now. */
  decide(frame: ProgramFrame, backlogBytes: number): VideoVerdict {
    if (frame.kind === 'encoded' && this.awaitingKeyframe) {
      if (!frame.keyframe || backlogBytes > this.limitBytes) return 'drop';
      this.awaitingKeyframe = false;
      return 'send';
    }
    if (backlogBytes <= this.limitBytes) return 'send';
    this.lost(frame);
    return 'drop';
  }

  /** A frame that was decided 'send' but the transport refused: as good as dropped. */
  lost(frame: ProgramFrame): void {
    if (frame.kind === 'encoded') this.awaitingKeyframe = true;
  }
}
