/**
 * Constant-frame-rate pacing for the raw path (DESIGN.md "Timing").
 *
 * Audio is the master clock: a frame slot k is emitted once the audio for the
 * whole slot has arrived, and the picture for it is the newest producer frame
 * whose timestamp is not later than the slot's audio timestamp (+ half a frame).
 * - The producer is late (no new picture): the last one is written again. Such
 *   repeats are held as pending until it is clear what they were: render lag
 *   (duplicated) when a new picture comes within VIDEO_ACTIVE_US, a stopped
 *   producer (stalled) when none does, so a stop never reads as render lag.
 * - The slots are kept on the producer's frame grid: when its pictures start
 *   (the first one, the first after a stop), and whenever GRID_AGREE_FRAMES
 *   pictures in a row agree on a grid more than GRID_REALIGN_US off the slots
 *   (another producer took over, the page was reloaded, the clocks drifted), a
 *   sliver of audio (under half a frame) is dropped, or silence put in, so each
 *   slot starts at a picture's timestamp. A picture then sits half a frame from
 *   either slot edge (jitter cannot move it to a neighbouring slot: no
 *   repeat-and-skip judder) and goes out with the audio of its own time (A/V
 *   error ~0 instead of up to half a frame). A producer whose timestamps scatter
 *   is left alone.
 * - The encoder is behind (its input backlog is over the limit): the whole slot,
 *   picture and audio, is cut out of the media timeline (dropped). Cutting both
 *   keeps A/V in sync and the output timestamps gap-free.
 * - Audio stalls or never comes (video-only producer): silence is generated at
 *   wall-clock rate, AUDIO_STALL_US behind real time, so the stream keeps going.
 * - The producer stops altogether (the compositor hangs, the window closes): the
 *   last picture stays for a moment (counted as stalled, not as render lag), then
 *   after standIn.afterUs the stand-in picture (the be-right-back slate) goes out
 *   with silence, so viewers neither stare at a frozen frame nor hear a hot
 *   microphone while the streamer thinks they are off. The first producer frame
 *   back is shown in its own slot: the switch back is immediate.
 */
import { AUDIO_SAMPLE_RATE } from '../types';
import { AudioQueue } from './audio-queue';
import { type ClockUs, type PacerOutput, type PacerStats, US_PER_S, defaultClockUs, slotStart } from './pacer-types';

/** Audio missing for this long switches the timeline to wall-clock silence. */
export const AUDIO_STALL_US = 200_000;
/** Encoder input backlog (frames) beyond which slots are dropped. */
export const MAX_VIDEO_BACKLOG_FRAMES = 10;
/**
 * How long past the end of its slot a slot may wait for its picture before the
 * last one is repeated. Anchored to the slot's own time, so waits never add up.
 */
export const VIDEO_WAIT_US = 40_000;
/** A producer silent for longer than this has stopped: not waited for, and its repeats are not render lag. */
export const VIDEO_ACTIVE_US = 1_000_000;
/** Pictures in a row that must sit on one grid before the slots move onto it. */
export const GRID_AGREE_FRAMES = 8;
/** Pictures within this of each other (relative to their slots) are on one grid, µs. */
const GRID_AGREE_US = 1_000;
/** The slots move onto the producer's grid when they are further than this off it, µs. */
export const GRID_REALIGN_US = 2_000;
/** Seconds of producer frames kept while waiting for their slot (covers AUDIO_STALL_US). */
const FRAME_QUEUE_S = 0.3;
/**
 * How often the pacer checks the clock when no input arrives, ms. Arriving audio
 * and frames pump it; the timer only catches stalls and picture deadlines, and each
 * wake-up costs CPU (about 0.1 ms on a small VM).
 */
const PUMP_INTERVAL_MS = 20;

interface QueuedFrame {
  data: Uint8Array;
  ts: number;
  /** Hands the buffer back to its producer's pool once nothing here needs it. */
  release?: () => void;
  /** Writes of this frame the encoder's pipe has not flushed yet. */
  writes: number;
}

