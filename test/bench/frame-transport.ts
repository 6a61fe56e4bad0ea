/**
 * `frame-transport`: program frames from a Chromium page into the engine over the
 * real WebSocket bridge, at 720p30 and 1080p30, I420 and H.264.
 *
 * For each size: a fresh `onair studio` (browser mode, on that path) with the
 * bench page (pages/frame-transport-page.ts: the renderer's own ProgramSender
 * and WsStudioClient, synthetic I420 frames or a replayed H.264 clip, silent
 * PCM) goes live to nginx-rtmp;
 * after a warm-up, `runs` back-to-back windows each count the frames and bytes
 * the sender handed to the socket, the frames it dropped for backpressure, the
 * frames the engine repeated for want of a new one, and the CPU every process
 * used (two /proc snapshots per window, per role). CPU is per second of media,
 * i.e. per wall second of the window, since the program runs in real time.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchContext, Measurement } from './bench-context';
import { encodeClip } from './h264-clip';
import { measureNodeSender, type NodeSenderResult } from './node-sender';
import { fmt, median, type Figure, type MeasurementResult } from './bench-report';
import type { FrameTransportPage } from './pages/frame-transport-types';
import type { CdpPage } from './cdp-page';
import { openStudioPage } from './studio-page';
import { cpuDeltas, snapshotTree, type ProcessCpu } from './tree-cpu';

const SIZES: readonly Size[] = [
  { label: '720p30', path: 'raw', width: 1280, height: 720, fps: 30, bitrateKbps: 4500 },
  { label: '1080p30', path: 'raw', width: 1920, height: 1080, fps: 30, bitrateKbps: 6000 },
  { label: '720p30 H.264', path: 'encoded', width: 1280, height: 720, fps: 30, bitrateKbps: 4500 },
  { label: '1080p30 H.264', path: 'encoded', width: 1920, height: 1080, fps: 30, bitrateKbps: 6000 },
];
/** The encoded path's clip, looped by the page: a multiple of the keyframe interval. */
const CLIP_S = 10;
const KEYFRAME_INTERVAL_S = 2;
/** One measuring window, s (shorter in smoke mode: ctx.seconds). */
const WINDOW_S = 20;
/** After the sender starts: the socket, the encoder and x264's lookahead settle. */
const WARM_UP_S = 3;
const SMOKE_WARM_UP_S = 1;
/** Studio start, Chromium start, going live. */
const SETUP_TIMEOUT_MS = 60_000;
/** Frames per second the sender must hand over, as a share of the rate (the window's edges cut a frame or so). */
const FPS_TARGET_SHARE = 0.98;
const STREAM_KEY = 'frame-transport';
const BYTES_PER_MB = 1e6;
const PERCENT = 100;

type PageStats = ReturnType<FrameTransportPage['stats']>;

interface WindowCounts {
  seconds: number;
  /** Frames the page's producer made (fewer than the rate: its timer was starved). */
  made: number;
  sent: number;
  dropped: number;
  bytes: number;
  duplicated: number;
  cpu: Map<string, number>;
  harnessCpuS: number;
  backlogMaxBytes: number;
}

const GROUPS: ReadonlyArray<{ label: string; match: (role: string) => boolean }> = [
  { label: 'browser (all Chromium processes)', match: (r) => r.startsWith('chrom') },
  { label: "studio's main process (Node)", match: (r) => r.startsWith('node') },
  { label: 'ffmpeg (encoder + outputs)', match: (r) => r.startsWith('ffmpeg') },
];

