/**
 * What the numbers were measured on: cores, memory, ffmpeg and the encoder the
 * probe picks. The probe result is the engine's own (cached per ffmpeg binary,
 * in the CLI's cache folder), so the bench measures the encoder a broadcast uses.
 */
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { cacheDir } from '../../main/cli/cache-dir';
import { locateFfmpeg, probeFfmpeg, type ProbeReport } from '../../main/engine/probe';
import type { MachineInfo } from './bench-report';

const BYTES_PER_GIB = 1024 ** 3;

export interface MachineProbe {
  info: MachineInfo;
  report: ProbeReport;
}

export async function probeMachine(): Promise<MachineProbe> {
  const { ffmpegPath } = locateFfmpeg();
  const report = await probeFfmpeg(ffmpegPath, { cacheDir: cacheDir() });
  if (!report.selected) throw new Error(`no working H.264 encoder in ${ffmpegPath}: nothing to measure`);
  const working = report.encoders.filter((e) => e.works === true).map((e) => e.name);
  const cpu = cpus();
  return {
    report,
    info: {
      cores: cpu.length,
      cpuModel: cpu[0]?.model.trim() ?? 'unknown CPU',
      memoryGiB: totalmem() / BYTES_PER_GIB,
      os: `${type()} ${release()}`,
      node: process.versions.node,
      ffmpegPath,
      ffmpegVersion: report.version,
      encoder: report.selected.name,
      workingEncoders: working,
      loadAverage1m: loadavg()[0] ?? 0,
    },
  };
}
