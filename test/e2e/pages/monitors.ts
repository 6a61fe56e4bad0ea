/**
 * The program and preview monitors as a test reads them: their captions, and
 * their pictures sampled in the page (the canvas is drawn small onto a 2D
 * canvas and read back), so a test can say "there is a picture" and "the
 * picture changed" without screenshots.
 */
import type { Locator, Page } from 'playwright-core';

/** The sample grid: small enough to be cheap, big enough to see a camera box move away. */
const SAMPLE_WIDTH = 32;
const SAMPLE_HEIGHT = 18;
/** A pixel darker than this (mean of R, G, B, 0..255) counts as black. */
const BLACK_LEVEL = 16;

export interface MonitorSample {
  /** Share of sampled pixels that are not black, 0..1. */
  nonBlack: number;
  /** Mean of R, G, B per sampled pixel, row by row. */
  levels: number[];
}

export class Monitors {
  constructor(readonly page: Page) {}

  monitor(kind: 'Program' | 'Preview'): Locator {
    return this.page.getByRole('figure', { name: `${kind} monitor` });
  }

  /** The picture's canvas (role img, named "<kind> picture: <scene>"). */
  picture(kind: 'Program' | 'Preview'): Locator {
    return this.monitor(kind).getByRole('img', { name: new RegExp(`^${kind} picture:`) });
  }

  async sample(kind: 'Program' | 'Preview'): Promise<MonitorSample> {
    return this.picture(kind).evaluate(
      (canvas, [w, h, black]) => {
        const out = document.createElement('canvas');
        out.width = w;
        out.height = h;
        const ctx = out.getContext('2d', { willReadFrequently: true });
        if (!ctx || !(canvas instanceof HTMLCanvasElement)) throw new Error('the monitor is not a canvas');
        ctx.drawImage(canvas, 0, 0, w, h);
        const data = ctx.getImageData(0, 0, w, h).data;
        const levels: number[] = [];
        for (let i = 0; i < data.length; i += 4) levels.push((data[i]! + data[i + 1]! + data[i + 2]!) / 3);
        return { nonBlack: levels.filter((l) => l > black).length / levels.length, levels };
      },
      [SAMPLE_WIDTH, SAMPLE_HEIGHT, BLACK_LEVEL] as const,
    );
  }
}

/** The colour [r, g, b] at a point of a monitor's picture, given as fractions of its width and height. */
export async function colourAt(monitors: Monitors, kind: 'Program' | 'Preview', xFraction: number, yFraction: number): Promise<[number, number, number]> {
  return monitors.picture(kind).evaluate(
    (canvas, [fx, fy]) => {
      if (!(canvas instanceof HTMLCanvasElement)) throw new Error('the monitor is not a canvas');
      const out = document.createElement('canvas');
      out.width = 1;
      out.height = 1;
      const ctx = out.getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('no 2D context');
      ctx.drawImage(canvas, Math.floor(fx * canvas.width), Math.floor(fy * canvas.height), 1, 1, 0, 0, 1, 1);
      const [r = 0, g = 0, b = 0] = ctx.getImageData(0, 0, 1, 1).data;
      return [r, g, b] as [number, number, number];
    },
    [xFraction, yFraction] as const,
  );
}

/** Mean absolute difference between two samples' levels (0 = the same picture, 255 = black vs white). */
export function pictureDifference(a: MonitorSample, b: MonitorSample): number {
  const n = Math.min(a.levels.length, b.levels.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(a.levels[i]! - b.levels[i]!);
  return n === 0 ? 0 : sum / n;
}
