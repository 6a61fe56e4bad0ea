/** What a pacer writes into: the encoder's video and audio inputs. */
export interface PacerOutput {
  /** `onFlushed` runs once the bytes have left for the encoder (or were discarded). */
  writeVideo(data: Uint8Array, onFlushed?: () => void): void;
  writeAudio(pcm: Uint8Array): void;
  /** Video frames written but not yet taken by the encoder. */
  videoBacklogFrames(): number;
}

/** What the encoded path's pacer writes into. */
export interface EncodedPacerOutput {
  /** One H.264 access unit shown at frame slot `slot` (slots count from the first picture; a gap is a slot with no picture). */
  writeAccessUnit(data: Uint8Array, slot: number): void;
  writeAudio(pcm: Uint8Array): void;
}

export interface PacerStats {
  /** Frames written to the encoder. */
  framesOut: number;
  /** Frames written again because the producer had no new picture (render lag). */
  duplicated: number;
  /** Frame slots with no picture: skipped because the encoder was behind (raw), or never sent by the producer (encoded). */
  dropped: number;
  /** Frames received from the producer. */
  framesIn: number;
  /** Producer frames never shown because a newer one arrived in the same slot. */
  producerSkipped: number;
  /** |video timestamp - audio timestamp| of the last frame written, µs. */
  avOffsetUs: number;
  /** Largest |A/V offset| since the last resetWindow(), µs. */
  avOffsetMaxUs: number;
  /** Sample frames of silence inserted (audio gaps, stalls, no audio source). */
  audioSilenceFrames: number;
  /** Access units off the frame grid, or older than one already written (dropped) (encoded path). */
  timestampIrregularities: number;
  /** µs since the producer last sent video, or -1 before any. */
  videoAgeUs: number;
  /** Frames repeated because the producer had stopped sending (not render lag). */
  stalledFrames: number;
  /** Frames of the stand-in slate written in place of a stopped producer's picture. */
  slateFrames: number;
  /** Times the stand-in slate came on. */
  slateShows: number;
  /** The stand-in slate is on air now. */
  standIn: boolean;
}

export const US_PER_S = 1_000_000;

/** Clock in microseconds; the studio clock. */
export type ClockUs = () => number;

export const defaultClockUs: ClockUs = () => performance.timeOrigin * 1000 + performance.now() * 1000;

/** Timeline position (in audio sample frames) where frame slot k starts. */
export function slotStart(k: number, fps: number, sampleRate: number): number {
  return Math.round((k * sampleRate) / fps);
}
