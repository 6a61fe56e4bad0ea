/**
 * Pure parsers for what `ffmpeg -hide_banner -version | -protocols | -muxers | -encoders`
 * print on stdout, and for picking the reason out of a failed run's stderr. Tested
 * against output captured from real builds (test/fixtures/ffmpeg/).
 */

export type MediaType = 'V' | 'A' | 'S';

export interface ListedEncoder {
  name: string;
  type: MediaType;
  description: string;
  /** From the "(codec h264)" suffix; null when the line has none. */
  codec: string | null;
}

export interface ProtocolSets {
  input: ReadonlySet<string>;
  output: ReadonlySet<string>;
}

function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** "ffmpeg version 5.1.9-0+deb12u1 Copyright ..." -> "5.1.9-0+deb12u1"; also "N-112233-g..." and "n6.1". */
export function parseVersion(text: string): string | null {
  const match = /^\s*ffmpeg version (\S+)/m.exec(text);
  return match?.[1] ?? null;
}

/**
 * `-protocols` prints "Input:" then one name per line, then "Output:" likewise.
 * (Some builds put each list on the header line's continuation; both are handled.)
 */
export function parseProtocols(text: string): ProtocolSets {
  const input = new Set<string>();
  const output = new Set<string>();
  let current: Set<string> | null = null;
  for (const raw of lines(text)) {
    const line = raw.trim();
    if (line === '') continue;
    const header = /^(Input|Output):\s*(.*)$/.exec(line);
    if (header) {
      current = header[1] === 'Input' ? input : output;
      for (const name of (header[2] ?? '').split(/\s+/)) if (name) current.add(name);
      continue;
    }
    if (current && /^[a-z0-9_+-]+$/i.test(line)) current.add(line);
  }
  return { input, output };
}

/**
 * `-muxers` lists one format a line after a "--" rule: flags ("E", or "E"/"Ed" with a
 * device column in ffmpeg 6.1+), then names, comma-separated when a muxer has aliases.
 */
export function parseMuxers(text: string): Set<string> {
  const muxers = new Set<string>();
  let inList = false;
  for (const raw of lines(text)) {
    if (!inList) {
      inList = /^\s*-{2,}\s*$/.test(raw);
      continue;
    }
    const match = /^\s*([DEd.]{1,3})\s+(\S+)/.exec(raw);
    if (!match?.[1]?.includes('E') || !match[2]) continue;
    for (const name of match[2].split(',')) if (name) muxers.add(name);
  }
  return muxers;
}

/** `-encoders` lists "V....D libx264   description (codec h264)" after a "------" rule. */
export function parseEncoders(text: string): ListedEncoder[] {
  const encoders: ListedEncoder[] = [];
  let inList = false;
  for (const raw of lines(text)) {
    if (!inList) {
      inList = /^\s*-{2,}\s*$/.test(raw);
      continue;
    }
    const match = /^\s*([VAS])[A-Z.]{5}\s+(\S+)\s*(.*)$/.exec(raw);
    if (!match?.[1] || !match[2]) continue;
    const description = (match[3] ?? '').trim();
    const codec = /\(codec ([^)\s]+)\)\s*$/.exec(description)?.[1] ?? null;
    encoders.push({ name: match[2], type: match[1] as MediaType, description, codec });
  }
  return encoders;
}

// Lines ffmpeg prints after the real cause, which say only that something failed.
const GENERIC_FAILURE_LINES: readonly RegExp[] = [
  /^Error initializing output stream/i,
  /^Error while opening encoder/i,
  /^Error opening output files?/i,
  /^Error parsing global options/i,
  /^Failed to set value '.*' for option/i,
  /^Device creation failed/i,
  /^Conversion failed!?$/i,
  /^Error while filtering/i,
  /^Error reinitializing filters/i,
  /^Failed to inject frame into filter network/i,
  /^Error sending frames to consumers/i,
  /^Task finished with error code/i,
  /^Terminating thread with return code/i,
  /^Could not open encoder before EOF/i,
  /^Nothing was written into output file/i,
  /^Exiting normally/i,
];

/** "[h264_nvenc @ 0x55a7c916b840] Cannot load libcuda.so.1" -> "Cannot load libcuda.so.1". */
function stripContext(line: string): string {
  return line.replace(/^(\[[^\]]+ @ [^\]]+\]\s*)+/, '').trim();
}

/**
 * The most specific reason a run failed: the last stderr line that is not one of
 * ffmpeg's generic trailers, without its "[component @ address]" prefix.
 * Falls back to the last non-empty line; null when stderr is empty.
 */
export function failureReason(stderr: string): string | null {
  const candidates = lines(stderr).map(stripContext).filter((line) => line !== '');
  for (let i = candidates.length - 1; i >= 0; i--) {
    const line = candidates[i];
    if (line !== undefined && !GENERIC_FAILURE_LINES.some((pattern) => pattern.test(line))) return line;
  }
  return candidates.at(-1) ?? null;
}
