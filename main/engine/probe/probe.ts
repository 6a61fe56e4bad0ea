/**
 * The capability probe: what this ffmpeg can do, proven rather than assumed.
 *
 * ffmpeg lists every encoder it was built with, whether or not the machine has the
 * hardware or driver behind it (Debian's build lists NVENC, QSV and VA-API on a
 * machine with no GPU). So each listed hardware encoder, and libx264, runs a short
 * trial encode with the same arguments a broadcast would use; it "works" only if
 * that exits cleanly. Trials run TRIAL_CONCURRENCY at a time, each killed after
 * TRIAL_TIMEOUT_MS. The report is cached per binary (probe-cache.ts).
 */
import { spawn } from 'node:child_process';
import type { Logger } from '../logger';
import type { Command, EncoderSettings } from '../types';
import { EngineError } from '../errors';
import {
  type EncoderFamily,
  type VideoCodec,
  HARDWARE_FAMILIES,
  SOFTWARE_ENCODERS,
  VIDEO_CODECS,
  buildVideoEncoderArgs,
  encoderFamily,
  hardwareEncoderName,
} from './encoder-args';
import { type ListedEncoder, failureReason, parseEncoders, parseMuxers, parseProtocols, parseVersion } from './parse-ffmpeg-output';
import { type ProbeCacheKey, cacheKeyFor, readCachedReport, writeCachedReport } from './probe-cache';
import { selectEncoder } from './select-encoder';

/** A trial that has not finished by now is hung on a driver: treat it as not working. */
export const TRIAL_TIMEOUT_MS = 8_000;
/** Trials at once: the machine may have 2 cores, and hardware sessions are a limited resource. */
export const TRIAL_CONCURRENCY = 2;
/** `-version`, `-encoders` and friends print a list and exit; longer than this means ffmpeg is broken. */
export const LIST_TIMEOUT_MS = 10_000;
/** Frames each trial encodes: enough for the encoder to open, take input and emit packets. */
export const TRIAL_FRAMES = 10;
/** Small and cheap, above every hardware encoder's minimum size. */
export const TRIAL_SETTINGS: Readonly<EncoderSettings> = {
  width: 640,
  height: 360,
  fps: 30,
  videoBitrateKbps: 1000,
  keyframeIntervalS: 2,
  audioBitrateKbps: 160,
  encoder: 'libx264',
  path: 'raw',
};
/** A runaway child's output is cut here so it cannot grow the engine's memory, in bytes. */
const MAX_CAPTURE_BYTES = 1_000_000;

export interface ProbedEncoder {
  name: string;
  codec: VideoCodec;
  family: EncoderFamily;
  hardware: boolean;
  /** ffmpeg was built with it (it appears in `-encoders`). */
  listed: boolean;
  /** true: passed its trial; false: failed it or is not in the build; null: software, not trialled. */
  works: boolean | null;
  /** In words: "passed its trial encode", or the cause from ffmpeg ("Cannot load libcuda.so.1"). */
  reason: string;
  trialMs: number | null;
}

export interface ProbeReport {
  ffmpegPath: string;
  version: string;
  /** Output protocols, except hls: HLS is written by the hls muxer (over file or http PUT). */
  protocols: { rtmp: boolean; rtmps: boolean; srt: boolean; http: boolean; https: boolean; hls: boolean };
  muxers: { flv: boolean; mpegts: boolean; hls: boolean; matroska: boolean; mp4: boolean };
  encoders: ProbedEncoder[];
  /** The auto choice; null when not even libx264 works. */
  selected: { name: string; reason: string } | null;
  /** ISO 8601. */
  probedAt: string;
}

export interface RunResult {
  /** Null when killed by a signal or when the spawn itself failed. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the process could not be started (ENOENT, EACCES). */
  spawnError: string | null;
  durationMs: number;
}

/** Runs one command to completion. The probe's only way to start a process, so tests inject a fake. */
export type ProbeRunner = (command: Command, options: { timeoutMs: number }) => Promise<RunResult>;

