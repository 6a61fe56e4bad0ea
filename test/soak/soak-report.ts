/**
 * The soak's figures (pure): from the health snapshots at the start and the end
 * of the measured span and the A/V offsets measured on the recording, the numbers
 * the issue asks for and whether each meets its target. Memory is the median over
 * a window of snapshots at each end: a single reading of main's RSS swings by tens
 * of megabytes with the garbage collector (a 720p30 raw feed is 41 MB/s of buffers).
 */
import type { HealthSnapshot } from '../../preload/contract/health';

/** Memory may grow by this share from the start of the measured span to its end. */
export const MAX_MEMORY_GROWTH = 0.1;

export interface MemoryFigure {
  name: string;
  startBytes: number;
  endBytes: number;
  growth: number;
}

export interface SoakFigures {
  minutes: number;
  framesOut: number;
  droppedFrames: { encoder: number; outputs: Record<string, number> };
  duplicatedFrames: number;
  reconnects: Record<string, number>;
  encoderRestarts: number;
  avOffsetMs: { start: number; end: number; drift: number; frameMs: number };
  memory: MemoryFigure[];
  targets: { noDrops: boolean; driftUnderOneFrame: boolean; memoryGrowthUnder10pct: boolean };
}

/** Snapshots at each end the memory median is taken over. */
export const MEMORY_WINDOW_SNAPSHOTS = 30;

/** What the health says about each process's memory, by a stable name. */
export function memoryByProcess(h: HealthSnapshot): Map<string, number> {
  const m = new Map<string, number>([['main (engine)', h.engine.rssBytes]]);
  if (h.encoder?.process) m.set('encoder ffmpeg', h.encoder.process.rssBytes);
  for (const o of h.outputs) if (o.process) m.set(`output ffmpeg: ${o.name}`, o.process.rssBytes);
  return m;
}

export function soakFigures(input: {
  minutes: number;
  /** Every snapshot from the end of the warm-up to the end, in order. */
  snapshots: readonly HealthSnapshot[];
  last: HealthSnapshot;
  /** Median A/V offset (beep - flash) of the recording's first and last minutes, ms. */
  avStartMs: number;
  avEndMs: number;
  fps: number;
}): SoakFigures {
  const { last, snapshots } = input;
  const n = Math.max(1, Math.min(MEMORY_WINDOW_SNAPSHOTS, Math.floor(snapshots.length / 3)));
  const startMem = medianMemory(snapshots.slice(0, n));
  const endMem = medianMemory(snapshots.slice(-n));
  const memory: MemoryFigure[] = [...endMem].map(([name, endBytes]) => {
    const startBytes = startMem.get(name) ?? endBytes;
    return { name, startBytes, endBytes, growth: (endBytes - startBytes) / startBytes };
  });
  const outputsDropped = Object.fromEntries(last.outputs.map((o) => [o.name, o.framesDropped]));
  const frameMs = 1000 / input.fps;
  const drift = input.avEndMs - input.avStartMs;
  const encoderDropped = last.encoder?.dropped ?? 0;
  return {
    minutes: input.minutes,
    framesOut: last.encoder?.framesOut ?? 0,
    droppedFrames: { encoder: encoderDropped, outputs: outputsDropped },
    duplicatedFrames: last.encoder?.duplicated ?? 0,
    reconnects: Object.fromEntries(last.outputs.map((o) => [o.name, o.reconnects])),
    encoderRestarts: last.encoder?.restarts ?? 0,
    avOffsetMs: { start: round1(input.avStartMs), end: round1(input.avEndMs), drift: round1(drift), frameMs: round1(frameMs) },
    memory,
    targets: {
      noDrops: encoderDropped === 0 && Object.values(outputsDropped).every((d) => d === 0),
      driftUnderOneFrame: Math.abs(drift) < frameMs,
      memoryGrowthUnder10pct: memory.every((m) => m.growth < MAX_MEMORY_GROWTH),
    },
  };
}

export function formatSoak(f: SoakFigures): string {
  const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
  const ok = (b: boolean) => (b ? 'met' : 'NOT met');
  return [
    `soak: ${f.minutes} min at 720p30 through the studio to nginx-rtmp + recording (memory: median of ${MEMORY_WINDOW_SNAPSHOTS} s at each end, after the warm-up)`,
    `  frames out ${f.framesOut}; dropped: encoder ${f.droppedFrames.encoder}, ${Object.entries(f.droppedFrames.outputs).map(([n, d]) => `${n} ${d}`).join(', ')}; duplicated ${f.duplicatedFrames}`,
    `  reconnects: ${Object.entries(f.reconnects).map(([n, r]) => `${n} ${r}`).join(', ')}; encoder restarts ${f.encoderRestarts}`,
    `  A/V offset (beep - flash, median): start ${f.avOffsetMs.start} ms, end ${f.avOffsetMs.end} ms, drift ${f.avOffsetMs.drift} ms (one frame = ${f.avOffsetMs.frameMs} ms)`,
    ...f.memory.map((m) => `  memory ${m.name}: ${mb(m.startBytes)} -> ${mb(m.endBytes)} (${pct(m.growth)})`),
    `  targets: 0 dropped ${ok(f.targets.noDrops)}; drift under one frame ${ok(f.targets.driftUnderOneFrame)}; memory growth under 10% ${ok(f.targets.memoryGrowthUnder10pct)}`,
  ].join('\n');
}

function medianMemory(window: readonly HealthSnapshot[]): Map<string, number> {
  const byName = new Map<string, number[]>();
  for (const h of window) for (const [name, bytes] of memoryByProcess(h)) byName.set(name, [...(byName.get(name) ?? []), bytes]);
  return new Map([...byName].map(([name, values]) => [name, median(values)]));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