/** What goes out instead of a frozen picture once the producer has been silent for afterUs. */
export interface StandIn {
  /** I420 at the output size; never changed, so it is written without copying. */
  frame: Uint8Array;
  afterUs: number;
}

export interface RawPacerOptions {
  fps: number;
  width: number;
  height: number;
  now?: ClockUs;
  maxVideoBacklogFrames?: number;
  standIn?: StandIn;
}

export class RawPacer {
  private readonly fps: number;
  private readonly now: ClockUs;
  private readonly maxBacklog: number;
  private readonly halfFrameUs: number;
  private readonly maxQueuedFrames: number;
  private readonly audio = new AudioQueue();
  private readonly frames: QueuedFrame[] = [];
  private lastWritten: QueuedFrame;
  private slot = 0;
  private lastAudioArrival: number | null = null;
  private lastVideoArrival: number | null = null;
  private startedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing = false;
  private readonly standIn: StandIn | null;
  private standInOn = false;
  /** Repeats since the last new picture, not yet known to be render lag or a stop. */
  private pendingRepeats = 0;
  /** How far each of the last new pictures was from its slot's start, µs (reset when the slots move). */
  private phases: number[] = [];
  /** Zeros for the audio of stand-in slots; only ever replaced by a longer one, so queued writes stay valid. */
  private silence = new Uint8Array(0);
  private readonly counters = { framesOut: 0, duplicated: 0, dropped: 0, framesIn: 0, producerSkipped: 0, avOffsetUs: 0, avOffsetMaxUs: 0, stalledFrames: 0, slateFrames: 0, slateShows: 0 };

  constructor(
    private readonly output: PacerOutput,
    options: RawPacerOptions,
  ) {
    this.fps = options.fps;
    this.now = options.now ?? defaultClockUs;
    this.maxBacklog = options.maxVideoBacklogFrames ?? MAX_VIDEO_BACKLOG_FRAMES;
    this.halfFrameUs = US_PER_S / this.fps / 2;
    this.maxQueuedFrames = Math.ceil(this.fps * FRAME_QUEUE_S) + 4;
    this.lastWritten = { data: blackI420(options.width, options.height), ts: -Infinity, writes: 0 };
    this.standIn = options.standIn ?? null;
  }

  start(): void {
    this.startedAt = this.now();
    this.audio.anchor(this.startedAt, 0);
    this.timer = setInterval(() => this.pump(), PUMP_INTERVAL_MS);
    this.timer.unref?.();
  }

  /** Stop the clock, after writing every slot whose audio is complete. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.flushing = true;
    this.pump();
  }

  /**
   * Takes `data` until `release` is called (once nothing queued or unflushed refers
   * to it), so a producer can reuse its buffers without a copy or garbage per frame.
   * Without `release` the pacer simply owns it.
   */
  pushVideo(data: Uint8Array, ts: number, release?: () => void): void {
    this.counters.framesIn++;
    const now = this.now();
    if (!this.flushing && (this.lastVideoArrival === null || now - this.lastVideoArrival > VIDEO_ACTIVE_US)) this.alignSlotsTo(ts);
    this.lastVideoArrival = now;
    this.frames.push({ data, ts, release, writes: 0 });
    if (this.frames.length > this.maxQueuedFrames) {
      this.retire(this.frames.shift()!);
      this.counters.producerSkipped++;
    }
    this.pump();
  }

  pushAudio(pcm: Uint8Array, ts: number): void {
    this.lastAudioArrival = this.now();
    this.audio.push(pcm, ts);
    this.pump();
  }

  stats(): PacerStats {
    return {
      ...this.counters,
      audioSilenceFrames: this.audio.stats.silenceFrames,
      timestampIrregularities: 0,
      videoAgeUs: this.lastVideoArrival === null ? -1 : this.now() - this.lastVideoArrival,
      standIn: this.standInOn,
    };
  }

