/**
 * Text sources are drawn once into their own OffscreenCanvas (re-drawn only when
 * their settings change), which the scene painter then scales like any image.
 * Handles font, size, colour, outline, background, alignment and word wrap (the
 * layout itself is shared/text-layout.ts, which the UI measures with too).
 */
import { fontShorthand, layoutText, measureWith, type TextSettings } from '../shared/text-layout';
import { cpuContext } from './pixel-canvas';

export function renderText(s: TextSettings): OffscreenCanvas | null {
  const layout = layoutText(s, measureWith(cpuContext(1, 1), s));
  if (!layout) return null;
  const { lines, pad, lineHeight, width, height } = layout;
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