export const frameTransport: Measurement = {
  name: 'frame-transport',
  async run(ctx: BenchContext): Promise<MeasurementResult> {
    const measuredAt = new Date().toISOString();
    const windowS = Math.min(WINDOW_S, ctx.seconds);
    const figures: Figure[] = [];
    const notes: string[] = [
      `Per size: a fresh \`onair studio\` (on that size's path; encoder ${ctx.machine.encoder}) with the bench page in headless Chromium (${ctx.runs} back-to-back window(s) of ${windowS} s after a warm-up), live to nginx-rtmp.`,
      'The page is the renderer\'s own ProgramSender over its WsStudioClient (the browser-mode bridge), fed synthetic I420 frames on the studio clock (SyntheticVideo; raw path) or a replayed H.264 clip (EncodedReplay; encoded path) and 10 ms chunks of silent PCM; nothing is drawn, so the CPU is what moving the frames costs, plus the engine\'s encode (raw) or remux (encoded).',
      'CPU per media second = CPU s used in the window / window s; per role from two /proc snapshots (processes that exited inside a window are missed). The encoded path sends H.264 access units from a clip encoded beforehand (WebCodecs encoding in the page is the compositor bench\'s business, not the transport\'s).',
      '',
    ];
    const harness: string[] = [];
    for (const size of SIZES) {
      ctx.progress(`frame-transport: ${size.label}`);
      const { windows, control } = await measureSize(ctx, size, windowS);
      figures.push(...sizeFigures(size, windows));
      if (control) figures.push({ name: `frame-transport: ${size.label} control: same sender from Node over ws (no browser), frames/s`, unit: 'fps', samples: [control.sent / control.seconds], target: null });
      notes.push(...sizeNotes(size, windows));
      if (control) notes.push(`Control: the same ProgramSender and WsStudioClient run in the bench's Node process over the \`ws\` package, into the same studio, for ${fmt(control.seconds)} s: ${control.sent} frames sent (${fmt(control.sent / control.seconds)}/s), ${control.dropped} dropped. Where this gets through and the page does not, the limit is on the browser's side, not the studio's. (Driven by Playwright, whose WebSocket frame capture copies every payload into DevTools, the page managed about 22 fps at 720p and 5 at 1080p on this machine; hence cdp-page.ts.)`, '');
      const harnessS = windows.reduce((s, w) => s + w.harnessCpuS, 0);
      const wallS = windows.reduce((s, w) => s + w.seconds, 0);
      harness.push(`- frame-transport ${size.label}: the bench process (a bare DevTools connection to the page, Runtime domain only, two /proc sweeps per window) used ${fmt(harnessS)} CPU s over ${fmt(wallS)} s (${fmt((harnessS / wallS) * PERCENT)}% of one core), outside the figures.`);
    }
    return { name: 'frame-transport', measuredAt, figures, notes, harness };
  },
};

interface Size {
  label: string;
  path: 'raw' | 'encoded';
  width: number;
  height: number;
  fps: number;
  bitrateKbps: number;
}

async function measureSize(ctx: BenchContext, size: Size, windowS: number): Promise<{ windows: WindowCounts[]; control: NodeSenderResult | null }> {
  const dir = join(ctx.tmpDir, `frame-transport-${size.label}`);
  await mkdir(dir, { recursive: true });
  const session = await openStudioPage({
    repoRoot: ctx.repoRoot,
    dir,
    entry: 'test/bench/pages/frame-transport-page.ts',
    html: 'test/bench/pages/frame-transport.html',
    settings: (s) => ({
      ...s,
      profile: { ...s.profile, width: size.width, height: size.height, fps: size.fps, videoPath: size.path, videoBitrateKbps: size.bitrateKbps, keyframeIntervalS: KEYFRAME_INTERVAL_S, encoder: ctx.machine.encoder },
      destinations: s.destinations.map((d) => ({ ...d, enabled: false })),
    }),
    prepareUi: async (uiDir) => {
      if (size.path !== 'encoded') return;
      const card = await ctx.media.get(size, CLIP_S * size.fps);
      await encodeClip(ctx.machine.ffmpegPath, card, { videoBitrateKbps: size.bitrateKbps, keyframeIntervalS: KEYFRAME_INTERVAL_S }, join(uiDir, 'clip.h264'), join(uiDir, 'clip.json'));
    },
    timeoutMs: SETUP_TIMEOUT_MS,
  });
  const { page } = session;
  try {
    await page.waitFor('window.frameTransport?.error || (window.frameTransport?.ready && window.frameTransport.connected())', SETUP_TIMEOUT_MS);
    const pageError = await page.evaluate<string | null>('window.frameTransport.error');
    if (pageError) throw new Error(`the frame-transport page failed: ${pageError}`);
    await call(page, 'addDestination', { name: 'nginx', presetId: 'custom-rtmp', kind: 'rtmp', serverUrl: ctx.nginx.rtmpUrl(), streamKey: STREAM_KEY });
    await call(page, 'goLive', {});
    await ctx.nginx.waitForPublisher(STREAM_KEY, SETUP_TIMEOUT_MS);
    await page.waitFor(`window.frameTransport.stats().videoSent > ${size.fps}`, SETUP_TIMEOUT_MS);
    await sleep((ctx.smoke ? SMOKE_WARM_UP_S : WARM_UP_S) * 1000);

    const windows: WindowCounts[] = [];
    let before = await sample(page);
    for (let i = 0; i < ctx.runs; i++) {
      await sleep(windowS * 1000);
      const after = await sample(page);
      windows.push({
        seconds: (after.atMs - before.atMs) / 1000,
        made: after.stats.framesMade - before.stats.framesMade,
        sent: after.stats.videoSent - before.stats.videoSent,
        dropped: after.stats.videoDropped - before.stats.videoDropped,
        bytes: after.stats.bytesSent - before.stats.bytesSent,
        duplicated: after.duplicated - before.duplicated,
        cpu: cpuDeltas(before.tree, after.tree),
        harnessCpuS: (after.harnessUs - before.harnessUs) / 1e6,
        backlogMaxBytes: after.stats.backlogMaxBytes,
      });
      before = after;
    }
    await call(page, 'stopLive', {});
    if (page.errors.length > 0) throw new Error(`the frame-transport page reported errors: ${page.errors.join('; ')}`);
    if (size.path !== 'raw') return { windows, control: null };
    await page.close();
    ctx.progress(`frame-transport: ${size.label} control, the same sender from Node`);
    const control = await measureNodeSender(session.studio.studioUrl, size.fps, ctx.smoke ? SMOKE_WARM_UP_S : WARM_UP_S, windowS);
    return { windows, control };
  } finally {
    await session.close();
  }
}

