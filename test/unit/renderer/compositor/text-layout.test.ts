import { describe, expect, it } from 'vitest';
import { layoutText, type TextSettings } from '../../../../renderer/compositor/shared/text-layout';

const base: TextSettings = { text: 'abc', font: 'sans-serif', sizePx: 20, color: '#ffffff', outlineColor: '#000000', outlineWidthPx: 2, background: null, align: 'left', wrapWidthPx: null };
/** Every character 10 px wide. */
const measure = (t: string) => t.length * 10;

describe('text layout (the size a text source draws at, shared by compositor and UI)', () => {
  it('is the widest line plus padding by the line count', () => {
    // Padding: ceil(20 * 0.15 + 2) = 5 each side; line height 25.
    expect(layoutText(base, measure)).toMatchObject({ lines: ['abc'], pad: 5, width: 40, height: 35 });
    expect(layoutText({ ...base, text: 'abc\nabcdef' }, measure)).toMatchObject({ width: 70, height: 60 });
  });

  it('is as wide as the wrap width when wrapping', () => {
    const l = layoutText({ ...base, text: 'aaa bbb ccc', wrapWidthPx: 65 }, measure)!;
    expect(l.lines).toEqual(['aaa', 'bbb', 'ccc']);
    expect([l.width, l.height]).toEqual([75, 85]);
  });

  it('has no picture for empty text', () => {
    expect(layoutText({ ...base, text: '' }, measure)).toBeNull();
  });
});