  /** Start a new window for the max A/V offset (called once per health snapshot). */
  resetWindow(): void {
    this.counters.avOffsetMaxUs = 0;
  }

  /** Emit every slot whose audio is complete. */
  pump(): void {
    const now = this.now();
    if (!this.flushing) this.fillStalledAudio(now);
    for (;;) {
      const s0 = slotStart(this.slot, this.fps, AUDIO_SAMPLE_RATE);
      const s1 = slotStart(this.slot + 1, this.fps, AUDIO_SAMPLE_RATE);
      if (this.audio.end < s1) return;
      const slotTs = this.audio.tsAt(s0);
      const picture = this.pictureFor(slotTs);
      if (picture === this.lastWritten && this.shouldWaitForPicture(now, slotTs)) return;
      this.slot++;
      if (this.output.videoBacklogFrames() > this.maxBacklog) {
        this.audio.take(s1);
        this.counters.dropped++;
        continue;
      }
      // Once on air, the slate stays until a new picture is due: frames arriving again
      // are timed a little ahead of the slot, and the frozen one must not flash back.
      if (picture === this.lastWritten && (this.standInOn || this.standInDue(now))) {
        this.writeStandIn(this.standIn!, s1);
        continue;
      }
      this.standInOn = false;
      if (picture === this.lastWritten) {
        this.pendingRepeats++;
        if (this.producerStopped(now)) this.settleRepeats('stalledFrames');
      } else {
        this.settleRepeats('duplicated');
        const offset = Math.abs(picture.ts - slotTs);
        this.counters.avOffsetUs = offset;
        this.counters.avOffsetMaxUs = Math.max(this.counters.avOffsetMaxUs, offset);
      }
      const previous = this.lastWritten;
      this.lastWritten = picture;
      if (previous !== picture) this.retire(previous);
      picture.writes++;
      this.output.writeVideo(picture.data, () => {
        picture.writes--;
        this.retire(picture);
      });
      for (const pcm of this.audio.take(s1)) this.output.writeAudio(pcm);
      this.counters.framesOut++;
      if (previous !== picture) this.followGrid(picture.ts - slotTs);
    }
  }

  /** One more new picture `phaseUs` from its slot's start: move the slots once enough agree (see the top of this file). */
  private followGrid(phaseUs: number): void {
    if (Math.abs(phaseUs) > this.halfFrameUs) {
      this.phases = [];
      return;
    }
    this.phases.push(phaseUs);
    if (this.phases.length > GRID_AGREE_FRAMES) this.phases.shift();
    if (this.phases.length < GRID_AGREE_FRAMES) return;
    if (Math.max(...this.phases) - Math.min(...this.phases) > GRID_AGREE_US) return;
    const mean = this.phases.reduce((a, b) => a + b, 0) / this.phases.length;
    if (Math.abs(mean) > GRID_REALIGN_US) this.shiftSlots(mean);
  }

  /** Moves the slot grid so the next slot starts on the frame grid `frameTs` is on (see the top of this file). */
  private alignSlotsTo(frameTs: number): void {
    const s0 = slotStart(this.slot, this.fps, AUDIO_SAMPLE_RATE);
    const frameUs = 2 * this.halfFrameUs;
    // How far the frame grid is ahead of the slot grid, in (-half, +half] of a frame.
    let phaseUs = (frameTs - this.audio.tsAt(s0)) % frameUs;
    if (phaseUs > this.halfFrameUs) phaseUs -= frameUs;
    else if (phaseUs <= -this.halfFrameUs) phaseUs += frameUs;
    this.shiftSlots(phaseUs);
  }