interface Sample {
  atMs: number;
  stats: PageStats;
  duplicated: number;
  tree: ProcessCpu[];
  harnessUs: number;
}

/** Everything at one instant: the page's counters, the engine's, every process's CPU, the bench's own. */
async function sample(page: CdpPage): Promise<Sample> {
  const [stats, health] = await Promise.all([page.evaluate<PageStats>('window.frameTransport.stats()'), call(page, 'getHealth', {})]);
  const usage = process.cpuUsage();
  const duplicated = (health as { health: { encoder: { duplicated: number } | null } | null }).health?.encoder?.duplicated ?? 0;
  return { atMs: performance.now(), stats, duplicated, tree: snapshotTree(process.pid), harnessUs: usage.user + usage.system };
}

function call(page: CdpPage, method: string, params: unknown): Promise<unknown> {
  return page.evaluate(`window.frameTransport.call(${JSON.stringify(method)}, ${JSON.stringify(params)})`);
}

function groupCpu(w: WindowCounts, match: (role: string) => boolean): number {
  let sum = 0;
  for (const [role, s] of w.cpu) if (match(role)) sum += s;
  return sum;
}

function sizeFigures(size: Size, windows: WindowCounts[]): Figure[] {
  const name = (what: string): string => `frame-transport: ${size.label} ${what}`;
  const perS = (f: (w: WindowCounts) => number): number[] => windows.map((w) => f(w) / w.seconds);
  const transport = (w: WindowCounts): number => groupCpu(w, GROUPS[0]!.match) + groupCpu(w, GROUPS[1]!.match);
  return [
    { name: name('frames/s into the engine'), unit: 'fps', samples: perS((w) => w.sent), target: { op: '>=', value: size.fps * FPS_TARGET_SHARE } },
    { name: name('MB/s over the bridge'), unit: 'MB/s', samples: perS((w) => w.bytes / BYTES_PER_MB), target: null },
    { name: name('frames the sender dropped'), unit: 'frames', samples: windows.map((w) => w.dropped), target: { op: '<=', value: 0 } },
    { name: name('CPU: browser + studio main process'), unit: 'CPU s/media s', samples: perS(transport), target: null },
    ...GROUPS.map((g): Figure => ({ name: name(`CPU: ${g.label}`), unit: 'CPU s/media s', samples: perS((w) => groupCpu(w, g.match)), target: null })),
  ];
}

function sizeNotes(size: Size, windows: WindowCounts[]): string[] {
  const roles = [...new Set(windows.flatMap((w) => [...w.cpu.keys()]))].sort();
  return [
    size.path === 'raw'
      ? `### ${size.label} (${size.width}x${size.height} I420, ${fmt((size.width * size.height * 1.5 * size.fps) / BYTES_PER_MB)} MB/s of raw video at full rate)`
      : `### ${size.label} (${size.width}x${size.height}, a ${CLIP_S} s test-card clip encoded by ffmpeg at ${size.bitrateKbps} kb/s, replayed by the page; the engine remuxes instead of encoding)`,
    '',
    `Windows: ${windows.map((w) => `${fmt(w.seconds)} s`).join(', ')}; frames the page made ${windows.map((w) => w.made).join(', ')}; sent ${windows.map((w) => w.sent).join(', ')}; dropped by the sender ${windows.map((w) => w.dropped).join(', ')}; repeated by the engine (no new frame in time) ${windows.map((w) => w.duplicated).join(', ')}; largest socket backlog seen ${fmt(Math.max(...windows.map((w) => w.backlogMaxBytes)) / BYTES_PER_MB)} MB.`,
    '',
    '| process (role) | CPU s per media s (median) |',
    '| --- | --- |',
    ...roles.map((r) => `| ${r} | ${fmt(median(windows.map((w) => (w.cpu.get(r) ?? 0) / w.seconds)))} |`),
    '',
  ];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
