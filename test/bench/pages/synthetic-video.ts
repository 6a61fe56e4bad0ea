/**
 * A stand-in for the compositor on the raw path: I420 frames on a constant-rate
 * grid of the studio clock, dark grey except the frame that starts each second,
 * which is white (the "flash" of the flash-and-beep test). Each frame carries
 * its grid time, as a compositor stamps the moment its picture shows.
 */
import type { ProgramFrame } from '../../../renderer/compositor/shared/types';
import { FrameGrid } from './frame-grid';

/** Limited-range luma: white and a dark grey (not black, so the picture is visibly alive). */
const Y_WHITE = 235;
const Y_DARK = 40;
const CHROMA_NEUTRAL = 128;

export class SyntheticVideo {
  private readonly listeners = new Set<(frame: ProgramFrame) => void>();
  private readonly grid = new FrameGrid((index, timestampUs) => this.emit(index, timestampUs));
  private white = new Uint8Array(0);
  private dark = new Uint8Array(0);
  private fps = 30;
  framesMade = 0;

  onProgramFrame(cb: (frame: ProgramFrame) => void): () => void {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  }

  /** (Re)starts at this size and rate; the sender copies each frame out before the next, so two buffers serve. */
  start(width: number, height: number, fps: number): void {
    this.grid.stop();
    this.fps = fps;
    this.white = i420(width, height, Y_WHITE);
    this.dark = i420(width, height, Y_DARK);
    this.grid.start(fps);
  }

  stop(): void {
    this.grid.stop();
  }

  private emit(index: number, timestampUs: number): void {
    // Frame k starts at k/fps s: the first of each second is the flash.
    const flash = index % this.fps === 0;
    const frame: ProgramFrame = { kind: 'raw', data: flash ? this.white : this.dark, timestampUs };
    this.framesMade++;
    for (const cb of this.listeners) cb(frame);
  }
}

function i420(width: number, height: number, luma: number): Uint8Array<ArrayBuffer> {
  const frame = new Uint8Array(width * height * 1.5);
  frame.fill(luma, 0, width * height);
  frame.fill(CHROMA_NEUTRAL, width * height);
  return frame;
}
