/**
 * A 5x7 bitmap font for pictures the engine draws itself (the test card's clock,
 * the slate), straight into an I420 luma plane: no canvas, no font files.
 * Each glyph is 7 rows of 5 bits, most significant bit on the left.
 */
export const FONT_WIDTH = 5;
export const FONT_HEIGHT = 7;
export const GLYPH_ADVANCE = FONT_WIDTH + 1;
export const LINE_ADVANCE = FONT_HEIGHT + 2;

const GLYPHS: Readonly<Record<string, readonly number[]>> = {
  '0': [14, 17, 19, 21, 25, 17, 14], '1': [4, 12, 4, 4, 4, 4, 14], '2': [14, 17, 1, 2, 4, 8, 31],
  '3': [31, 2, 4, 2, 1, 17, 14], '4': [2, 6, 10, 18, 31, 2, 2], '5': [31, 16, 30, 1, 1, 17, 14],
  '6': [6, 8, 16, 30, 17, 17, 14], '7': [31, 1, 2, 4, 8, 8, 8], '8': [14, 17, 17, 14, 17, 17, 14],
  '9': [14, 17, 17, 15, 1, 2, 12], ':': [0, 12, 12, 0, 12, 12, 0], '.': [0, 0, 0, 0, 0, 12, 12],
  A: [14, 17, 17, 31, 17, 17, 17], B: [30, 17, 17, 30, 17, 17, 30], C: [14, 17, 16, 16, 16, 17, 14],
  D: [28, 18, 17, 17, 17, 18, 28], E: [31, 16, 16, 30, 16, 16, 31], F: [31, 16, 16, 30, 16, 16, 16],
  G: [14, 17, 16, 23, 17, 17, 15], H: [17, 17, 17, 31, 17, 17, 17], I: [14, 4, 4, 4, 4, 4, 14],
  J: [7, 2, 2, 2, 2, 18, 12], K: [17, 18, 20, 24, 20, 18, 17], L: [16, 16, 16, 16, 16, 16, 31],
  M: [17, 27, 21, 21, 17, 17, 17], N: [17, 17, 25, 21, 19, 17, 17], O: [14, 17, 17, 17, 17, 17, 14],
  P: [30, 17, 17, 30, 16, 16, 16], Q: [14, 17, 17, 17, 21, 18, 13], R: [30, 17, 17, 30, 20, 18, 17],
  S: [15, 16, 16, 14, 1, 1, 30], T: [31, 4, 4, 4, 4, 4, 4], U: [17, 17, 17, 17, 17, 17, 14],
  V: [17, 17, 17, 17, 17, 10, 4], W: [17, 17, 17, 21, 21, 21, 10], X: [17, 17, 10, 4, 10, 17, 17],
  Y: [17, 17, 17, 10, 4, 4, 4], Z: [31, 1, 2, 4, 8, 16, 31], ' ': [0, 0, 0, 0, 0, 0, 0],
  '-': [0, 0, 0, 31, 0, 0, 0], '!': [4, 4, 4, 4, 4, 0, 4], ',': [0, 0, 0, 0, 12, 4, 8], "'": [4, 4, 8, 0, 0, 0, 0],
};

/** Size of a block of lines in font cells (before scaling), one cell of margin around. */
export function measureText(lines: readonly string[]): { columns: number; rows: number } {
  return { columns: Math.max(...lines.map((l) => l.length)) * GLYPH_ADVANCE + 1, rows: lines.length * LINE_ADVANCE };
}

/**
 * Draw lines of text into a luma plane with the block's top-left at (left, top),
 * each font pixel `scale` pixels wide. Characters the font lacks are skipped;
 * letters are drawn upper-case.
 */
export function drawText(yPlane: Uint8Array, width: number, lines: readonly string[], left: number, top: number, scale: number, luma: number): void {
  lines.forEach((line, li) => {
    for (let ci = 0; ci < line.length; ci++) {
      const glyph = GLYPHS[line.charAt(ci).toUpperCase()];
      if (!glyph) continue;
      const gx = left + (1 + ci * GLYPH_ADVANCE) * scale;
      const gy = top + (1 + li * LINE_ADVANCE) * scale;
      glyph.forEach((mask, r) => {
        for (let c = 0; c < FONT_WIDTH; c++) {
          if (!(mask & (1 << (FONT_WIDTH - 1 - c)))) continue;
          const x0 = gx + c * scale;
          for (let dy = 0; dy < scale; dy++) {
            const rowStart = (gy + r * scale + dy) * width;
            yPlane.fill(luma, rowStart + x0, rowStart + x0 + scale);
          }
        }
      });
    }
  });
}
