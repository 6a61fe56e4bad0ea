/**
 * Per-frame statistics of one region of a video file, decoded by ffmpeg: the
 * pts of every frame and the region's mean Y, U and V (signalstats). Enough to
 * tell solid scene colours apart (red: V high; blue: U high) and to find a flash
 * (Y high) without decoding pixels in the test.
 */
import { execFile } from 'node:child_process';
import { escapeMovieFilename } from './av-sync';

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RegionSample {
  ptsS: number;
  y: number;
  u: number;
  v: number;
}

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
const PROBE_TIMEOUT_MS = 120_000;

/** The lavfi graph that crops `region` out of every frame of `file` and measures it. */
export function regionGraph(file: string, region: Region): string {
  return `movie=${escapeMovieFilename(file)},crop=${region.width}:${region.height}:${region.x}:${region.y},signalstats`;
}

/** Parses `-show_entries frame=pts_time:frame_tags=lavfi.signalstats.YAVG,...UAVG,...VAVG -of csv=p=0` lines. */
export function parseRegionCsv(csv: string): RegionSample[] {
  const samples: RegionSample[] = [];
  for (const line of csv.split(/\r?\n/)) {
    const [pts, y, u, v] = line.split(',').map(Number);
    if ([pts, y, u, v].every((n) => n !== undefined && Number.isFinite(n))) samples.push({ ptsS: pts!, y: y!, u: u!, v: v! });
  }
  return samples;
}

export function regionStats(file: string, region: Region, ffprobe = 'ffprobe'): Promise<RegionSample[]> {
  const args = ['-v', 'error', '-f', 'lavfi', '-i', regionGraph(file, region), '-show_entries', 'frame=pts_time:frame_tags=lavfi.signalstats.YAVG,lavfi.signalstats.UAVG,lavfi.signalstats.VAVG', '-of', 'csv=p=0'];
  return new Promise((resolve, reject) => {
    execFile(ffprobe, args, { maxBuffer: MAX_OUTPUT_BYTES, timeout: PROBE_TIMEOUT_MS }, (err, stdout, stderr) => {
      if (err) reject(new Error(`ffprobe of ${file} (${region.width}x${region.height}+${region.x}+${region.y}) failed: ${stderr.trim() || err.message}`));
      else resolve(parseRegionCsv(stdout));
    });
  });
}