export interface ProbeOptions {
  /** Folder for the cache file; without one nothing is cached. */
  cacheDir?: string;
  logger?: Logger;
  trialTimeoutMs?: number;
  runner?: ProbeRunner;
  /** Ignore a cached report (the "probe again" button); the new report still gets cached. */
  refresh?: boolean;
}

export async function probeFfmpeg(ffmpegPath: string, options: ProbeOptions = {}): Promise<ProbeReport> {
  const log = options.logger;
  const run = options.runner ?? spawnRunner;
  let key: ProbeCacheKey;
  try {
    key = await cacheKeyFor(ffmpegPath);
  } catch (error) {
    throw new EngineError('FFMPEG_NOT_FOUND', `There is no ffmpeg at ${ffmpegPath}.`, String(error));
  }
  if (options.cacheDir && !options.refresh) {
    const cached = await readCachedReport(options.cacheDir, key);
    if (cached.hit) {
      log?.info(`cached report for ${ffmpegPath} (${cached.report.version})`);
      return cached.report;
    }
    log?.info(`no usable cached report (${cached.why}), probing ${ffmpegPath}`);
  }

  const list = (flag: string): Promise<RunResult> => runLogged(run, { command: ffmpegPath, args: ['-hide_banner', flag] }, LIST_TIMEOUT_MS, log);
  const [versionRun, protocolsRun, muxersRun, encodersRun] = await Promise.all([list('-version'), list('-protocols'), list('-muxers'), list('-encoders')]);
  const version = versionRun.exitCode === 0 ? parseVersion(versionRun.stdout) : null;
  if (version === null) {
    throw new EngineError(
      'FFMPEG_UNUSABLE',
      `The ffmpeg at ${ffmpegPath} did not run. Choose another ffmpeg in Settings or reinstall it.`,
      describeFailure(versionRun) ?? 'no version line in `ffmpeg -version` output',
    );
  }
  const protocols = parseProtocols(protocolsRun.stdout);
  const muxers = parseMuxers(muxersRun.stdout);
  const listed = new Map(parseEncoders(encodersRun.stdout).filter((e) => e.type === 'V').map((e): [string, ListedEncoder] => [e.name, e]));

  const candidates = candidateEncoders(listed);
  const trialTimeoutMs = options.trialTimeoutMs ?? TRIAL_TIMEOUT_MS;
  await mapLimit(candidates.filter(needsTrial), TRIAL_CONCURRENCY, async (entry) => {
    const result = await runLogged(run, trialCommand(ffmpegPath, entry.name), trialTimeoutMs, log);
    Object.assign(entry, judgeTrial(result, trialTimeoutMs));
    log?.info(`${entry.name} ${entry.works ? 'works' : `does not work: ${entry.reason}`}`);
  });

  const report: ProbeReport = {
    ffmpegPath,
    version,
    protocols: {
      rtmp: protocols.output.has('rtmp'),
      rtmps: protocols.output.has('rtmps'),
      srt: protocols.output.has('srt'),
      http: protocols.output.has('http'),
      https: protocols.output.has('https'),
      hls: muxers.has('hls'),
    },
    muxers: { flv: muxers.has('flv'), mpegts: muxers.has('mpegts'), hls: muxers.has('hls'), matroska: muxers.has('matroska'), mp4: muxers.has('mp4') },
    encoders: candidates,
    selected: null,
    probedAt: new Date().toISOString(),
  };
  try {
    const choice = selectEncoder(report, 'auto');
    report.selected = { name: choice.name, reason: choice.reason };
  } catch (error) {
    // Still a useful report: the UI shows why nothing works; the encoder refuses to start.
    log?.warn(`no usable H.264 encoder: ${error instanceof Error ? error.message : String(error)}`);
  }

  if (options.cacheDir) {
    await writeCachedReport(options.cacheDir, key, report).catch((error: unknown) => {
      log?.warn(`could not write the probe cache in ${options.cacheDir}: ${String(error)}`);
    });
  }
  return report;
}

