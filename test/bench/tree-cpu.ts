/**
 * Runs one command and measures the CPU of its whole process tree.
 *
 * The total is exact: the command runs under `bash -c '"$@"; times'`, and bash's
 * `times` prints getrusage(RUSAGE_CHILDREN): the CPU of every descendant that was
 * waited for, which includes each ffmpeg the engine spawned and reaped. bash is
 * everywhere; /usr/bin/time is not.
 *
 * The breakdown (which process used what) is sampled: every SAMPLE_INTERVAL_MS the
 * harness reads utime+stime of each descendant from /proc/<pid>/stat. A process's
 * last interval before it exits is missed, so the sampled parts add up to a little
 * less than the total; the difference is reported as "after the last sample".
 * The sweep reads synchronously: the harness has nothing else to do meanwhile, and
 * a few dozen small sync reads cost a fraction of what as many promises do.
 * The harness itself is outside the measured tree; its own CPU is returned so the
 * report can state it.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Often enough that the missed tail is small next to a run of a minute; a /proc sweep costs about a millisecond. */
export const SAMPLE_INTERVAL_MS = 500;
/** Linux's USER_HZ, the unit of utime/stime in /proc/<pid>/stat, on every architecture Node runs on. */
const CLOCK_TICKS_PER_S = 100;
/** Kept from each stream for error reports. */
const OUTPUT_TAIL_CHARS = 4_000;

export interface ProcessCpu {
  pid: number;
  /** "node dist/cli/onair.js", "ffmpeg -> flv": the program and, for ffmpeg, its last -f. */
  role: string;
  /** At the last sample, s. */
  cpuS: number;
}

export interface TreeRun {
  exitCode: number | null;
  wallS: number;
  /** User + system CPU of every descendant, exact, s. */
  cpuS: number;
  processes: ProcessCpu[];
  /** cpuS minus the sampled parts: CPU spent after each process's last sample, s. */
  unsampledS: number;
  /** CPU the harness spent while the command ran (sampling included), s. */
  harnessCpuS: number;
  stdout: string;
  stderr: string;
}

export interface TreeRunOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

export async function runMeasured(command: string, args: readonly string[], options: TreeRunOptions): Promise<TreeRun> {
  const dir = await mkdtemp(join(tmpdir(), 'onair-bench-times-'));
  const timesFile = join(dir, 'times');
  // $0 is the file `times` writes to; "$@" is the command. Exit with the command's code.
  const script = '"$@"; rc=$?; times > "$0"; exit $rc';
  const harnessBefore = process.cpuUsage();
  const startedAt = performance.now();
  // detached: its own process group, so a timeout can kill the whole tree at once.
  const child = spawn('bash', ['-c', script, timesFile, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout = (stdout + s).slice(-OUTPUT_TAIL_CHARS)));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-OUTPUT_TAIL_CHARS)));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const killTree = (): void => {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  };
  process.once('exit', killTree);

  const seen = new Map<number, ProcessCpu>();
  const timer = setInterval(() => {
    if (child.pid !== undefined) sampleTree(child.pid, seen);
  }, SAMPLE_INTERVAL_MS);
  const timeout = setTimeout(killTree, options.timeoutMs);
  const exitCode = await exited;
  clearInterval(timer);
  clearTimeout(timeout);
  process.removeListener('exit', killTree);
  const wallS = (performance.now() - startedAt) / 1000;
  const harness = process.cpuUsage(harnessBefore);

  const times = await readFile(timesFile, 'utf8').catch(() => '');
  await rm(dir, { recursive: true, force: true });
  const cpuS = parseBashTimes(times);
  if (cpuS === null) throw new Error(`no CPU times from the measured run (exit ${exitCode}): ${stderr.slice(-500)}`);
  const processes = [...seen.values()];
  const sampled = processes.reduce((sum, p) => sum + p.cpuS, 0);
  return {
    exitCode,
    wallS,
    cpuS,
    processes,
    unsampledS: cpuS - sampled,
    harnessCpuS: (harness.user + harness.system) / 1e6,
    stdout,
    stderr,
  };
}

