/**
 * Measures the A/V offset of a recording of the test card (main/engine/sources/testcard.ts):
 * every second carries a white flash frame and a 1 kHz beep that start at the
 * same media time, so `beep - flash` is how far the audio leads (<0) or lags (>0).
 *
 * Video: ffprobe runs `movie=FILE,signalstats` and reports each frame's pts and
 * mean luma (YAVG); a flash is a frame above FLASH_LUMA_THRESHOLD after darker
 * frames. Audio: ffmpeg decodes to 48 kHz mono s16le; a Goertzel filter at 1 kHz
 * over 5 ms windows finds beep onsets. The first decoded audio sample's pts comes
 * from ffprobe, so both series share the file's timeline.
 *
 * The input must be readable twice (a file or an on-demand URL, not a live feed).
 */
import { execFile } from 'node:child_process';

export const FLASH_LUMA_THRESHOLD = 200;
export const BEEP_FREQUENCY_HZ = 1000;
const PCM_SAMPLE_RATE = 48_000;
const GOERTZEL_WINDOW_MS = 5;
/** Windows are evaluated every millisecond, so onsets land within about 1 ms. */
const GOERTZEL_HOP_MS = 1;
/** Band amplitude (fraction of full scale) that counts as "beep present": -20 dBFS, far above the 440 Hz tone's leakage. */
const BEEP_THRESHOLD_AMPLITUDE = 0.1;
/** The beep band must have been quiet this long before an onset counts (the beep lasts 40 ms, the gap 960 ms). */
const BEEP_MIN_SILENCE_MS = 200;
/** After a threshold crossing, the burst's peak is looked for over this span. */
const BEEP_PEAK_SEARCH_MS = 30;
/** A flash and a beep further apart than this are from different seconds. */
const MAX_PAIR_DISTANCE_S = 0.5;
const FULL_SCALE_S16 = 32768;
const MAX_DECODE_BYTES = 1 << 30;

export interface LumaSample {
  ptsS: number;
  yavg: number;
}

export interface AvPair {
  flashS: number;
  beepS: number;
  offsetMs: number;
}

export interface AvOffsetReport {
  pairs: AvPair[];
  flashesS: number[];
  beepsS: number[];
  medianOffsetMs: number;
  maxAbsOffsetMs: number;
}

export interface MeasureOptions {
  fps: number;
  /** Look for the flash in this part of the picture only (the rest shows something else). */
  flashRegion?: { x: number; y: number; width: number; height: number };
  ffmpegPath?: string;
  ffprobePath?: string;
}

/** Flash times: frames above the threshold whose previous `minGapFrames` frames were all below it. */
export function findFlashes(samples: readonly LumaSample[], minGapFrames: number, threshold = FLASH_LUMA_THRESHOLD): number[] {
  const flashes: number[] = [];
  let darkRun = minGapFrames; // the first frame of the file may be a flash
  for (const { ptsS, yavg } of samples) {
    if (yavg > threshold) {
      if (darkRun >= minGapFrames) flashes.push(ptsS);
      darkRun = 0;
    } else {
      darkRun++;
    }
  }
  return flashes;
}