/** Every hardware encoder of every codec and family, listed or not, then the software ones. */
function candidateEncoders(listed: ReadonlyMap<string, ListedEncoder>): ProbedEncoder[] {
  const hardware = VIDEO_CODECS.flatMap((codec) => HARDWARE_FAMILIES.map((family) => ({ codec, name: hardwareEncoderName(codec, family) })));
  const software = VIDEO_CODECS.map((codec) => ({ codec, name: SOFTWARE_ENCODERS[codec] }));
  const aom = { codec: 'av1' as const, name: 'libaom-av1' };
  return [...hardware, ...software, aom].map(({ codec, name }) => {
    const family = encoderFamily(name);
    const isListed = listed.has(name);
    const isHardware = (HARDWARE_FAMILIES as readonly string[]).includes(family);
    return {
      name,
      codec,
      family,
      hardware: isHardware,
      listed: isListed,
      works: isListed ? null : false,
      reason: isListed ? 'software encoder, not trial-tested' : 'not in this ffmpeg build',
      trialMs: null,
    };
  });
}

/** Listed hardware encoders, and libx264 because it is the fallback everything rests on. */
function needsTrial(entry: ProbedEncoder): boolean {
  return entry.listed && (entry.hardware || entry.name === SOFTWARE_ENCODERS.h264);
}

export function trialCommand(ffmpegPath: string, encoder: string): Command {
  const { preInputArgs, filter, outputArgs } = buildVideoEncoderArgs({ ...TRIAL_SETTINGS, encoder });
  const { width, height, fps } = TRIAL_SETTINGS;
  return {
    command: ffmpegPath,
    args: [
      '-hide_banner', '-nostdin', '-loglevel', 'error',
      ...preInputArgs,
      '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`,
      '-frames:v', String(TRIAL_FRAMES),
      ...(filter ? ['-vf', filter] : []),
      ...outputArgs,
      '-an', '-f', 'null', '-',
    ],
  };
}

function judgeTrial(result: RunResult, timeoutMs: number): Pick<ProbedEncoder, 'works' | 'reason' | 'trialMs'> {
  const trialMs = Math.round(result.durationMs);
  if (result.exitCode === 0 && !result.timedOut) return { works: true, reason: 'passed its trial encode', trialMs };
  if (result.timedOut) return { works: false, reason: `did not finish a ${TRIAL_FRAMES}-frame trial encode within ${timeoutMs / 1000} s`, trialMs };
  return { works: false, reason: describeFailure(result) ?? 'trial encode failed', trialMs };
}

function describeFailure(result: RunResult): string | null {
  if (result.spawnError) return `could not start ffmpeg: ${result.spawnError}`;
  if (result.timedOut) return 'timed out';
  return failureReason(result.stderr) ?? (result.exitCode === null ? 'killed by a signal' : `exited with code ${result.exitCode}`);
}

async function runLogged(run: ProbeRunner, command: Command, timeoutMs: number, log: Logger | undefined): Promise<RunResult> {
  log?.debug(`run: ${formatCommandLine(command)}`);
  return run(command, { timeoutMs });
}

/** The command line as a shell would show it, for logs (the logger redacts). */
export function formatCommandLine({ command, args }: Command): string {
  return [command, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

async function mapLimit<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Spawns without a shell, captures output (capped), and SIGKILLs at the timeout: trials write nothing worth finalising. */
export const spawnRunner: ProbeRunner = (command, { timeoutMs }) =>
  new Promise((resolve) => {
    const started = performance.now();
    const out = { stdout: '', stderr: '' };
    let timedOut = false;
    let settled = false;
    const finish = (exitCode: number | null, spawnError: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ exitCode, ...out, timedOut, spawnError, durationMs: performance.now() - started });
    };
    const child = spawn(command.command, command.args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const capture = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      if (out[stream].length < MAX_CAPTURE_BYTES) out[stream] += chunk.toString('utf8');
    };
    child.stdout.on('data', capture('stdout'));
    child.stderr.on('data', capture('stderr'));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => finish(null, error.message));
    child.on('close', (code) => finish(code, null));
  });