  /** Moves the slots `phaseUs` later in producer time (negative: earlier), at the next slot's start. */
  private shiftSlots(phaseUs: number): void {
    this.phases = [];
    if (this.audio.head !== slotStart(this.slot, this.fps, AUDIO_SAMPLE_RATE)) return;
    const shift = Math.round((phaseUs * AUDIO_SAMPLE_RATE) / US_PER_S);
    if (shift === 0) return;
    // Later: the slot must start later in producer time, so audio is dropped; earlier: silence goes in.
    // Too little audio queued to drop: go the other way, to the next grid line.
    if (shift < 0 || shift <= this.audio.end - this.audio.head) this.audio.shiftHead(-shift);
    else this.audio.shiftHead(Math.round((2 * this.halfFrameUs * AUDIO_SAMPLE_RATE) / US_PER_S) - shift);
  }

  private settleRepeats(as: 'duplicated' | 'stalledFrames'): void {
    this.counters[as] += this.pendingRepeats;
    this.pendingRepeats = 0;
  }

  private producerStopped(now: number): boolean {
    return this.lastVideoArrival !== null && now - this.lastVideoArrival > VIDEO_ACTIVE_US;
  }

  private standInDue(now: number): boolean {
    return this.standIn !== null && this.lastVideoArrival !== null && now - this.lastVideoArrival >= this.standIn.afterUs;
  }

  /** One slot of the stand-in picture, its audio replaced by silence of the same length. */
  private writeStandIn(standIn: StandIn, s1: number): void {
    if (!this.standInOn) this.counters.slateShows++;
    this.standInOn = true;
    this.settleRepeats('stalledFrames');
    this.counters.slateFrames++;
    this.output.writeVideo(standIn.frame);
    for (const pcm of this.audio.take(s1)) {
      if (pcm.length > this.silence.length) this.silence = new Uint8Array(pcm.length);
      this.output.writeAudio(this.silence.subarray(0, pcm.length));
    }
    this.counters.framesOut++;
  }

  /** Newest queued frame not later than the slot; older ones are discarded. */
  private pictureFor(slotTs: number): QueuedFrame {
    const limit = slotTs + this.halfFrameUs;
    while (this.frames.length > 1 && this.frames[1]!.ts <= limit) {
      const skipped = this.frames.shift()!;
      if (skipped !== this.lastWritten) this.counters.producerSkipped++;
      this.retire(skipped);
    }
    const head = this.frames[0];
    if (head && head.ts <= limit) return head;
    return this.lastWritten;
  }

  /** Release a frame's buffer when it is neither queued, nor the last picture, nor being written. */
  private retire(frame: QueuedFrame): void {
    if (!frame.release || frame.writes > 0 || frame === this.lastWritten || this.frames.includes(frame)) return;
    const release = frame.release;
    frame.release = undefined;
    release();
  }

  private shouldWaitForPicture(now: number, slotTs: number): boolean {
    if (this.flushing || this.lastVideoArrival === null || now - this.lastVideoArrival > VIDEO_ACTIVE_US) return false;
    return now < slotTs + 2 * this.halfFrameUs + VIDEO_WAIT_US;
  }

  /** Without producer audio, advance the timeline with silence at wall-clock rate. */
  private fillStalledAudio(now: number): void {
    const since = this.lastAudioArrival ?? this.startedAt;
    if (now - since < AUDIO_STALL_US) return;
    const anchorPos = this.lastAudioArrival === null ? 0 : this.audio.end;
    // Position the wall clock says we should have reached, AUDIO_STALL_US behind now.
    const targetTs = now - AUDIO_STALL_US;
    const target = anchorPos + Math.floor(((targetTs - this.audio.tsAt(anchorPos)) * AUDIO_SAMPLE_RATE) / US_PER_S);
    if (target > this.audio.end) this.audio.appendSilence(target - this.audio.end);
  }
}

/** A black I420 frame in limited range (Y=16, U=V=128). */
export function blackI420(width: number, height: number): Uint8Array {
  const ySize = width * height;
  const frame = new Uint8Array(ySize * 1.5);
  frame.fill(16, 0, ySize);
  frame.fill(128, ySize);
  return frame;
}
