import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineSplitter, MAX_LINE_CHARS, splitLines } from '../../../../../main/engine/process/stderr-lines';

const FIXTURE = readFileSync(new URL('../../../../fixtures/ffmpeg/rtmp-origin-killed.loglevel-info.txt', import.meta.url), 'utf8');

/** Every way a text can be cut in two, fed as strings and as bytes. */
function allTwoPieceSplits(text: string): { at: number; lines: string[]; byteLines: string[] }[] {
  const bytes = Buffer.from(text, 'utf8');
  const out: { at: number; lines: string[]; byteLines: string[] }[] = [];
  for (let at = 0; at <= bytes.length; at++) {
    const s = new LineSplitter();
    const b = new LineSplitter();
    const lines = [...s.push(text.slice(0, at)), ...s.push(text.slice(at)), ...s.flush()];
    const byteLines = [...b.push(bytes.subarray(0, at)), ...b.push(bytes.subarray(at)), ...b.flush()];
    out.push({ at, lines, byteLines });
  }
  return out;
}

describe('LineSplitter', () => {
  it('ends lines at \\n, \\r and \\r\\n (ffmpeg rewrites its stats line with \\r)', () => {
    expect(splitLines('a\nb\rc\r\nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitLines('a\n\nb\n')).toEqual(['a', '', 'b']);
  });

  it('finds the message that follows a \\r-terminated stats line in real ffmpeg output', () => {
    const lines = splitLines(FIXTURE);
    expect(lines).toContain('av_interleaved_write_frame(): Broken pipe');
    expect(lines.some((l) => l.startsWith('frame=') && l.includes('av_interleaved'))).toBe(false);
  });

  it('gives the same lines whatever byte the input is split at (real fixture)', () => {
    const whole = splitLines(FIXTURE);
    for (const { at, lines, byteLines } of allTwoPieceSplits(FIXTURE)) {
      expect(lines, `string split at ${at}`).toEqual(whole);
      expect(byteLines, `byte split at ${at}`).toEqual(whole);
    }
  });

  it('keeps \\r\\n one terminator when a chunk ends between them, and multi-byte characters whole', () => {
    const text = 'héllo\r\nwörld ✓\r\n\r\nend';
    const whole = splitLines(text);
    expect(whole).toEqual(['héllo', 'wörld ✓', '', 'end']);
    for (const { at, lines, byteLines } of allTwoPieceSplits(text)) {
      expect(lines, `string split at ${at}`).toEqual(whole);
      expect(byteLines, `byte split at ${at}`).toEqual(whole);
    }
  });

  it('handles one byte at a time', () => {
    const s = new LineSplitter();
    const lines: string[] = [];
    for (const byte of Buffer.from('x=1\r\ny=2\rz=3\n')) lines.push(...s.push(Uint8Array.of(byte)));
    expect(lines).toEqual(['x=1', 'y=2', 'z=3']);
    expect(s.flush()).toEqual([]);
  });

  it('holds a partial line until it completes, and flushes it at the end', () => {
    const s = new LineSplitter();
    expect(s.push('partial')).toEqual([]);
    expect(s.push(' line\nnext')).toEqual(['partial line']);
    expect(s.flush()).toEqual(['next']);
    expect(s.flush()).toEqual([]);
  });

  it('emits an endless line in bounded pieces instead of buffering it all', () => {
    const s = new LineSplitter();
    const pieces = s.push('x'.repeat(MAX_LINE_CHARS * 2 + 10));
    expect(pieces.map((p) => p.length)).toEqual([MAX_LINE_CHARS, MAX_LINE_CHARS]);
    expect(s.flush()).toEqual(['x'.repeat(10)]);
  });
});
