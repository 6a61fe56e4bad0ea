/**
 * The encoded path's stand-in for the compositor: replays a pre-encoded H.264
 * clip (h264-clip.ts: the test card, access units indexed, SPS/PPS on every
 * keyframe) one access unit per frame slot of the studio clock, looping, as
 * WebCodecs would hand them to the sender. After a drop the sender asks for a
 * keyframe: the replay skips ahead to the next one, as an encoder forcing one would.
 */
import { studioNowUs } from '../../../renderer/compositor/shared/studio-clock';
import type { ProgramFrame } from '../../../renderer/compositor/shared/types';
import type { ProgramFrameSource } from '../../../renderer/delivery';

export interface ClipUnit {
  offset: number;
  length: number;
  keyframe: boolean;
}

const US_PER_S = 1_000_000;
/** How often the replay looks at the clock, ms. */
const TICK_MS = 4;
/** Further behind than this, it jumps ahead rather than catching up frame by frame. */
const MAX_CATCH_UP_FRAMES = 5;

export class EncodedReplay implements ProgramFrameSource {
  private readonly listeners = new Set<(frame: ProgramFrame) => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private fps = 30;
  private nextFrame = 0;
  private unit = 0;
  private skipToKeyframe = false;
  framesMade = 0;

  constructor(
    private readonly clip: Uint8Array,
    private readonly units: readonly ClipUnit[],
  ) {}

  /** Loads the clip the bench put beside the page. */
  static async load(clipUrl: string, indexUrl: string): Promise<EncodedReplay> {
    const [clip, units] = await Promise.all([fetch(clipUrl).then((r) => r.arrayBuffer()), fetch(indexUrl).then((r) => r.json() as Promise<ClipUnit[]>)]);
    if (units.length === 0 || !units[0]!.keyframe) throw new Error('the H.264 clip must start with a keyframe');
    return new EncodedReplay(new Uint8Array(clip), units);
  }

  onProgramFrame(cb: (frame: ProgramFrame) => void): () => void {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  }

  requestKeyframe(): void {
    this.skipToKeyframe = true;
  }

  start(fps: number): void {
    this.stop();
    this.fps = fps;
    this.unit = 0;
    this.nextFrame = Math.ceil((studioNowUs() * fps) / US_PER_S);
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const due = Math.floor((studioNowUs() * this.fps) / US_PER_S);
    if (due - this.nextFrame > MAX_CATCH_UP_FRAMES) this.nextFrame = due - MAX_CATCH_UP_FRAMES;
    for (; this.nextFrame <= due; this.nextFrame++) {
      if (this.skipToKeyframe) {
        while (!this.units[this.unit]!.keyframe) this.unit = (this.unit + 1) % this.units.length;
        this.skipToKeyframe = false;
      }
      const u = this.units[this.unit]!;
      this.unit = (this.unit + 1) % this.units.length;
      const frame: ProgramFrame = { kind: 'encoded', data: this.clip.subarray(u.offset, u.offset + u.length), keyframe: u.keyframe, timestampUs: (this.nextFrame * US_PER_S) / this.fps };
      this.framesMade++;
      for (const cb of this.listeners) cb(frame);
    }
  }
}
