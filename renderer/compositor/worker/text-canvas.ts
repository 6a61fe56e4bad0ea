/**
 * Text sources are drawn once into their own OffscreenCanvas (re-drawn only when
 * their settings change), which the scene painter then scales like any image.
 * Handles font, size, colour, outline, background, alignment and word wrap.
 */
import type { Source } from '../../../preload/contract/model';
import { cpuContext } from './pixel-canvas';

export type TextSettings = Extract<Source, { kind: 'text' }>['settings'];

/** Line spacing as a multiple of the font size. */
const LINE_HEIGHT_EM = 1.25;
/** Space around the text, in font sizes, so outlines and descenders are not clipped. */
const PADDING_EM = 0.15;
/** Browsers refuse canvases past a limit; text larger than this is clipped. */
const MAX_TEXT_CANVAS_PX = 8192;

function fontShorthand(s: TextSettings): string {
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

export function renderText(s: TextSettings): OffscreenCanvas | null {
  if (s.text.length === 0) return null;
  const probe = cpuContext(1, 1);
  probe.font = fontShorthand(s);
  const measure = (t: string) => probe.measureText(t).width;
  const lines = wrapLines(s.text, s.wrapWidthPx, measure);
  const pad = Math.ceil(s.sizePx * PADDING_EM + s.outlineWidthPx);
  const lineHeight = s.sizePx * LINE_HEIGHT_EM;
  const textWidth = s.wrapWidthPx ?? Math.max(1, ...lines.map(measure));
  const width = Math.min(MAX_TEXT_CANVAS_PX, Math.ceil(textWidth + 2 * pad));
  const height = Math.min(MAX_TEXT_CANVAS_PX, Math.ceil(lines.length * lineHeight + 2 * pad));
  // In memory like every compositor canvas (see pixel-canvas.ts).
  const ctx = cpuContext(width, height);
  const canvas = ctx.canvas;
  if (s.background !== null) {
    ctx.fillStyle = s.background;
    ctx.fillRect(0, 0, width, height);
  }
  ctx.font = fontShorthand(s);
  ctx.textAlign = s.align;
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  const x = s.align === 'left' ? pad : s.align === 'right' ? width - pad : width / 2;
  lines.forEach((line, i) => {
    const y = pad + (i + 0.5) * lineHeight;
    if (s.outlineWidthPx > 0) {
      // The stroke is centred on the glyph edge: twice the width leaves the asked-for width outside.
      ctx.lineWidth = s.outlineWidthPx * 2;
      ctx.strokeStyle = s.outlineColor;
      ctx.strokeText(line, x, y);
    }
    ctx.fillStyle = s.color;
    ctx.fillText(line, x, y);
  });
  return canvas;
}
