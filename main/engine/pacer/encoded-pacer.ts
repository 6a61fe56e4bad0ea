/**
 * Pacing for the encoded path: the producer (WebCodecs in the compositor) makes
 * the pictures at a constant frame rate with forced keyframes, so the engine only
 * places them. Each access unit goes to the frame slot its timestamp names
 * (counted from the first picture) and carries that slot as its timestamp into
 * the encoder (ivf.ts); the audio of every slot is laid beside it. H.264 frames
 * depend on each other, so nothing is repeated or re-timed here:
 * - a slot with no picture (the producer dropped it) stays empty in the stream,
 *   counted as dropped, and the pictures after it keep their own times, so the
 *   sound stays with them;
 * - a unit for a slot already written (an old encoder's last frames arriving
 *   after the new one's first) is dropped and counted as irregular;
 * - a keyframe off the frame grid, or one slot behind (the producer started a
 *   new grid: the page was reloaded, the output rate changed), starts the grid
 *   again from the next free slot: dropping it would leave every picture up to
 *   the next keyframe undecodable.
 *
 * An access unit is held until the audio of its slot has arrived, or for at most
 * AUDIO_WAIT_US, after which silence stands in for the missing audio.
 */
import { AUDIO_SAMPLE_RATE } from '../types';
import { AudioQueue } from './audio-queue';
import { type ClockUs, type EncodedPacerOutput, type PacerStats, US_PER_S, defaultClockUs, slotStart } from './pacer-types';

/** Longest an access unit waits for the audio of its slot. */
export const AUDIO_WAIT_US = 150_000;
/** A timestamp more than this share of a frame away from the frame grid is irregular. */
const OFF_GRID_FRACTION = 0.25;
const PUMP_INTERVAL_MS = 5;

interface QueuedUnit {
  data: Uint8Array;
  slot: number;
  ts: number;
  arrivedAt: number;
}

export interface EncodedPacerOptions {
  fps: number;
  now?: ClockUs;
}

export class EncodedPacer {
  private readonly fps: number;
  private readonly frameUs: number;
  private readonly now: ClockUs;
  private readonly audio: AudioQueue;
  private readonly units: QueuedUnit[] = [];
  /** The frame grid: slot `gridSlot` is at producer time `gridTs`; null before the first picture. */
  private gridTs: number | null = null;
  private gridSlot = 0;
  private startPos = 0;
  /** The slot after the last unit queued: a unit for an earlier slot is stale. */
  private nextSlot = 0;
  private lastVideoArrival: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly counters = { framesOut: 0, framesIn: 0, dropped: 0, avOffsetUs: 0, avOffsetMaxUs: 0, timestampIrregularities: 0 };

  constructor(
    private readonly output: EncodedPacerOutput,
    options: EncodedPacerOptions,
  ) {
    this.fps = options.fps;
    this.frameUs = US_PER_S / this.fps;
    this.now = options.now ?? defaultClockUs;
    // Nothing re-times an H.264 picture: each goes with the audio of its slot, so a
    // timestamp disagreement taken as jitter would stay as A/V offset for the rest of
    // the broadcast. Anything over half a frame is corrected (silence in, overlap out).
    this.audio = new AudioQueue({ resyncThresholdUs: this.frameUs / 2 });
  }

  start(): void {
    this.timer = setInterval(() => this.pump(), PUMP_INTERVAL_MS);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One H.264 Annex B access unit. Takes ownership of `data`. */
  pushVideo(data: Uint8Array, ts: number, keyframe = false): void {
    const now = this.now();
    this.lastVideoArrival = now;
    this.counters.framesIn++;
    if (this.gridTs === null) this.begin(ts);
    let slot = this.gridSlot + Math.round((ts - this.gridTs!) / this.frameUs);
    const onGrid = Math.abs(ts - this.gridTs! - (slot - this.gridSlot) * this.frameUs) <= this.frameUs * OFF_GRID_FRACTION;
    if (!onGrid || slot < this.nextSlot) this.counters.timestampIrregularities++;
    if (keyframe && (!onGrid || slot === this.nextSlot - 1)) {
      slot = Math.max(slot, this.nextSlot);
      this.gridTs = ts;
      this.gridSlot = slot;
    } else if (slot < this.nextSlot) {
      return;
    }
    this.counters.dropped += slot - this.nextSlot;
    this.nextSlot = slot + 1;
    this.units.push({ data, slot, ts, arrivedAt: now });
    this.pump();
  }

  pushAudio(pcm: Uint8Array, ts: number): void {
    this.audio.push(pcm, ts);
    this.pump();
  }

  stats(): PacerStats {
    return {
      ...this.counters,
      duplicated: 0,
      producerSkipped: 0,
      stalledFrames: 0,
      slateFrames: 0,
      slateShows: 0,
      standIn: false,
      audioSilenceFrames: this.audio.stats.silenceFrames,
      videoAgeUs: this.lastVideoArrival === null ? -1 : this.now() - this.lastVideoArrival,
    };
  }

  resetWindow(): void {
    this.counters.avOffsetMaxUs = 0;
  }

  pump(): void {
    const now = this.now();
    while (this.units.length > 0) {
      const unit = this.units[0]!;
      const s0 = this.startPos + slotStart(unit.slot, this.fps, AUDIO_SAMPLE_RATE);
      const s1 = this.startPos + slotStart(unit.slot + 1, this.fps, AUDIO_SAMPLE_RATE);
      if (this.audio.end < s1) {
        if (now - unit.arrivedAt < AUDIO_WAIT_US) return;
        this.audio.appendSilence(s1 - this.audio.end);
      }
      this.units.shift();
      const offset = Math.abs(unit.ts - this.audio.tsAt(s0));
      this.counters.avOffsetUs = offset;
      this.counters.avOffsetMaxUs = Math.max(this.counters.avOffsetMaxUs, offset);
      this.output.writeAccessUnit(unit.data, unit.slot);
      // Everything up to the end of this slot, the sound of any empty slots before it included.
      for (const pcm of this.audio.take(s1)) this.output.writeAudio(pcm);
      this.counters.framesOut++;
    }
  }

  /** Line the audio timeline up with the first picture: earlier audio is discarded. */
  private begin(ts: number): void {
    this.gridTs = ts;
    if (!this.audio.anchored) {
      this.audio.anchor(ts, 0);
      return;
    }
    const pos = this.audio.head + Math.round(((ts - this.audio.tsAt(this.audio.head)) * AUDIO_SAMPLE_RATE) / US_PER_S);
    if (pos > this.audio.head) this.audio.take(pos);
    // The first picture is older than the first audio (WebCodecs delivers a picture
    // a few tens of ms after its time, audio arrives sooner): silence fills the
    // start, so the picture and its sound stay at their own times.
    else if (pos < this.audio.head) this.audio.prependSilence(this.audio.head - pos);
    this.startPos = pos;
  }
}
