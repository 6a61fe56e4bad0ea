/**
 * Where the engine's Node process spends its CPU, from a V8 CPU profile
 * (`node --cpu-prof`) of the bundled CLI (pure).
 *
 * The CLI is one esbuild bundle, so a profile names only dist/cli/onair.js and a
 * line; esbuild writes a `// main/engine/pacer/raw-pacer.ts` comment where each
 * source module starts, which maps a bundle line back to its module. Self time
 * is summed per module (our code), per native function (writeBuffer: the pipe
 * writes), for Node's own JS, the garbage collector and V8 itself; idle is the
 * event loop waiting. A profile sees the main thread only: what the kernel does
 * on a syscall's behalf is inside the native function that made it, and V8's
 * helper threads are not in it.
 */

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  startTime: number;
  endTime: number;
  samples: number[];
  /** µs since the previous sample, one per sample. */
  timeDeltas: number[];
}

export interface ModuleStart {
  /** 0-based, like a profile's lineNumber. */
  line: number;
  module: string;
}

export interface ProfileBucket {
  name: string;
  ms: number;
}

export interface ProfileSummary {
  wallMs: number;
  /** Everything but idle, ms. */
  busyMs: number;
  /** Busy time by bucket, largest first. */
  buckets: ProfileBucket[];
}

const MODULE_COMMENT = /^\/\/ ((?:main|preload|renderer|node_modules)\/\S+)$/;
const IDLE = '(idle)';
const US_PER_MS = 1000;

/** Where each source module starts in an esbuild bundle (its `// path` comments), in line order. */
export function moduleStarts(bundle: string): ModuleStart[] {
  const starts: ModuleStart[] = [];
  bundle.split('\n').forEach((text, line) => {
    const m = MODULE_COMMENT.exec(text);
    if (m?.[1]) starts.push({ line, module: m[1] });
  });
  return starts;
}

/** The module a bundle line belongs to: the last one that started at or before it. */
export function moduleAt(starts: readonly ModuleStart[], line: number): string {
  let found = '(bundle preamble)';
  for (const s of starts) {
    if (s.line > line) break;
    found = s.module;
  }
  return found;
}

export function summarizeCpuProfile(profile: CpuProfile, bundleUrlSuffix: string, starts: readonly ModuleStart[]): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const buckets = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    if (!frame) return;
    const name = bucketOf(frame, bundleUrlSuffix, starts);
    buckets.set(name, (buckets.get(name) ?? 0) + us);
  });
  const idleUs = buckets.get(IDLE) ?? 0;
  buckets.delete(IDLE);
  const sorted = [...buckets].map(([name, us]) => ({ name, ms: us / US_PER_MS })).sort((a, b) => b.ms - a.ms);
  const totalUs = profile.timeDeltas.reduce((s, d) => s + d, 0);
  return { wallMs: (profile.endTime - profile.startTime) / US_PER_MS, busyMs: (totalUs - idleUs) / US_PER_MS, buckets: sorted };
}

function bucketOf(frame: CpuProfile['nodes'][number]['callFrame'], bundleUrlSuffix: string, starts: readonly ModuleStart[]): string {
  const { functionName, url, lineNumber } = frame;
  if (url.endsWith(bundleUrlSuffix)) return moduleAt(starts, lineNumber);
  if (url.startsWith('node:')) return "Node's own JS (streams, timers, child_process)";
  if (url === '') return functionName.startsWith('(') ? functionName : `native: ${functionName || '(anonymous)'}`;
  return url;
}
