/**
 * Parses ffmpeg's `-progress pipe:N` output: blocks of `key=value` lines, each
 * block ending with `progress=continue` (or `progress=end` once, at the end).
 * Pure apart from the partial line and the block being filled; one parser per
 * process. Fixtures: test/fixtures/ffmpeg/progress-*.txt.
 *
 * What ffmpeg 5.1 really prints (all seen in the fixtures):
 * - `N/A` for bitrate, total_size and speed before anything is written, and for
 *   bitrate/total_size all along with `-f null`;
 * - `speed=   0x` (padded) in the first block;
 * - no `frame`/`fps` keys at all for audio-only outputs;
 * - `out_time_ms` holding microseconds (a long-standing ffmpeg quirk), so we read
 *   `out_time_us` and only fall back to the others.
 * A key missing from a block is left undefined in that block's sample: values
 * are never carried over from an earlier block.
 */
import { LineSplitter } from './stderr-lines';

export interface ProgressSample {
  frame?: number;
  fps?: number;
  /** Output bitrate in kbit/s (ffmpeg's `bitrate=1234.5kbits/s`). */
  bitrateKbps?: number;
  /** Bytes written to the output so far. */
  totalSizeBytes?: number;
  /** Output position in microseconds (can be slightly negative at the very start). */
  outTimeUs?: number;
  dupFrames?: number;
  dropFrames?: number;
  /** Encode speed relative to real time (1 = real time). */
  speed?: number;
  progress: 'continue' | 'end';
}

type Fields = Omit<ProgressSample, 'progress'>;

const BITRATE = /^(-?\d+(?:\.\d+)?)\s*kbits\/s$/;
const SPEED = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)x$/;
const CLOCK = /^(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/;
const US_PER_S = 1_000_000;

export class ProgressParser {
  private readonly lines = new LineSplitter();
  private block: Fields = {};
  /** out_time_us beats out_time_ms beats out_time, whatever order they come in. */
  private outTimeRank = 0;

  /** Feeds a chunk; returns the samples of the blocks it completed. */
  push(chunk: string | Uint8Array): ProgressSample[] {
    const samples: ProgressSample[] = [];
    for (const line of this.lines.push(chunk)) {
      const sample = this.line(line);
      if (sample) samples.push(sample);
    }
    return samples;
  }

  private line(line: string): ProgressSample | null {
    const eq = line.indexOf('=');
    if (eq <= 0) return null;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    const block = this.block;
    switch (key) {
      case 'frame':
        block.frame = parseNumber(value);
        break;
      case 'fps':
        block.fps = parseNumber(value);
        break;
      case 'bitrate':
        block.bitrateKbps = parseWith(BITRATE, value);
        break;
      case 'total_size':
        block.totalSizeBytes = parseNumber(value);
        break;
      case 'out_time_us':
        this.setOutTime(3, parseNumber(value));
        break;
      case 'out_time_ms': // microseconds despite the name
        this.setOutTime(2, parseNumber(value));
        break;
      case 'out_time':
        this.setOutTime(1, parseClock(value));
        break;
      case 'dup_frames':
        block.dupFrames = parseNumber(value);
        break;
      case 'drop_frames':
        block.dropFrames = parseNumber(value);
        break;
      case 'speed':
        block.speed = parseWith(SPEED, value);
        break;
      case 'progress': {
        const sample: ProgressSample = { ...dropUndefined(block), progress: value === 'end' ? 'end' : 'continue' };
        this.block = {};
        this.outTimeRank = 0;
        return sample;
      }
      default:
        break; // stream_0_0_q and future keys
    }
    return null;
  }

  private setOutTime(rank: number, us: number | undefined): void {
    if (us === undefined || rank < this.outTimeRank) return;
    this.block.outTimeUs = us;
    this.outTimeRank = rank;
  }
}

/** A finite number, or undefined for `N/A`, empty or garbage. */
function parseNumber(value: string): number | undefined {
  if (value === '' || value === 'N/A') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function parseWith(pattern: RegExp, value: string): number | undefined {
  const m = pattern.exec(value);
  return m?.[1] === undefined ? undefined : parseNumber(m[1]);
}

/** `HH:MM:SS.ffffff` to microseconds. */
function parseClock(value: string): number | undefined {
  const m = CLOCK.exec(value);
  if (!m) return undefined;
  const [, sign, h, min, s] = m;
  const seconds = Number(h) * 3600 + Number(min) * 60 + Number(s);
  return Math.round(seconds * US_PER_S) * (sign === '-' ? -1 : 1);
}

function dropUndefined(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields) as [keyof Fields, number | undefined][]) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}
