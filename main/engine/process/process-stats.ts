/**
 * CPU and memory of the engine and its ffmpeg children, for the 1 Hz health
 * snapshot. CPU is a percentage of ONE core (a busy 2-thread encode on 2 cores
 * reads 200), averaged since the previous sample of the same process.
 */
import pidusage from 'pidusage';

export interface ProcessStats {
  /** Percent of one core since the previous sample. */
  cpuPercent: number;
  /** Resident set size, bytes. */
  rssBytes: number;
}

const PERCENT = 100;
const US_PER_MS = 1_000;
const MS_PER_S = 1_000;
const NS_PER_MS = 1_000_000n;

/**
 * Children by pid. pidusage is asked one pid at a time: asked for a list, it
 * fails the whole batch when one pid has just exited, and a process ending
 * between two health ticks is normal. Vanished pids are left out of the map.
 * (pidusage keeps each pid's history, and an open /proc fd, for 60 s after its
 * last sample; that is how it measures CPU between calls.)
 */
export async function sampleProcessStats(pids: number[]): Promise<Map<number, ProcessStats>> {
  const unique = [...new Set(pids)].filter((pid) => Number.isInteger(pid) && pid > 0);
  const results = await Promise.allSettled(unique.map((pid) => pidusage(pid)));
  const stats = new Map<number, ProcessStats>();
  results.forEach((result, i) => {
    const pid = unique[i];
    if (pid === undefined || result.status !== 'fulfilled') return;
    stats.set(pid, { cpuPercent: result.value.cpu, rssBytes: result.value.memory });
  });
  return stats;
}

/**
 * This Node process, from process.cpuUsage deltas (no /proc read, works on
 * every platform). Each sample covers the time since the previous one; the
 * first covers the process's whole life.
 */
export class SelfStatsSampler {
  private lastCpuUs = 0;
  private lastAtNs = process.hrtime.bigint() - BigInt(Math.round(process.uptime() * MS_PER_S)) * NS_PER_MS;

  sample(): ProcessStats {
    const nowNs = process.hrtime.bigint();
    const usage = process.cpuUsage();
    const cpuUs = usage.user + usage.system;
    const wallMs = Number(nowNs - this.lastAtNs) / Number(NS_PER_MS);
    const cpuMs = (cpuUs - this.lastCpuUs) / US_PER_MS;
    this.lastCpuUs = cpuUs;
    this.lastAtNs = nowNs;
    return { cpuPercent: wallMs > 0 ? (cpuMs / wallMs) * PERCENT : 0, rssBytes: process.memoryUsage.rss() };
  }
}

/**
 * The one piece of module state here, on purpose: it mirrors a property of the
 * process itself (there is one Node process), not of any component. Code that
 * wants its own sampling window, and tests, use SelfStatsSampler.
 */
let defaultSampler: SelfStatsSampler | null = null;

/** This process since the previous selfStats() call (the first: since it started). */
export function selfStats(): ProcessStats {
  defaultSampler ??= new SelfStatsSampler();
  return defaultSampler.sample();
}
