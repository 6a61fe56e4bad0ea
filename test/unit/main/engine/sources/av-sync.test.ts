// Unit tests for the pure parts of test/helpers/av-sync.ts (the A/V offset meter used by the integration tests).
import { describe, expect, it } from 'vitest';
import {
  escapeMovieFilename,
  findBeepOnsets,
  findFlashes,
  goertzelAmplitude,
  pairFlashesWithBeeps,
  parseLumaCsv,
  summarizeOffsets,
} from '../../../../helpers/av-sync';
import { renderTestcardAudio } from '../../../../../main/engine/sources/testcard';

const RATE = 48_000;

function sine(length: number, freqHz: number, amplitude: number): Int16Array {
  return Int16Array.from({ length }, (_, i) => Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * freqHz * i) / RATE)));
}

/** 440 Hz at -20 dBFS with 40 ms 1 kHz beeps at -6 dBFS starting at the given samples. */
function toneWithBeeps(lengthS: number, beepStarts: number[]): Int16Array {
  const pcm = sine(lengthS * RATE, 440, 0.1);
  for (const start of beepStarts) {
    for (let i = 0; i < 1920 && start + i < pcm.length; i++) pcm[start + i] = Math.round(0.5 * 32767 * Math.sin((2 * Math.PI * 1000 * i) / RATE));
  }
  return pcm;
}

describe('goertzelAmplitude', () => {
  it('measures a sine at its own frequency and ignores one far away', () => {
    expect(goertzelAmplitude(sine(240, 1000, 0.5), 0, 240, 1000, RATE)).toBeCloseTo(0.5, 2);
    expect(goertzelAmplitude(sine(240, 440, 0.1), 0, 240, 1000, RATE)).toBeLessThan(0.02);
  });
});

describe('findBeepOnsets', () => {
  it('finds each beep onset within half a millisecond, through the quiet tone', () => {
    const starts = [12_345, 60_000, 107_777];
    const onsets = findBeepOnsets(toneWithBeeps(3, starts));
    expect(onsets).toHaveLength(3);
    onsets.forEach((t, i) => expect(Math.abs(t - (starts[i] ?? 0) / RATE)).toBeLessThan(0.0005));
  });

  it('finds the test card beeps on the whole seconds, including one at the very start', () => {
    const bytes = new Uint8Array(3 * RATE * 4);
    renderTestcardAudio(0, 3 * RATE, bytes);
    const stereo = new Int16Array(bytes.buffer);
    const mono = Int16Array.from({ length: 3 * RATE }, (_, i) => stereo[2 * i] ?? 0);
    const onsets = findBeepOnsets(mono);
    expect(onsets).toHaveLength(3);
    onsets.forEach((t, i) => expect(Math.abs(t - i)).toBeLessThan(0.0005));
  });

  it('finds nothing in the tone alone or in silence', () => {
    expect(findBeepOnsets(sine(RATE, 440, 0.1))).toEqual([]);
    expect(findBeepOnsets(new Int16Array(RATE))).toEqual([]);
  });
});

describe('findFlashes', () => {
  const series = (yavgs: number[], fps = 30) => yavgs.map((yavg, i) => ({ ptsS: i / fps, yavg }));

  it('reports the first bright frame of each flash after enough dark frames', () => {
    const yavgs = Array.from({ length: 90 }, (_, i) => (i % 30 === 5 ? 230 : 110));
    expect(findFlashes(series(yavgs), 15)).toEqual([5 / 30, 35 / 30, 65 / 30]);
  });

  it('treats a run of bright frames as one flash, and ignores a bright frame too soon after one', () => {
    const yavgs = [110, 230, 231, 110, 230, 110, 110, 110, 230];
    expect(findFlashes(series(yavgs), 3)).toEqual([1 / 30, 8 / 30]);
  });

  it('counts a flash on the first frame and nothing in a dark clip', () => {
    expect(findFlashes(series([232, 100, 100]), 2)).toEqual([0]);
    expect(findFlashes(series([100, 199.9, 100]), 1)).toEqual([]);
  });
});

describe('pairing and summary', () => {
  it('pairs each flash with its nearest beep and reports median and worst offset', () => {
    const pairs = pairFlashesWithBeeps([0, 1, 2, 5], [0.01, 0.98, 2.03]);
    expect(pairs.map((p) => Math.round(p.offsetMs))).toEqual([10, -20, 30]);
    expect(summarizeOffsets(pairs)).toEqual({ medianOffsetMs: pairs[0]?.offsetMs, maxAbsOffsetMs: pairs[2]?.offsetMs });
    expect(summarizeOffsets([]).medianOffsetMs).toBeNaN();
  });
});

describe('ffprobe plumbing', () => {
  it('parses pts and YAVG lines and skips the rest', () => {
    expect(parseLumaCsv('0.000000,235.0\n0.033333,120.5\nN/A,12\n\n')).toEqual([
      { ptsS: 0, yavg: 235 },
      { ptsS: 0.033333, yavg: 120.5 },
    ]);
  });

  it('escapes a movie= file name at both filtergraph levels', () => {
    expect(escapeMovieFilename('/tmp/a.mkv')).toBe('/tmp/a.mkv');
    expect(escapeMovieFilename('http://h/x,y.ts')).toBe('http\\\\://h/x\\,y.ts');
    expect(escapeMovieFilename("it's")).toBe("it\\\\\\'s");
  });
});
