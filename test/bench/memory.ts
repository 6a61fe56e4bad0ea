/**
 * `memory`: resident memory of the engine's main process (the `onair broadcast`
 * CLI: the same engine the studio runs) and of its ffmpeg children, live for
 * BENCH_SECONDS (60) at 1280x720 30 fps: test card to nginx-rtmp plus a recording.
 *
 * Sampled once the engine is up (its first health line) and again when the
 * media length has passed: growth between the two is what a long stream would
 * keep adding. Every process is sampled each second as well, for the peak.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_ENCODER_SETTINGS, type EncoderSettings } from '../../main/engine/types';
import type { BenchContext, Measurement } from './bench-context';
import { fmt, median, type Figure, type MeasurementResult } from './bench-report';
import { buildEngineCommand } from './overhead-commands';
import { treeRssByRole } from './process-memory';

const MAIN_ROLE = 'main process (node cli/onair.js)';
/**
 * The engine is asked for this much more than the measured span (its --duration
 * counts from its own start, and a loaded machine can take many seconds to go
 * live); the bench stops it with SIGINT (a graceful stop) after the last sample.
 */
const SPARE_DURATION_S = 120;
/** How often RSS is sampled for the peak, ms. */
const SAMPLE_INTERVAL_MS = 1_000;
/** Beyond the spare duration: finalising the recording after the stop. */
const RUN_MARGIN_MS = 60_000;
const BYTES_PER_MIB = 1024 * 1024;

interface RunMemory {
  start: Map<string, number>;
  end: Map<string, number>;
  peak: Map<string, number>;
  liveS: number;
}

export const memory: Measurement = {
  name: 'memory',
  async run(ctx: BenchContext): Promise<MeasurementResult> {
    const measuredAt = new Date().toISOString();
    const settings: EncoderSettings = { ...DEFAULT_ENCODER_SETTINGS, encoder: ctx.machine.encoder };
    const runs: RunMemory[] = [];
    for (let i = 0; i < ctx.runs; i++) {
      ctx.progress(`memory ${i + 1}/${ctx.runs}: ${ctx.seconds} s live`);
      runs.push(await measureRun(ctx, settings, i));
    }
    const mb = (m: Map<string, number>, match: (role: string) => boolean): number => [...m].filter(([r]) => match(r)).reduce((s, [, b]) => s + b, 0) / BYTES_PER_MIB;
    const isMain = (r: string): boolean => r === MAIN_ROLE;
    const isFfmpeg = (r: string): boolean => r.startsWith('ffmpeg');
    const at = `${ctx.seconds} s`;
    const figures: Figure[] = [
      { name: 'memory: main process RSS at start', unit: 'MiB', samples: runs.map((r) => mb(r.start, isMain)), target: null },
      { name: `memory: main process RSS after ${at} live`, unit: 'MiB', samples: runs.map((r) => mb(r.end, isMain)), target: null },
      { name: `memory: main process RSS growth over ${at}`, unit: 'MiB', samples: runs.map((r) => mb(r.end, isMain) - mb(r.start, isMain)), target: null },
      { name: 'memory: ffmpeg RSS at start (all children)', unit: 'MiB', samples: runs.map((r) => mb(r.start, isFfmpeg)), target: null },
      { name: `memory: ffmpeg RSS after ${at} live (all children)`, unit: 'MiB', samples: runs.map((r) => mb(r.end, isFfmpeg)), target: null },
      { name: `memory: ffmpeg RSS growth over ${at}`, unit: 'MiB', samples: runs.map((r) => mb(r.end, isFfmpeg) - mb(r.start, isFfmpeg)), target: null },
    ];
    const roles = [...new Set(runs.flatMap((r) => [...r.start.keys(), ...r.end.keys()]))].sort();
    const med = (f: (r: RunMemory) => number | undefined): string => fmt(median(runs.map((r) => (f(r) ?? 0) / BYTES_PER_MIB)));
    const notes = [
      `${runs.length} run(s): \`onair broadcast --source testcard\` ${settings.width}x${settings.height} ${settings.fps} fps ${settings.encoder} to nginx-rtmp and an MKV recording; RSS from /proc/<pid>/status (VmRSS; shared pages count in each process), sampled at the engine's first health line ("start") and ${ctx.seconds} s later. Live spans: ${runs.map((r) => `${fmt(r.liveS)} s`).join(', ')}.`,
      'No targets: the figures are for context (and the growth rows show a leak if there is one).',
      '',
      '| process (role) | RSS at start, MiB | RSS at end, MiB | peak, MiB |',
      '| --- | --- | --- | --- |',
      ...roles.map((role) => `| ${role} | ${med((r) => r.start.get(role))} | ${med((r) => r.end.get(role))} | ${med((r) => r.peak.get(role))} |`),
      '',
    ];
    const harness = [`- memory: the harness reads /proc/<pid>/status of each engine process once a second (a few small reads), outside the measured processes.`];
    return { name: 'memory', measuredAt, figures, notes, harness };
  },
};

async function measureRun(ctx: BenchContext, settings: EncoderSettings, i: number): Promise<RunMemory> {
  const files = {
    cliPath: join(ctx.repoRoot, 'dist', 'cli', 'onair.js'),
    rtmpUrl: ctx.nginx.rtmpUrl(`memory-${i}`),
    recordFile: join(ctx.tmpDir, `memory-${i}.mkv`),
    statsFile: join(ctx.tmpDir, `memory-${i}.jsonl`),
  };
  const command = buildEngineCommand(settings, ctx.seconds + SPARE_DURATION_S, files);
  const child = spawn(command.command, command.args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-4000)));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const kill = setTimeout(() => child.kill('SIGKILL'), (ctx.seconds + SPARE_DURATION_S) * 1000 + RUN_MARGIN_MS);
  const pid = child.pid!;
  const peak = new Map<string, number>();
  let exitedYet = false;
  void exited.then(() => (exitedYet = true));
  const sample = (): Map<string, number> => {
    const now = treeRssByRole(pid, MAIN_ROLE);
    for (const [role, bytes] of now) peak.set(role, Math.max(peak.get(role) ?? 0, bytes));
    return now;
  };
  try {
    // Up: the engine wrote its first health line (encoder and outputs started).
    while (!exitedYet && !(await readFile(files.statsFile, 'utf8').catch(() => '')).includes('\n')) await sleep(SAMPLE_INTERVAL_MS / 10);
    if (exitedYet) throw new Error(`the engine exited before going live:\n${stderr}`);
    const startedAt = performance.now();
    const start = sample();
    const timer = setInterval(sample, SAMPLE_INTERVAL_MS);
    await sleep(ctx.seconds * 1000);
    clearInterval(timer);
    const end = sample();
    const liveS = (performance.now() - startedAt) / 1000;
    if (exitedYet) throw new Error(`the engine exited before the ${ctx.seconds} s were up:\n${stderr}`);
    child.kill('SIGINT');
    const [code] = await exited;
    if (code !== 0) throw new Error(`the engine run exited ${code}:\n${stderr}`);
    return { start, end, peak, liveS };
  } finally {
    clearTimeout(kill);
    if (!exitedYet) child.kill('SIGKILL');
    await Promise.all([files.recordFile, files.statsFile].map((f) => rm(f, { force: true })));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
