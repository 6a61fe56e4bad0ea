/**
 * The audio side of the pacer: PCM chunks from the producer laid end to end on
 * the engine's media timeline (positions in sample frames), with the producer
 * timestamp of every position known, so video can be matched to audio by time.
 *
 * Small timestamp jitter is ignored (chunks are taken as contiguous: audio is the
 * master clock). A jump larger than AUDIO_RESYNC_THRESHOLD_US is a real gap or
 * overlap: a gap is filled with silence, an overlap is trimmed off the new chunk.
 */
import { AUDIO_BYTES_PER_FRAME, AUDIO_SAMPLE_RATE } from '../types';

/** Beyond this, a timestamp disagreement is a real gap or overlap, not jitter. */
export const AUDIO_RESYNC_THRESHOLD_US = 60_000;

const US_PER_S = 1_000_000;

interface QueuedChunk {
  data: Uint8Array;
  /** Timeline position of the chunk's first sample frame. */
  pos: number;
}

export interface AudioQueueStats {
  /** Sample frames of silence inserted for gaps and stalls. */
  silenceFrames: number;
  /** Sample frames trimmed from overlapping chunks. */
  trimmedFrames: number;
}

export class AudioQueue {
  private readonly chunks: QueuedChunk[] = [];
  private readonly resyncThresholdUs: number;
  /** Timeline position one past the last queued sample frame. */
  private endPos = 0;
  /** Timeline position of the first queued sample frame. */
  private headPos = 0;
  /** Producer timestamp at timeline position anchorPos. */
  private anchorTs: number | null = null;
  private anchorPos = 0;
  readonly stats: AudioQueueStats = { silenceFrames: 0, trimmedFrames: 0 };

  /** `resyncThresholdUs`: the largest disagreement taken as jitter (AUDIO_RESYNC_THRESHOLD_US unless the pacer needs tighter). */
  constructor(options: { resyncThresholdUs?: number } = {}) {
    this.resyncThresholdUs = options.resyncThresholdUs ?? AUDIO_RESYNC_THRESHOLD_US;
  }

  get end(): number {
    return this.endPos;
  }

  get head(): number {
    return this.headPos;
  }

  /** Whether any producer audio ever arrived (else timestamps come from the caller's anchor). */
  get anchored(): boolean {
    return this.anchorTs !== null;
  }

  /** Anchor the timestamp mapping when no audio has arrived yet (video-only producers). */
  anchor(ts: number, pos: number): void {
    this.anchorTs = ts;
    this.anchorPos = pos;
  }

  /** Producer timestamp (µs) of a timeline position, extrapolated from the last anchor. */
  tsAt(pos: number): number {
    return (this.anchorTs ?? 0) + ((pos - this.anchorPos) * US_PER_S) / AUDIO_SAMPLE_RATE;
  }

  push(data: Uint8Array, ts: number): void {
    let frames = Math.floor(data.length / AUDIO_BYTES_PER_FRAME);
    if (frames === 0) return;
    let bytes = data;
    if (this.anchorTs !== null) {
      const driftUs = ts - this.tsAt(this.endPos);
      if (driftUs > this.resyncThresholdUs) {
        this.appendSilence(Math.round((driftUs * AUDIO_SAMPLE_RATE) / US_PER_S));
      } else if (driftUs < -this.resyncThresholdUs) {
        const trim = Math.min(frames, Math.round((-driftUs * AUDIO_SAMPLE_RATE) / US_PER_S));
        this.stats.trimmedFrames += trim;
        frames -= trim;
        if (frames === 0) return;
        bytes = data.subarray(trim * AUDIO_BYTES_PER_FRAME);
        ts += (trim * US_PER_S) / AUDIO_SAMPLE_RATE;
      }
    }
    // Re-anchor on every chunk: the mapping follows the producer's own clock.
    this.anchorTs = ts;
    this.anchorPos = this.endPos;
    this.chunks.push({ data: bytes.subarray(0, frames * AUDIO_BYTES_PER_FRAME), pos: this.endPos });
    this.endPos += frames;
  }

  /**
   * Silence before everything queued, so the timeline can start earlier than the
   * first audio (a picture older than it). Only before anything was taken.
   */
  prependSilence(frames: number): void {
    if (frames <= 0) return;
    if (this.headPos !== (this.chunks[0]?.pos ?? this.endPos)) throw new Error('prependSilence after audio was taken');
    this.headPos -= frames;
    this.chunks.unshift({ data: new Uint8Array(frames * AUDIO_BYTES_PER_FRAME), pos: this.headPos });
    this.stats.silenceFrames += frames;
  }

  /**
   * Moves everything queued by `frames` sample frames on the timeline, at the
   * head: positive puts that much silence before it (it plays later), negative
   * drops that much of the oldest audio (it plays sooner; at most what is queued).
   * The mapping to producer time moves with the audio, so the head position's
   * timestamp moves by the opposite amount and later chunks still line up.
   */
  shiftHead(frames: number): void {
    if (frames > 0) {
      for (const chunk of this.chunks) chunk.pos += frames;
      this.endPos += frames;
      this.anchorPos += frames;
      this.chunks.unshift({ data: new Uint8Array(frames * AUDIO_BYTES_PER_FRAME), pos: this.headPos });
      this.stats.silenceFrames += frames;
    } else if (frames < 0) {
      const drop = -frames;
      if (drop > this.endPos - this.headPos) throw new RangeError(`cannot drop ${drop} sample frames: ${this.endPos - this.headPos} queued`);
      const head = this.headPos;
      this.take(head + drop);
      for (const chunk of this.chunks) chunk.pos -= drop;
      this.headPos = head;
      this.endPos -= drop;
      this.anchorPos -= drop;
      this.stats.trimmedFrames += drop;
    }
  }

  appendSilence(frames: number): void {
    if (frames <= 0) return;
    this.chunks.push({ data: new Uint8Array(frames * AUDIO_BYTES_PER_FRAME), pos: this.endPos });
    this.endPos += frames;
    this.stats.silenceFrames += frames;
  }

  /**
   * Take the sample frames [head, upTo) off the queue, as a list of byte views
   * (no copy), in order.
   */
  take(upTo: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    while (this.headPos < upTo && this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const chunkFrames = chunk.data.length / AUDIO_BYTES_PER_FRAME;
      const from = this.headPos - chunk.pos;
      const to = Math.min(chunkFrames, upTo - chunk.pos);
      out.push(chunk.data.subarray(from * AUDIO_BYTES_PER_FRAME, to * AUDIO_BYTES_PER_FRAME));
      this.headPos = chunk.pos + to;
      if (to >= chunkFrames) this.chunks.shift();
    }
    return out;
  }
}
