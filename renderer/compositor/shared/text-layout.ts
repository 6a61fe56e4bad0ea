/**
 * How a text source is laid out (pure, given a way to measure a string): its
 * lines after word wrap, and the size of the picture it makes, which is the text
 * source's own size. The compositor draws with it (worker/text-canvas.ts); the UI
 * measures with it, so a crop or a reset counts the same pixels the compositor
 * draws.
 */
import type { Source } from '../../../preload/contract/model';

export type TextSettings = Extract<Source, { kind: 'text' }>['settings'];

/** Line spacing as a multiple of the font size. */
export const LINE_HEIGHT_EM = 1.25;
/** Space around the text, in font sizes, so outlines and descenders are not clipped. */
export const PADDING_EM = 0.15;
/** Browsers refuse canvases past a limit; text larger than this is clipped. */
export const MAX_TEXT_CANVAS_PX = 8192;

export function fontShorthand(s: TextSettings): string {
  return `${s.sizePx}px ${s.font}`;
}

/** Greedy word wrap; a word wider than the line is broken between characters. */
export function wrapLines(text: string, maxWidth: number | null, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (maxWidth === null) {
      lines.push(paragraph);
      continue;
    }
    let line = '';
    for (const word of paragraph.split(/(\s+)/)) {
      const candidate = line + word;
      if (measure(candidate) <= maxWidth || line === '') {
        line = candidate;
      } else {
        lines.push(line.trimEnd());
        line = word.trimStart();
      }
      // Break a single over-long word.
      while (measure(line) > maxWidth && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && measure(line.slice(0, cut)) > maxWidth) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

export interface TextLayout {
  lines: string[];
  /** Space around the text, px. */
  pad: number;
  lineHeight: number;
  /** The picture's size: the text source's own size. */
  width: number;
  height: number;
}

/** The layout of `s`, measured with `measure` (a 2D context's measureText in the font); null for empty text. */
export function layoutText(s: TextSettings, measure: (t: string) => number): TextLayout | null {
  if (s.text.length === 0) return null;
  const lines = wrapLines(s.text, s.wrapWidthPx, measure);
  const pad = Math.ceil(s.sizePx * PADDING_EM + s.outlineWidthPx);
  const lineHeight = s.sizePx * LINE_HEIGHT_EM;
  const textWidth = s.wrapWidthPx ?? Math.max(1, ...lines.map(measure));
  return {
    lines,
    pad,
    lineHeight,
    width: Math.min(MAX_TEXT_CANVAS_PX, Math.ceil(textWidth + 2 * pad)),
    height: Math.min(MAX_TEXT_CANVAS_PX, Math.ceil(lines.length * lineHeight + 2 * pad)),
  };
}

/** A measure function for `s`'s font from any 2D context (the worker's, or the page's). */
export function measureWith(ctx: OffscreenCanvasRenderingContext2D, s: TextSettings): (t: string) => number {
  ctx.font = fontShorthand(s);
  return (t: string) => ctx.measureText(t).width;
}
