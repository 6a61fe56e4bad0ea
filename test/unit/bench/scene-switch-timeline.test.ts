import { describe, expect, it } from 'vitest';
import { classifyColour, findEdges, framesBetweenEdges, slotDelaysUs, timestampGaps, type SceneColour, type SeenFrame } from '../../bench/scene-switch-timeline';

const FRAME_US = 1e6 / 30;

/** Frames every FRAME_US from t0, coloured by the string: r = red, b = blue, . = neither. */
function frames(pattern: string, t0 = 0, stepUs = FRAME_US): SeenFrame[] {
  const colour: Record<string, SceneColour | null> = { r: 'red', b: 'blue', '.': null };
  return [...pattern].map((c, i) => ({ atUs: t0 + i * stepUs, colour: colour[c]! }));
}

describe('classifyColour', () => {
  it('tells red from blue by chroma, as BT.709 limited range puts them', () => {
    expect(classifyColour(102, 240)).toBe('red');
    expect(classifyColour(240, 118)).toBe('blue');
  });

  it('refuses a grey or an ambiguous picture', () => {
    expect(classifyColour(128, 128)).toBeNull();
    expect(classifyColour(150, 190)).toBeNull();
  });
});

describe('findEdges', () => {
  it('finds each switch at the first frame of its colour after the previous edge, with its delay from the request', () => {
    const seen = frames('rrrbbbbrrr');
    const edges = findEdges(seen, [
      { sentUs: 2 * FRAME_US + 10, answeredUs: 0, to: 'blue' },
      { sentUs: 6 * FRAME_US, answeredUs: 0, to: 'red' },
    ]);
    expect(edges.map((e) => e.index)).toEqual([3, 7]);
    expect(edges[0]!.delayUs).toBeCloseTo(FRAME_US - 10, 6);
    expect(edges[1]!.delayUs).toBeCloseTo(FRAME_US, 6);
  });

  it('says null for a switch whose colour never came, and keeps looking for later ones', () => {
    const edges = findEdges(frames('rrrr'), [{ sentUs: 0, answeredUs: 0, to: 'blue' }]);
    expect(edges).toEqual([{ index: null, delayUs: null }]);
  });

  it('does not take a colour already showing as the edge: it waits for the change to it', () => {
    const edges = findEdges(frames('bbrrbb'), [{ sentUs: 0, answeredUs: 0, to: 'blue' }]);
    expect(edges[0]!.index).toBe(4);
  });
});

describe('framesBetweenEdges', () => {
  it('counts frames from each edge to the next, null where one is missing', () => {
    expect(framesBetweenEdges([{ index: 3, delayUs: 0 }, { index: 10, delayUs: 0 }, { index: null, delayUs: null }])).toEqual([7, null]);
  });
});

describe('timestampGaps', () => {
  it('reports steps longer than the limit that overlap the window only', () => {
    const f = [0, 1, 2, 4, 5, 9].map((n) => ({ atUs: n * FRAME_US, colour: null }));
    expect(timestampGaps(f, 0, 4.5 * FRAME_US, 1.5 * FRAME_US).map((g) => Math.round(g / FRAME_US))).toEqual([2]);
    expect(timestampGaps(f, -Infinity, Infinity, 1.5 * FRAME_US)).toHaveLength(2);
  });
});

describe('slotDelaysUs', () => {
  it('delays each frame after a stream edge against its constant-frame-rate slot after the compositor edge', () => {
    const out = frames('rrbbbb');
    const seen = frames('rrrbbbb', 500_000); // 500 ms later, with one frame repeated before the edge
    const outEdges = findEdges(out, [{ sentUs: 0, answeredUs: 0, to: 'blue' }]);
    const seenEdges = findEdges(seen, [{ sentUs: 0, answeredUs: 0, to: 'blue' }]);
    const delays = slotDelaysUs(out, outEdges, seen, seenEdges, FRAME_US, 30);
    // Edge at out[2] (t = 2 frames) and seen[3] (t = 500 ms + 3 frames): every following frame is 500 ms + 1 frame late.
    expect(delays).toHaveLength(1);
    expect(delays[0]).toHaveLength(3);
    for (const d of delays[0]!) expect(d).toBeCloseTo(500_000 + FRAME_US, 6);
  });

  it('stops at the next edge and at maxFrames', () => {
    const out = frames('rbbbbr');
    const seen = frames('rbbbbr');
    const switches = [
      { sentUs: 0, answeredUs: 0, to: 'blue' as const },
      { sentUs: 0, answeredUs: 0, to: 'red' as const },
    ];
    expect(slotDelaysUs(out, findEdges(out, switches), seen, findEdges(seen, switches), FRAME_US, 30).map((d) => d.length)).toEqual([3, 0]);
    expect(slotDelaysUs(out, findEdges(out, switches), seen, findEdges(seen, switches), FRAME_US, 2).map((d) => d.length)).toEqual([2, 0]);
  });
});
