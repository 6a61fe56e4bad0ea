/**
 * The real studio UI, live: `onair studio` (dist/cli) serving the built UI
 * (dist/renderer) to Chromium, with a seeded scene collection, the program at a
 * chosen size on the raw path, an nginx-rtmp destination and (optionally) the
 * local origin, gone live. For the measurements that need the compositor itself
 * (scene-switch, glass-to-glass with the compositor as producer).
 *
 * The page gets the bench's init scripts (taps, stand-in devices) before the UI
 * loads. The bench talks to the studio as a streamer's tools would: a second
 * bridge client (the UI's own WsStudioClient, over `ws`) for Go Live and health,
 * and obs-websocket (obsUrl, REMOTE_PASSWORD) for scene switching.
 *
 * Lifecycle: openLiveUi() -> live, the page sending the program -> close()
 * (stop live, close the browser, SIGINT the studio).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { defaultSettings, LOCAL_DESTINATION_ID } from '../../main/studio/defaults';
import { COLLECTION_FILE, COLLECTION_SCHEMA_VERSION, SETTINGS_FILE, SETTINGS_SCHEMA_VERSION } from '../../main/studio/studio-stores';
import type { HealthSnapshot, SceneCollection } from '../../preload/contract';
import { WsStudioClient, bridgeUrlFromLocation, type WebSocketLike } from '../../renderer/bridge/ws-client';
import { collectPageErrors } from '../helpers/chromium';
import { freePorts } from '../helpers/ports';
import { startStudio, type StudioProcess } from '../helpers/studio-process';
import type { BenchContext } from './bench-context';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './studio-page';

/** The obs-websocket password of the bench's own studio (loopback, this run only). */
export const REMOTE_PASSWORD = 'bench-remote';
const POLL_MS = 20;

/** A function serialised into the page before the UI loads, and its argument. */
export interface InitScript {
  fn: (arg: never) => void;
  arg: unknown;
}

export function initScript<A>(fn: (arg: A) => void, arg: A): InitScript {
  return { fn, arg };
}

export interface LiveUiOptions {
  /** Scratch folder for the studio's data. */
  dir: string;
  collection: SceneCollection;
  size: { width: number; height: number };
  fps: number;
  bitrateKbps: number;
  /** The nginx-rtmp stream key to go live to. */
  streamKey: string;
  /** Also feed the studio's local origin (HLS). */
  localOrigin: boolean;
  initScripts: InitScript[];
  timeoutMs: number;
}

export interface LiveUi {
  page: Page;
  /** Page errors and console errors so far. */
  errors: string[];
  /** ws://127.0.0.1:PORT for obs-websocket (password REMOTE_PASSWORD). */
  obsUrl: string;
  /** The local origin's playlist URL (when asked for). */
  playlistUrl: string;
  /** The newest health snapshot the studio sent, if any. */
  health(): HealthSnapshot | null;
  close(): Promise<void>;
}

export async function openLiveUi(ctx: BenchContext, options: LiveUiOptions): Promise<LiveUi> {
  if (!existsSync(join(ctx.repoRoot, 'dist', 'renderer', 'index.html'))) throw new Error('the built UI is missing in dist/renderer: run `npm run build:renderer` (npm run bench does)');
  const deadline = Date.now() + options.timeoutMs;
  const remaining = (): number => Math.max(1, deadline - Date.now());
  const [originPort, remotePort] = await freePorts(2);
  const dataDir = await seedDataDir(options, originPort!);
  let studio: StudioProcess | null = null;
  let browser: Browser | null = null;
  let control: WsStudioClient | null = null;
  const close = async (): Promise<void> => {
    await control?.call('stopLive', {}).catch(() => undefined);
    control?.close();
    await browser?.close();
    await studio?.stop();
  };
  try {
    studio = await startStudio(join(ctx.repoRoot, 'dist', 'cli', 'onair.js'), ['--no-open', '--port', '0', '--data-dir', dataDir, '--remote-port', String(remotePort), '--remote-password', REMOTE_PASSWORD], remaining());
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: remaining() });
    const page = await browser.newPage();
    const errors: string[] = [];
    collectPageErrors(page, errors);
    for (const s of options.initScripts) await page.addInitScript(s.fn as (arg: unknown) => void, s.arg);
    await page.goto(studio.studioUrl, { timeout: remaining() });

    let health: HealthSnapshot | null = null;
    const client = new WsStudioClient({ url: bridgeUrlFromLocation(new URL(studio.studioUrl)), createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike, warn: () => undefined });
    control = client;
    await waitUntil(() => client.connection === 'open', remaining(), 'the bench could not connect to the studio bridge');
    client.on('health', (h) => (health = h));
    await client.call('addDestination', { name: 'nginx', presetId: 'custom-rtmp', kind: 'rtmp', serverUrl: ctx.nginx.rtmpUrl(), streamKey: options.streamKey });
    await client.call('goLive', {});
    await ctx.nginx.waitForPublisher(options.streamKey, remaining());
    return { page, errors, obsUrl: `ws://127.0.0.1:${remotePort}`, playlistUrl: `http://127.0.0.1:${originPort}/live/index.m3u8`, health: () => health, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Settings (program size, raw path, the local origin on a free port and on or off) and the collection. */
async function seedDataDir(options: LiveUiOptions, originPort: number): Promise<string> {
  const dataDir = join(options.dir, 'data');
  await mkdir(dataDir, { recursive: true });
  const settings = defaultSettings({ videosDir: join(options.dir, 'videos') });
  settings.profile = { ...settings.profile, ...options.size, fps: options.fps, videoPath: 'raw', videoBitrateKbps: options.bitrateKbps };
  settings.localOrigin = { ...settings.localOrigin, port: originPort };
  settings.destinations = settings.destinations.map((d) => ({ ...d, enabled: options.localOrigin && d.id === LOCAL_DESTINATION_ID }));
  await writeFile(join(dataDir, SETTINGS_FILE), JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, data: settings }, null, 2));
  await writeFile(join(dataDir, COLLECTION_FILE), JSON.stringify({ schemaVersion: COLLECTION_SCHEMA_VERSION, data: options.collection }, null, 2));
  return dataDir;
}

/** One full-canvas item per scene, each showing its own source; ids derived from the names. */
export function fullCanvasCollection(name: string, scenes: readonly { scene: string; source: SceneCollection['sources'][number] }[], size: { width: number; height: number }): SceneCollection {
  const full = { x: 0, y: 0, ...size, rotationDeg: 0, crop: { top: 0, right: 0, bottom: 0, left: 0 } };
  const first = `scene-${scenes[0]!.source.id}`;
  return {
    name,
    sources: scenes.map((s) => s.source),
    scenes: scenes.map((s) => ({ id: `scene-${s.source.id}`, name: s.scene, items: [{ id: `item-${s.source.id}`, sourceId: s.source.id, transform: full, opacity: 1, visible: true, locked: false }] })),
    programSceneId: first,
    previewSceneId: first,
    studioMode: false,
    transition: { kind: 'cut', durationMs: 0 },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function waitUntil(ok: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`${what} within ${timeoutMs} ms`);
    await sleep(POLL_MS);
  }
}
