/**
 * The bench's figures and how they are written (pure): summary statistics, the
 * stdout table row by row, docs/bench/RESULTS.md and docs/bench/results.json.
 *
 * A figure is judged on its median; the spread (min..max) is shown beside it so a
 * noisy machine is visible rather than hidden.
 */

export interface Target {
  op: '<=' | '<' | '>=';
  value: number;
}

export interface Figure {
  /** Shown in the table: "overhead: CPU engine / baseline". */
  name: string;
  /** "x" (ratio or x realtime), "s", "CPU s". */
  unit: string;
  samples: number[];
  /** Null for figures shown for context only (the two CPU-second totals). */
  target: Target | null;
}

export interface MeasurementResult {
  name: string;
  /** ISO 8601, when this measurement ran. */
  measuredAt: string;
  figures: Figure[];
  /** Markdown lines for RESULTS.md: what the baseline was, where the time or CPU went. */
  notes: string[];
  /** Markdown lines on what the harness itself cost during this measurement. */
  harness: string[];
}

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  ffmpegPath: string;
  ffmpegVersion: string;
  /** The encoder auto-selection picks, and every encoder that passed its trial. */
  encoder: string;
  workingEncoders: string[];
  loadAverage1m: number;
}

export interface BenchResults {
  machine: MachineInfo;
  mode: { smoke: boolean; seconds: number; runs: number };
  /** Keyed by measurement name; a run of one measurement replaces only its entry. */
  measurements: Record<string, MeasurementResult>;
  /** Harness-overhead lines that hold for every measurement. */
  harness: string[];
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  pass: boolean | null;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(figure: Figure): Summary {
  const m = median(figure.samples);
  const min = Math.min(...figure.samples);
  const max = Math.max(...figure.samples);
  return { median: m, min, max, pass: figure.target === null || !Number.isFinite(m) ? null : meets(m, figure.target) };
}

function meets(value: number, target: Target): boolean {
  if (target.op === '<=') return value <= target.value;
  if (target.op === '<') return value < target.value;
  return value >= target.value;
}

/** Three significant digits, without exponent notation for the ranges we measure. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  const abs = Math.abs(n);
  return abs >= 100 ? n.toFixed(0) : abs >= 10 ? n.toFixed(1) : n.toFixed(2);
}

const TABLE_HEADER = ['figure', 'median', 'spread (min..max)', 'target', 'pass/miss'];

export function tableHeader(): string {
  return `| ${TABLE_HEADER.join(' | ')} |\n|${TABLE_HEADER.map(() => ' --- ').join('|')}|`;
}

export function tableRow(figure: Figure): string {
  const s = summarize(figure);
  const u = figure.unit === 'x' ? 'x' : ` ${figure.unit}`;
  const spread = figure.samples.length > 1 ? `${fmt(s.min)}..${fmt(s.max)}${u} (n=${figure.samples.length})` : `(n=${figure.samples.length})`;
  const target = figure.target ? `${figure.target.op} ${fmt(figure.target.value)}${u}` : 'none (context)';
  const verdict = s.pass === null ? '' : s.pass ? 'pass' : '**miss**';
  return `| ${figure.name} | ${fmt(s.median)}${u} | ${spread} | ${target} | ${verdict} |`;
}

export function renderJson(results: BenchResults): string {
  const measurements = Object.fromEntries(
    Object.entries(results.measurements).map(([name, m]) => [
      name,
      { ...m, figures: m.figures.map((f) => ({ ...f, ...summarize(f) })) },
    ]),
  );
  return `${JSON.stringify({ ...results, measurements }, null, 2)}\n`;
}

export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  const all = Object.values(results.measurements);
  const lines = [
    '# Bench results',
    '',
    'Written by `npm run bench` (test/bench/run-bench.ts); do not edit by hand.',
    '',
    `- Machine: ${m.cores} cores (${m.cpuModel}), ${fmt(m.memoryGiB)} GiB memory, ${m.os}, Node ${m.node}, load average ${fmt(m.loadAverage1m)} at start`,
    `- ffmpeg: ${m.ffmpegVersion} (${m.ffmpegPath})`,
    `- Encoder: ${m.encoder} (working: ${m.workingEncoders.join(', ') || 'none'})`,
    `- Mode: ${results.mode.smoke ? 'smoke (numbers meaningless)' : 'full'}, ${results.mode.seconds} s per overhead run, up to ${results.mode.runs} runs per figure`,
    '',
    tableHeader(),
    ...all.flatMap((r) => r.figures.map(tableRow)),
    '',
    'Pass/miss is judged on the median. Every ratio is against a baseline measured in the same run.',
    '',
    ...all.flatMap((r) => [`## ${r.name} (measured ${r.measuredAt})`, '', ...r.notes, '']),
    '## Harness overhead',
    '',
    ...results.harness,
    ...all.flatMap((r) => r.harness),
    '',
  ];
  return lines.join('\n');
}
