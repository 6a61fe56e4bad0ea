import { describe, expect, it } from 'vitest';
import { byteRange } from '../../../../main/remote/byte-range';

describe('byteRange', () => {
  it('answers with the whole file when nothing (or nothing usable) is asked', () => {
    expect(byteRange(undefined, 100)).toEqual({ kind: 'whole' });
    expect(byteRange('items=0-10', 100)).toEqual({ kind: 'whole' });
    expect(byteRange('bytes=0-10,20-30', 100)).toEqual({ kind: 'whole' });
    expect(byteRange('bytes=-', 100)).toEqual({ kind: 'whole' });
    // last < first is not a valid range: the header is ignored.
    expect(byteRange('bytes=50-10', 100)).toEqual({ kind: 'whole' });
  });

  it('gives the part asked, the end clamped to the file', () => {
    expect(byteRange('bytes=0-9', 100)).toEqual({ kind: 'part', start: 0, end: 9 });
    expect(byteRange('bytes=90-', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(byteRange('bytes=90-500', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(byteRange(' bytes=5-5 ', 100)).toEqual({ kind: 'part', start: 5, end: 5 });
  });

  it('gives the last N bytes for a suffix range', () => {
    expect(byteRange('bytes=-10', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(byteRange('bytes=-500', 100)).toEqual({ kind: 'part', start: 0, end: 99 });
  });

  it('says when the range lies beyond the file', () => {
    expect(byteRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
