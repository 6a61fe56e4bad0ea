/** What every measurement is handed, and what it hands back. */
import type { ProbeReport } from '../../main/engine/probe';
import type { NginxRtmp } from '../helpers/nginx-rtmp';
import type { MachineInfo, MeasurementResult } from './bench-report';
import type { TestcardFileCache } from './testcard-files';

export interface BenchContext {
  smoke: boolean;
  /** Length of one overhead run, s (BENCH_SECONDS; 5 in smoke mode). */
  seconds: number;
  /** Repetitions per figure where time allows (BENCH_RUNS; 1 in smoke mode). */
  runs: number;
  machine: MachineInfo;
  probe: ProbeReport;
  /** One nginx-rtmp for the whole bench, started before the first measurement. */
  nginx: NginxRtmp;
  media: TestcardFileCache;
  /** A temp folder removed when the bench ends. */
  tmpDir: string;
  /** Repo root: where dist/cli/onair.js is. */
  repoRoot: string;
  /** Progress for the person watching (stderr); never the results. */
  progress(message: string): void;
}

export interface Measurement {
  name: string;
  run(ctx: BenchContext): Promise<MeasurementResult>;
}
