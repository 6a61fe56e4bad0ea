/**
 * `npm run bench`: the bench harness. Builds nothing itself (the npm script builds
 * the CLI and bundles this file first); starts one nginx-rtmp, runs the chosen
 * measurements one after another (never in parallel: they would share 2 cores),
 * prints each figure's table row on stdout as soon as its measurement completes,
 * and writes docs/bench/RESULTS.md and docs/bench/results.json at the end.
 *
 *   npm run bench                 every measurement, full length
 *   npm run bench -- NAME...      only these (their entries in results.json are
 *                                 replaced, the others kept)
 *   npm run bench -- --smoke      every measurement for a few seconds, for CI:
 *                                 asserts nothing on speed, writes to
 *                                 test-results/bench-smoke/ so docs/ keep real numbers
 * Environment: BENCH_SECONDS (overhead run length, default 60), BENCH_RUNS (runs per
 * figure, default 3).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NginxRtmp } from '../helpers/nginx-rtmp';
import type { BenchContext, Measurement } from './bench-context';
import { fmt, renderJson, renderMarkdown, tableHeader, tableRow, type BenchResults, type MeasurementResult } from './bench-report';
import { compositor } from './compositor';
import { encodeSpeed } from './encode-speed';
import { frameTransport } from './frame-transport';
import { glassToGlass } from './glass-to-glass';
import { goLive } from './go-live';
import { probeMachine } from './machine-info';
import { memory } from './memory';
import { overhead } from './overhead';
import { sceneSwitch } from './scene-switch';
import { TestcardFileCache } from './testcard-files';
import { viewers } from './viewers';

const MEASUREMENTS: readonly Measurement[] = [overhead, encodeSpeed, goLive, viewers, frameTransport, memory, glassToGlass, sceneSwitch, compositor];
const DEFAULT_SECONDS = 60;
const SMOKE_SECONDS = 5;
const DEFAULT_RUNS = 3;
const SMOKE_RUNS = 1;
/** SIGINT's conventional exit status; exiting (not dying) runs the cleanup 'exit' handlers. */
const EXIT_INTERRUPTED = 130;
const EXIT_USAGE = 2;

async function main(argv: string[]): Promise<number> {
  const smoke = argv.includes('--smoke');
  const names = argv.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !MEASUREMENTS.some((m) => m.name === n));
  if (unknown.length > 0 || argv.some((a) => a.startsWith('--') && a !== '--smoke')) {
    process.stderr.write(`usage: npm run bench -- [--smoke] [${MEASUREMENTS.map((m) => m.name).join('|')}]...\n`);
    return EXIT_USAGE;
  }
  const chosen = names.length === 0 ? MEASUREMENTS : MEASUREMENTS.filter((m) => names.includes(m.name));
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'onair.js'))) throw new Error('dist/cli/onair.js is missing: run `npm run build` first (npm run bench does)');
  const seconds = smoke ? SMOKE_SECONDS : positiveEnv('BENCH_SECONDS', DEFAULT_SECONDS);
  const runs = smoke ? SMOKE_RUNS : positiveEnv('BENCH_RUNS', DEFAULT_RUNS);
  const progress = (message: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

  progress('probing ffmpeg (cached per binary)');
  const { info: machine, report: probe } = await probeMachine();
  const tmpDir = await mkdtemp(join(tmpdir(), 'onair-bench-'));
  const nginx = new NginxRtmp();
  const ctx: BenchContext = { smoke, seconds, runs, machine, probe, nginx, media: new TestcardFileCache(tmpDir), tmpDir, repoRoot, progress };
  const results: MeasurementResult[] = [];
  try {
    await nginx.start();
    process.stdout.write(`${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB, ${machine.ffmpegVersion}, encoder ${machine.encoder}${smoke ? ' (smoke)' : ''}\n${tableHeader()}\n`);
    for (const m of chosen) {
      progress(`${m.name}: starting`);
      const loadBefore = loadavg()[0] ?? 0;
      const result = await m.run(ctx);
      // The machine is shared: a busy neighbour shows here before it is blamed on the engine.
      result.notes.push('', `Load average (1 min) before / after: ${fmt(loadBefore)} / ${fmt(loadavg()[0] ?? 0)} on ${machine.cores} cores.`);
      results.push(result);
      for (const f of result.figures) process.stdout.write(`${tableRow(f)}\n`);
    }
  } finally {
    await nginx.stop().catch((e: unknown) => progress(`nginx did not stop cleanly: ${String(e)}`));
    await rm(tmpDir, { recursive: true, force: true });
  }

  const outDir = smoke ? join(repoRoot, 'test-results', 'bench-smoke') : join(repoRoot, 'docs', 'bench');
  const previous = smoke || names.length === 0 ? {} : await previousMeasurements(join(outDir, 'results.json'));
  const all: BenchResults = {
    machine,
    mode: { smoke, seconds, runs },
    measurements: { ...previous, ...Object.fromEntries(results.map((r) => [r.name, r])) },
    harness: ['- Each measurement runs alone: the harness never runs two measured things at once on the shared cores.'],
  };
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'results.json'), renderJson(all));
  await writeFile(join(outDir, 'RESULTS.md'), renderMarkdown(all));
  progress(`wrote ${join(outDir, 'RESULTS.md')} and results.json`);
  return 0;
}

/** Entries of an earlier results.json, so running one measurement keeps the others' figures. */
async function previousMeasurements(file: string): Promise<BenchResults['measurements']> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return {};
  const parsed = JSON.parse(text) as Partial<BenchResults>;
  // Files written before a field existed get it empty rather than failing the render.
  return Object.fromEntries(Object.entries(parsed.measurements ?? {}).map(([k, m]) => [k, { ...m, notes: m.notes ?? [], harness: m.harness ?? [] }]));
}

function positiveEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}="${raw}" must be a positive number`);
  return n;
}

process.once('SIGINT', () => process.exit(EXIT_INTERRUPTED));
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