/** Amplitude (fraction of full scale) of `freqHz` in pcm[start, start+length), by the Goertzel recurrence. */
export function goertzelAmplitude(pcm: Int16Array, start: number, length: number, freqHz: number, sampleRate: number): number {
  const coeff = 2 * Math.cos((2 * Math.PI * freqHz) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (let i = start; i < start + length; i++) {
    const s0 = (pcm[i] ?? 0) / FULL_SCALE_S16 + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (2 * Math.sqrt(Math.max(0, power))) / length;
}

/**
 * Beep onsets in seconds from the first sample. A beep is a crossing of the band
 * threshold after BEEP_MIN_SILENCE_MS of quiet; its onset is refined from the
 * first window reaching half the burst's peak (see below), which keeps it within
 * about a millisecond whatever the beep's level after encoding.
 */
export function findBeepOnsets(pcm: Int16Array, sampleRate = PCM_SAMPLE_RATE, freqHz = BEEP_FREQUENCY_HZ): number[] {
  const win = Math.round((sampleRate * GOERTZEL_WINDOW_MS) / 1000);
  const hop = Math.round((sampleRate * GOERTZEL_HOP_MS) / 1000);
  const amps: number[] = [];
  for (let start = 0; start + win <= pcm.length; start += hop) amps.push(goertzelAmplitude(pcm, start, win, freqHz, sampleRate));
  const minQuietHops = Math.round(BEEP_MIN_SILENCE_MS / GOERTZEL_HOP_MS);
  const peakHops = Math.round(BEEP_PEAK_SEARCH_MS / GOERTZEL_HOP_MS);
  const onsets: number[] = [];
  let quietHops = minQuietHops; // the file may start with a beep
  for (let i = 0; i < amps.length; i++) {
    const amp = amps[i] ?? 0;
    if (amp < BEEP_THRESHOLD_AMPLITUDE) {
      quietHops++;
      continue;
    }
    if (quietHops >= minQuietHops) {
      const burst = amps.slice(i, i + peakHops);
      const peak = Math.max(...burst);
      const k = Math.max(0, burst.findIndex((a) => a >= peak / 2));
      // The band amplitude grows with the share of the window the beep covers, so
      // that share is amp/peak and the beep began (1 - share) of a window in.
      const share = Math.min(1, (burst[k] ?? peak) / peak);
      onsets.push(((i + k) * hop + win * (1 - share)) / sampleRate);
    }
    quietHops = 0;
  }
  return onsets;
}

/** Pairs each flash with its nearest beep (if one is within MAX_PAIR_DISTANCE_S). */
export function pairFlashesWithBeeps(flashesS: readonly number[], beepsS: readonly number[]): AvPair[] {
  const pairs: AvPair[] = [];
  for (const flashS of flashesS) {
    let best: number | undefined;
    for (const beepS of beepsS) if (best === undefined || Math.abs(beepS - flashS) < Math.abs(best - flashS)) best = beepS;
    if (best !== undefined && Math.abs(best - flashS) <= MAX_PAIR_DISTANCE_S) {
      pairs.push({ flashS, beepS: best, offsetMs: (best - flashS) * 1000 });
    }
  }
  return pairs;
}

export function summarizeOffsets(pairs: readonly AvPair[]): { medianOffsetMs: number; maxAbsOffsetMs: number } {
  if (pairs.length === 0) return { medianOffsetMs: Number.NaN, maxAbsOffsetMs: Number.NaN };
  const sorted = pairs.map((p) => p.offsetMs).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { medianOffsetMs: median, maxAbsOffsetMs: Math.max(...sorted.map(Math.abs)) };
}

/** Escapes a file name or URL for `movie=` inside a filtergraph: option-value level, then graph level (ffmpeg-filters "Notes on filtergraph escaping"). */
export function escapeMovieFilename(name: string): string {
  const optionLevel = name.replace(/[\\':]/g, '\\$&');
  return optionLevel.replace(/[\\'[\],;]/g, '\\$&');
}

/** Parses `-show_entries frame=pts_time:frame_tags=lavfi.signalstats.YAVG -of csv=p=0` lines ("0.033333,122.5"). */
export function parseLumaCsv(csv: string): LumaSample[] {
  const samples: LumaSample[] = [];
  for (const line of csv.split(/\r?\n/)) {
    const [pts, yavg] = line.split(',').map(Number);
    if (pts !== undefined && yavg !== undefined && Number.isFinite(pts) && Number.isFinite(yavg)) samples.push({ ptsS: pts, yavg });
  }
  return samples;
}

export async function measureAvOffset(mediaFileOrUrl: string, options: MeasureOptions): Promise<AvOffsetReport> {
  const ffmpeg = options.ffmpegPath ?? 'ffmpeg';
  const ffprobe = options.ffprobePath ?? 'ffprobe';
  const [lumaCsv, pcmBytes, audioStartCsv] = await Promise.all([
    run(ffprobe, ['-v', 'error', '-f', 'lavfi', '-i', `movie=${escapeMovieFilename(mediaFileOrUrl)},${cropFilter(options.flashRegion)}signalstats`,
      '-show_entries', 'frame=pts_time:frame_tags=lavfi.signalstats.YAVG', '-of', 'csv=p=0']),
    run(ffmpeg, ['-v', 'error', '-nostdin', '-i', mediaFileOrUrl, '-map', '0:a:0', '-ac', '1', '-ar', String(PCM_SAMPLE_RATE), '-f', 's16le', 'pipe:1']),
    // The pts of the first decoded audio frame (encoder priming already dropped), read from a few packets only.
    run(ffprobe, ['-v', 'error', '-select_streams', 'a:0', '-read_intervals', '%+#50', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', mediaFileOrUrl]),
  ]);
  const audioStartS = Number(audioStartCsv.toString('utf8').split(/\r?\n/).find((l) => l.trim() !== '') ?? 'NaN');
  if (!Number.isFinite(audioStartS)) throw new Error(`no audio frame timestamps in ${mediaFileOrUrl}`);
  // Copy into an aligned buffer: a Buffer's byteOffset may be odd.
  const pcm = new Int16Array(pcmBytes.length >> 1);
  new Uint8Array(pcm.buffer).set(pcmBytes.subarray(0, pcm.length * 2));
  const flashesS = findFlashes(parseLumaCsv(lumaCsv.toString('utf8')), Math.max(1, Math.floor(options.fps / 2)));
  const beepsS = findBeepOnsets(pcm).map((t) => t + audioStartS);
  const pairs = pairFlashesWithBeeps(flashesS, beepsS);
  return { pairs, flashesS, beepsS, ...summarizeOffsets(pairs) };
}

function cropFilter(r: MeasureOptions['flashRegion']): string {
  return r ? `crop=${r.width}:${r.height}:${r.x}:${r.y},` : '';
}

function run(command: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'buffer', maxBuffer: MAX_DECODE_BYTES }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.toString('utf8').trim() || err.message}`));
      else resolve(stdout);
    });
  });
}
