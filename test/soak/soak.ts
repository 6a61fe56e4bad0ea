/**
 * `npm run soak`: a long broadcast at 720p30 through the full studio path (Studio
 * -> LiveSession -> pacer -> encoder -> fan-out) to a real nginx-rtmp and a
 * recording, then the figures: dropped and duplicated frames, A/V offset at the
 * start and at the end (drift), memory of main and of each ffmpeg at the start and
 * the end of the measured span, reconnects. Not part of CI.
 *
 *   SOAK_MINUTES   length of the broadcast (default 15)
 *
 * Prints the figures and writes them to test-results/soak.json.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { HealthSnapshot } from '../../preload/contract/health';
import { measureAvOffset } from '../helpers/av-sync';
import { ffmpegPath, ffprobePath } from '../helpers/ffmpeg-process';
import { NginxRtmp } from '../helpers/nginx-rtmp';
import { openSoakStudio } from './soak-studio';
import { formatSoak, soakFigures } from './soak-report';

const DEFAULT_MINUTES = 15;
const PROFILE = { width: 1280, height: 720, fps: 30, videoBitrateKbps: 4500, keyframeIntervalS: 2, audioBitrateKbps: 160, encoder: 'libx264', videoPath: 'raw' as const };
/** Memory is compared from here on: start-up allocations (buffers, JIT, ffmpeg's own) are done by then, s. */
const WARMUP_S = 30;
/** Seconds of the recording's start and end the A/V offset is measured on. */
const AV_SPAN_S = 30;
const PROGRESS_EVERY_S = 60;
const STREAM_KEY = 'soak';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

async function main(): Promise<void> {
  const minutes = Number(process.env['SOAK_MINUTES'] ?? DEFAULT_MINUTES);
  if (!(minutes > 0)) throw new Error(`SOAK_MINUTES must be a positive number, got ${process.env['SOAK_MINUTES']}`);
  const totalS = minutes * 60;
  const dir = await mkdtemp(join(tmpdir(), 'onair-soak-'));
  const origin = new NginxRtmp();
  await origin.start();
  const soak = await openSoakStudio(dir, repoRoot, PROFILE);
  const { studio } = soak;
  // Every snapshot after the warm-up (one a second: 900 for 15 min), and the latest one.
  const seen: { measured: HealthSnapshot[]; latest: HealthSnapshot | null } = { measured: [], latest: null };
  const startedAt = Date.now();
  studio.on('health', (h) => {
    seen.latest = h;
    if ((Date.now() - startedAt) / 1000 >= Math.min(WARMUP_S, totalS / 4)) seen.measured.push(h);
  });
  try {
    // Only the nginx destination: the default local origin stays off.
    for (const d of studio.settings.destinations) await studio.api.setDestinationEnabled({ id: d.id, enabled: false });
    await studio.api.addDestination({ name: 'nginx', presetId: 'custom-rtmp', kind: 'rtmp', serverUrl: origin.rtmpUrl(), streamKey: STREAM_KEY });
    await studio.api.goLive({});
    const { file } = await studio.api.startRecording({});
    await soak.startProducer();
    progress(`soak: live for ${minutes} min; recording ${file}`);
    for (let s = 0; s < totalS; s += PROGRESS_EVERY_S) {
      await sleep(Math.min(PROGRESS_EVERY_S, totalS - s) * 1000);
      const h = seen.latest;
      if (h) progress(`soak: ${Math.round((Date.now() - startedAt) / 1000)} s, ${h.encoder?.framesOut} frames, dropped ${h.encoder?.dropped}, rating ${h.rating}${h.reasons.length ? `: ${h.reasons.join('; ')}` : ''}`);
    }
    const last = await studio.live.running!.buildSnapshot();
    await studio.api.stopRecording({});
    await studio.api.stopLive({});

    const fps = PROFILE.fps;
    const [avStart, avEnd] = await Promise.all([avOffsetOf(file, dir, 'start', fps), avOffsetOf(file, dir, 'end', fps)]);
    if (seen.measured.length === 0) throw new Error('no health snapshot after the warm-up');
    const figures = soakFigures({ minutes, snapshots: seen.measured, last, avStartMs: avStart, avEndMs: avEnd, fps });
    console.log(formatSoak(figures));
    await mkdir(join(repoRoot, 'test-results'), { recursive: true });
    await writeFile(join(repoRoot, 'test-results', 'soak.json'), JSON.stringify(figures, null, 2) + '\n');
  } finally {
    await soak.close();
    await origin.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Median A/V offset of the first or last AV_SPAN_S of the recording, ms. */
async function avOffsetOf(file: string, dir: string, which: 'start' | 'end', fps: number): Promise<number> {
  const cut = join(dir, `av-${which}.mkv`);
  const position = which === 'start' ? ['-t', String(AV_SPAN_S)] : ['-sseof', String(-AV_SPAN_S)];
  await run(ffmpegPath(), ['-v', 'error', '-nostdin', ...(which === 'end' ? position : []), '-i', file, ...(which === 'start' ? position : []), '-c', 'copy', '-y', cut]);
  const report = await measureAvOffset(cut, { fps, ffmpegPath: ffmpegPath(), ffprobePath: ffprobePath() });
  if (report.pairs.length < AV_SPAN_S / 2) throw new Error(`only ${report.pairs.length} flash/beep pairs in the ${which} of the recording`);
  return report.medianOffsetMs;
}

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exitCode = 1;
});
