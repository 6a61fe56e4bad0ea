/**
 * One extra engine run of the overhead measurement under `node --cpu-prof`, not
 * counted in the ratio (the profiler costs CPU of its own): where the Node
 * process's share of the overhead goes, by source module (cpu-profile.ts).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EncoderSettings } from '../../main/engine/types';
import type { BenchContext } from './bench-context';
import { fmt } from './bench-report';
import { moduleStarts, summarizeCpuProfile, type CpuProfile, type ProfileSummary } from './cpu-profile';
import { buildEngineCommand } from './overhead-commands';
import { runMeasured } from './tree-cpu';

/** Buckets listed in the notes; the rest are summed into one row. */
const TOP_BUCKETS = 10;
const PERCENT = 100;
const MS_PER_S = 1000;

export interface EngineProfile {
  summary: ProfileSummary;
  /** The Node process's CPU in the profiled run, sampled from /proc (all its threads, user + system), s. */
  nodeCpuS: number;
}

export async function profileEngine(ctx: BenchContext, settings: EncoderSettings, cliPath: string, timeoutMs: number): Promise<EngineProfile> {
  const dir = join(ctx.tmpDir, 'cpu-prof');
  const command = buildEngineCommand(settings, ctx.seconds, {
    cliPath,
    rtmpUrl: ctx.nginx.rtmpUrl('overhead-profile'),
    recordFile: join(dir, 'record.mkv'),
    statsFile: join(dir, 'stats.jsonl'),
  });
  ctx.progress(`overhead: one more engine run under node --cpu-prof (${ctx.seconds} s, not counted)`);
  const run = await runMeasured(command.command, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...command.args], { timeoutMs });
  if (run.exitCode !== 0) throw new Error(`the profiled engine run exited ${run.exitCode}:\n${run.stderr}`);
  const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`node --cpu-prof wrote no profile into ${dir}`);
  const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
  const summary = summarizeCpuProfile(profile, 'dist/cli/onair.js', moduleStarts(await readFile(cliPath, 'utf8')));
  const nodeCpuS = run.processes.filter((p) => p.role.startsWith('node')).reduce((s, p) => s + p.cpuS, 0);
  return { summary, nodeCpuS };
}

export function profileNotes({ summary, nodeCpuS }: EngineProfile): string[] {
  const wallS = summary.wallMs / MS_PER_S;
  const share = (ms: number): string => `${fmt((ms / summary.busyMs) * PERCENT)}%`;
  const top = summary.buckets.slice(0, TOP_BUCKETS);
  const rest = summary.buckets.slice(TOP_BUCKETS).reduce((s, b) => s + b.ms, 0);
  return [
    `Where the Node process's CPU goes (one more engine run under \`node --cpu-prof\`, ${fmt(wallS)} s with start-up, not in the ratio): the process used ${fmt(nodeCpuS)} CPU s (${fmt((nodeCpuS / wallS) * PERCENT)}% of one core, all threads, sampled from /proc); its main thread was sampled busy for ${fmt(summary.busyMs / MS_PER_S)} s. Profile samples are wall time: on a loaded machine a busy thread waiting for a core still collects them, so read the shares, not the seconds. What a profile cannot see: kernel time waking the event loop (epoll) and V8's helper threads (GC, compiler).`,
    '',
    '| main-thread self time | share of busy samples |',
    '| --- | --- |',
    ...top.map((b) => `| ${b.name} | ${share(b.ms)} |`),
    `| everything else (${summary.buckets.length - top.length} buckets) | ${share(rest)} |`,
    '',
  ];
}