/** bash `times`: line 1 the shell itself, line 2 its children: "0m12.345s 0m1.234s" (user, system). */
export function parseBashTimes(text: string): number | null {
  const children = text.trim().split('\n')[1];
  const parts = children?.trim().split(/\s+/).map(parseMinSec);
  if (!parts || parts.length !== 2 || parts.some((p) => p === null)) return null;
  return (parts[0] ?? 0) + (parts[1] ?? 0);
}

function parseMinSec(text: string): number | null {
  const m = /^(\d+)m([\d.]+)s$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

interface StatLine {
  ppid: number;
  cpuTicks: number;
}

/** One sweep of /proc: records the CPU of every descendant of rootPid (bash itself excluded). */
function sampleTree(rootPid: number, seen: Map<number, ProcessCpu>): void {
  for (const p of snapshotTree(rootPid)) {
    const known = seen.get(p.pid);
    if (known) known.cpuS = p.cpuS;
    else seen.set(p.pid, p);
  }
}

/**
 * Every descendant of rootPid (rootPid itself excluded) with its CPU so far, s.
 * Two snapshots a window apart give what each process used in the window
 * (cpuDeltas); a process that exited in between is missed.
 */
export function snapshotTree(rootPid: number): ProcessCpu[] {
  const stats = new Map<number, StatLine>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const parsed = parseStat(readOrNull(`/proc/${e}/stat`));
    if (parsed) stats.set(Number(e), parsed);
  }
  const tree = new Set([rootPid]);
  // Parents are not always listed before children, so repeat until nothing is added.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, s] of stats) {
      if (!tree.has(pid) && tree.has(s.ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  tree.delete(rootPid);
  const out: ProcessCpu[] = [];
  for (const pid of tree) {
    const s = stats.get(pid);
    if (s) out.push({ pid, role: roleOf(pid), cpuS: s.cpuTicks / CLOCK_TICKS_PER_S });
  }
  return out;
}

/** CPU each role used between two snapshots, s; processes started in between count from zero. */
export function cpuDeltas(before: readonly ProcessCpu[], after: readonly ProcessCpu[]): Map<string, number> {
  const start = new Map(before.map((p) => [p.pid, p.cpuS]));
  const byRole = new Map<string, number>();
  for (const p of after) byRole.set(p.role, (byRole.get(p.role) ?? 0) + p.cpuS - (start.get(p.pid) ?? 0));
  return byRole;
}

/** A process may exit between listing /proc and reading its files. */
function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** "pid (comm) state ppid ... utime stime ...": fields after the last ')' start at field 3. */
function parseStat(text: string | null): StatLine | null {
  if (text === null) return null;
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(f[1]);
  const utime = Number(f[11]);
  const stime = Number(f[12]);
  return Number.isFinite(ppid) && Number.isFinite(utime) && Number.isFinite(stime) ? { ppid, cpuTicks: utime + stime } : null;
}

function roleOf(pid: number): string {
  const raw = readOrNull(`/proc/${pid}/cmdline`) ?? '';
  return roleFromArgv(raw.split('\0').filter(Boolean));
}

/** Chromium's own executables (not its helpers, e.g. chrome_crashpad_handler, which keep their name). */
const CHROMIUM_PROGRAMS = new Set(['chromium', 'chrome', 'headless_shell']);

/** "ffmpeg -> flv", "node cli/onair.js", "chromium renderer" (Chromium's --type, "browser" for the main one). */
export function roleFromArgv(raw: readonly string[]): string {
  // Chromium's children and nginx rewrite their process title: one string, words joined by spaces.
  const argv = raw.length === 1 && raw[0]!.includes(' ') ? raw[0]!.split(' ').filter(Boolean) : raw;
  const program = ((argv[0] ?? '?').split('/').pop() ?? '?').replace(/:$/, '');
  if (program === 'ffmpeg') {
    const lastFormat = argv.lastIndexOf('-f');
    return `ffmpeg -> ${lastFormat >= 0 ? argv[lastFormat + 1] : '?'}`;
  }
  if (CHROMIUM_PROGRAMS.has(program)) {
    const type = argv.find((a) => a.startsWith('--type='))?.slice('--type='.length);
    return `chromium ${type ?? 'browser'}`;
  }
  const script = argv.slice(1).find((a) => !a.startsWith('-'));
  return script ? `${program} ${script.split('/').slice(-2).join('/')}` : program;
}
