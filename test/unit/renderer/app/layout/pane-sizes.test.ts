import { describe, expect, it } from 'vitest';
import {
  CHROME_HEIGHT_PX,
  CHROME_WIDTH_PX,
  DEFAULT_PANE_SIZES,
  MIN_CENTRE_WIDTH_PX,
  MIN_MONITOR_HEIGHT_PX,
  PANE_LIMITS,
  fitPanes,
  parseStoredSizes,
} from '../../../../../renderer/app/layout/pane-sizes';

const SMALL = { width: 1280, height: 720 };
const LARGE = { width: 2560, height: 1440 };
const centreOf = (s: { leftPx: number; rightPx: number }, width: number) => width - CHROME_WIDTH_PX - s.leftPx - s.rightPx;

describe('fitPanes', () => {
  it('keeps the defaults as they are in a 1280x720 window', () => {
    expect(fitPanes(DEFAULT_PANE_SIZES, SMALL)).toEqual(DEFAULT_PANE_SIZES);
    expect(centreOf(DEFAULT_PANE_SIZES, SMALL.width)).toBeGreaterThanOrEqual(MIN_CENTRE_WIDTH_PX);
  });

  it("holds each pane within its own limits", () => {
    expect(fitPanes({ leftPx: 10, rightPx: 5000, bottomPx: 1 }, LARGE)).toEqual({ leftPx: PANE_LIMITS.leftPx.min, rightPx: PANE_LIMITS.rightPx.max, bottomPx: PANE_LIMITS.bottomPx.min });
  });

  it('never squeezes the centre below its minimum: the other side dock gives way first, the dragged one follows the pointer', () => {
    const WIDE = { width: 1600, height: 900 }; // room for the docks: 1600 - chrome - centre = 1000 px
    const room = WIDE.width - CHROME_WIDTH_PX - MIN_CENTRE_WIDTH_PX;
    const dragRight = fitPanes({ leftPx: 450, rightPx: 600, bottomPx: 170 }, WIDE, 'rightPx');
    expect(dragRight).toMatchObject({ rightPx: 600, leftPx: room - 600 });
    expect(centreOf(dragRight, WIDE.width)).toBe(MIN_CENTRE_WIDTH_PX);
    const dragLeft = fitPanes({ leftPx: 500, rightPx: 560, bottomPx: 170 }, WIDE, 'leftPx');
    expect(dragLeft).toMatchObject({ leftPx: 500, rightPx: room - 500 });
    // In a window narrower than the studio is made for, both give way down to their minimums.
    expect(fitPanes({ leftPx: 520, rightPx: 300, bottomPx: 170 }, { width: 1000, height: 720 }, 'leftPx')).toMatchObject({ leftPx: PANE_LIMITS.leftPx.min, rightPx: PANE_LIMITS.rightPx.min });
  });

  it('keeps room for the monitors above the bottom dock', () => {
    const fitted = fitPanes({ ...DEFAULT_PANE_SIZES, bottomPx: 600 }, SMALL);
    expect(fitted.bottomPx).toBe(SMALL.height - CHROME_HEIGHT_PX - MIN_MONITOR_HEIGHT_PX);
    expect(fitPanes({ ...DEFAULT_PANE_SIZES, bottomPx: 600 }, LARGE).bottomPx).toBe(600);
  });

  it('gives whole pixels', () => {
    expect(fitPanes({ leftPx: 300.6, rightPx: 333.2, bottomPx: 150.5 }, LARGE)).toEqual({ leftPx: 301, rightPx: 333, bottomPx: 151 });
  });
});

describe('parseStoredSizes', () => {
  it('reads what was stored', () => {
    expect(parseStoredSizes(JSON.stringify({ leftPx: 300, rightPx: 400, bottomPx: 200 }))).toEqual({ leftPx: 300, rightPx: 400, bottomPx: 200 });
  });

  it('falls back to the defaults for nothing, garbage, or a field that is not a number', () => {
    expect(parseStoredSizes(null)).toEqual(DEFAULT_PANE_SIZES);
    expect(parseStoredSizes('{not json')).toEqual(DEFAULT_PANE_SIZES);
    expect(parseStoredSizes('42')).toEqual(DEFAULT_PANE_SIZES);
    expect(parseStoredSizes(JSON.stringify({ leftPx: 'wide', rightPx: null, bottomPx: 222 }))).toEqual({ ...DEFAULT_PANE_SIZES, bottomPx: 222 });
  });
});
