/**
 * The slate: what goes out when nothing else feeds the program (the studio runs
 * headless, or the compositor has not connected yet). A still picture with a
 * message, sent every frame so the stream keeps its frame rate; the engine adds
 * silence for the missing audio.
 */
import type { VideoFormat } from '../types';
import { drawText, measureText } from './bitmap-font';
import { i420FrameBytes, type ClockUs, type MediaSink, type MediaSource, performanceClockUs } from './media-source';

const BACKGROUND_Y = 32;
const BACKGROUND_U = 140;
const BACKGROUND_V = 120;
const TEXT_Y = 220;
/** How often the timer checks for due frames, ms. */
const TICK_MS = 5;

/** Render the slate picture: a dark background with the lines centred. */
export function renderSlate(format: VideoFormat, lines: readonly string[]): Uint8Array {
  const { width, height } = format;
  const frame = new Uint8Array(i420FrameBytes(width, height));
  const ySize = width * height;
  frame.fill(BACKGROUND_Y, 0, ySize);
  frame.fill(BACKGROUND_U, ySize, ySize + ySize / 4);
  frame.fill(BACKGROUND_V, ySize + ySize / 4);
  const { columns, rows } = measureText(lines);
  let scale = Math.max(1, Math.floor(height / (rows * 4)));
  while (scale > 1 && columns * scale > width * 0.9) scale--;
  if (columns * scale > width || rows * scale > height) return frame;
  const left = Math.floor((width - columns * scale) / 2);
  const top = Math.floor((height - rows * scale) / 2);
  drawText(frame, width, lines, left, top, scale, TEXT_Y);
  return frame;
}

export class SlateSource implements MediaSource {
  readonly name = 'Slate';
  private timer: NodeJS.Timeout | undefined;
  private readonly frame: Uint8Array;
  private readonly now: ClockUs;

  constructor(
    private readonly format: VideoFormat,
    lines: readonly string[] = ['OnAir Studio', 'Stand by'],
    options: { now?: ClockUs } = {},
  ) {
    this.frame = renderSlate(format, lines);
    this.now = options.now ?? performanceClockUs;
  }

  /** The picture is never changed, so sinks may keep it as long as they like. */
  async start(sink: MediaSink): Promise<void> {
    const t0 = this.now();
    const frameUs = 1_000_000 / this.format.fps;
    let next = 0;
    this.timer = setInterval(() => {
      const due = Math.floor((this.now() - t0) / frameUs);
      // After a long stall send only the latest frame: a still picture has nothing to catch up.
      if (due - next > this.format.fps) next = due;
      for (; next <= due; next++) sink.video({ data: this.frame, timestampUs: t0 + next * frameUs });
    }, TICK_MS);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
