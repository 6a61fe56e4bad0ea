/**
 * A stand-in for the compositor on the raw path: I420 frames on a constant-rate
 * grid of the studio clock, dark grey except the frame that starts each second,
 * which is white (the "flash" of the flash-and-beep test). Each frame carries
 * its grid time, as a compositor stamps the moment its picture shows.
 */
import type { ProgramFrame } from '../../../renderer/compositor/shared/types';
import { studioNowUs } from '../../../renderer/compositor/shared/studio-clock';

/** Limited-range luma: white and a dark grey (not black, so the picture is visibly alive). */
const Y_WHITE = 235;
const Y_DARK = 40;
const CHROMA_NEUTRAL = 128;
const US_PER_S = 1_000_000;
/** How often the producer looks at the clock. */
const TICK_MS = 4;
/** Further behind than this, the producer jumps ahead rather than catching up frame by frame. */
const MAX_CATCH_UP_FRAMES = 5;

export class SyntheticVideo {
  private readonly listeners = new Set<(frame: ProgramFrame) => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private white = new Uint8Array(0);
  private dark = new Uint8Array(0);
  private fps = 30;
  private nextFrame = 0;
  framesMade = 0;

  onProgramFrame(cb: (frame: ProgramFrame) => void): () => void {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  }

  /** (Re)starts at this size and rate; the sender copies each frame out before the next, so two buffers serve. */
  start(width: number, height: number, fps: number): void {
    this.stop();
    this.fps = fps;
    this.white = i420(width, height, Y_WHITE);
    this.dark = i420(width, height, Y_DARK);
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
      // Frame k starts at k/fps s: the first of each second is the flash.
      const flash = this.nextFrame % this.fps === 0;
      const frame: ProgramFrame = { kind: 'raw', data: flash ? this.white : this.dark, timestampUs: (this.nextFrame * US_PER_S) / this.fps };
      this.framesMade++;
      for (const cb of this.listeners) cb(frame);
    }
  }
}

function i420(width: number, height: number, luma: number): Uint8Array<ArrayBuffer> {
  const frame = new Uint8Array(width * height * 1.5);
  frame.fill(luma, 0, width * height);
  frame.fill(CHROMA_NEUTRAL, width * height);
  return frame;
}
