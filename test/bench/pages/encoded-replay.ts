/**
 * The encoded path's stand-in for the compositor: replays a pre-encoded H.264
 * clip (h264-clip.ts: the test card, access units indexed, SPS/PPS on every
 * keyframe) one access unit per frame slot of the studio clock, looping, as
 * WebCodecs would hand them to the sender. After a drop the sender asks for a
 * keyframe: the replay skips ahead to the next one, as an encoder forcing one would.
 */
import type { ProgramFrame } from '../../../renderer/compositor/shared/types';
import type { ProgramFrameSource } from '../../../renderer/delivery';
import { FrameGrid } from './frame-grid';

export interface ClipUnit {
  offset: number;
  length: number;
  keyframe: boolean;
}

export class EncodedReplay implements ProgramFrameSource {
  private readonly listeners = new Set<(frame: ProgramFrame) => void>();
  private readonly grid = new FrameGrid((_, timestampUs) => this.emit(timestampUs));
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
    this.unit = 0;
    this.grid.start(fps);
  }

  stop(): void {
    this.grid.stop();
  }

  private emit(timestampUs: number): void {
    if (this.skipToKeyframe) {
      while (!this.units[this.unit]!.keyframe) this.unit = (this.unit + 1) % this.units.length;
      this.skipToKeyframe = false;
    }
    const u = this.units[this.unit]!;
    this.unit = (this.unit + 1) % this.units.length;
    const frame: ProgramFrame = { kind: 'encoded', data: this.clip.subarray(u.offset, u.offset + u.length), keyframe: u.keyframe, timestampUs };
    this.framesMade++;
    for (const cb of this.listeners) cb(frame);
  }
}
