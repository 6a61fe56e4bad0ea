/**
 * A stand-in producer's clock: calls back once per frame slot of the studio
 * clock at `fps`, with the slot's grid time (as a compositor stamps the moment
 * its picture shows). Shared by the bench's synthetic raw frames and replayed
 * H.264 clip.
 */
import { studioNowUs } from '../../../renderer/compositor/shared/studio-clock';

const US_PER_S = 1_000_000;
/** How often the producer looks at the clock, ms. */
const TICK_MS = 4;
/** Further behind than this (a throttled timer), it jumps ahead rather than catching up frame by frame. */
const MAX_CATCH_UP_FRAMES = 5;

export class FrameGrid {
  private timer: ReturnType<typeof setInterval> | null = null;
  private fps = 30;
  private nextFrame = 0;

  /** `onSlot(index, timestampUs)`: slot `index` starts at index/fps s of the studio clock. */
  constructor(private readonly onSlot: (index: number, timestampUs: number) => void) {}

  start(fps: number): void {
    this.stop();
    this.fps = fps;
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
    for (; this.nextFrame <= due; this.nextFrame++) this.onSlot(this.nextFrame, (this.nextFrame * US_PER_S) / this.fps);
  }
}
