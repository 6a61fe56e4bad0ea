/** `onair probe [--json] [--refresh]`: what ffmpeg can do here and which encoder a broadcast would use. */
import { parseArgs } from 'node:util';
import { locateFfmpeg, probeFfmpeg, selectEncoder, encoderDisplayName, type ProbeReport } from '../engine/probe';
import { cacheDir } from './cache-dir';
import type { CliIo } from './cli-io';

export async function probeCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, refresh: { type: 'boolean' }, ffmpeg: { type: 'string' } } });
  const located = locateFfmpeg({ setting: values.ffmpeg ?? null });
  if (!values.json) io.err(`Probing ${located.ffmpegPath} (found via ${located.source}); trial-encoding each hardware encoder...`);
  const report = await probeFfmpeg(located.ffmpegPath, { cacheDir: cacheDir(), refresh: Boolean(values.refresh) });
  if (values.json) io.out(JSON.stringify({ ...report, ffmpegSource: located.source, ffprobePath: located.ffprobePath }, null, 2));
  else io.out(formatProbeReport(report));
  return 0;
}

export function formatProbeReport(report: ProbeReport): string {
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  const lines = [
    `ffmpeg ${report.version} at ${report.ffmpegPath}`,
    `protocols: rtmp ${yes(report.protocols.rtmp)}, rtmps ${yes(report.protocols.rtmps)}, srt ${yes(report.protocols.srt)}, http ${yes(report.protocols.http)}, https ${yes(report.protocols.https)}, hls ${yes(report.protocols.hls)}`,
    `muxers: ${Object.entries(report.muxers).map(([k, v]) => `${k} ${yes(v)}`).join(', ')}`,
    'encoders:',
  ];
  for (const e of report.encoders) {
    const status = e.works === true ? 'works' : e.works === false ? 'does not work' : 'available';
    lines.push(`  ${e.name.padEnd(16)} ${(e.hardware ? 'hardware' : 'software').padEnd(9)} ${status.padEnd(14)} ${e.reason}`);
  }
  const selection = selectEncoder(report, 'auto');
  lines.push(`selected: ${encoderDisplayName(selection.name)} [${selection.name}]: ${selection.reason}`);
  return lines.join('\n');
}
