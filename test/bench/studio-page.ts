/**
 * A real `onair studio` (browser mode, from dist/cli) with one bench page open in
 * Chromium (driven over a bare DevTools connection, cdp-page.ts, not Playwright,
 * whose WebSocket frame capture would cost as much as what is measured), for the
 * measurements that need the renderer's side of the bridge.
 *
 * The page is bundled with esbuild into a folder the studio serves with `--ui`,
 * so it has the studio's origin (the bridge accepts only that), its CSP and the
 * token from the printed URL, exactly as the real UI would. Lifecycle: open() ->
 * the caller drives the page -> close() (browser, then studio with SIGINT).
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { CHROMIUM_ARGS as E2E_CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium';
import type { Settings } from '../../preload/contract/model';
import { defaultSettings } from '../../main/studio/defaults';
import { SETTINGS_FILE, SETTINGS_SCHEMA_VERSION } from '../../main/studio/studio-stores';
import { freePorts } from '../helpers/ports';
import { launchCdpPage, type CdpPage } from './cdp-page';
import { startStudio, type StudioProcess } from '../helpers/studio-process';

export { CHROMIUM_PATH };
/** As the e2e tests launch it, and: a hidden page's timers are throttled, and a headless page is always "hidden"; the producer must keep its rate. */
export const CHROMIUM_ARGS = [...E2E_CHROMIUM_ARGS, '--disable-background-timer-throttling', '--disable-renderer-backgrounding'];

export interface StudioPageOptions {
  repoRoot: string;
  /** Scratch folder for the page bundle and the studio's data. */
  dir: string;
  /** The page's entry (a .ts under test/bench/pages) and its HTML (served as index.html). */
  entry: string;
  html: string;
  /** What to change in the default settings (profile, destinations...). */
  settings: (defaults: Settings) => Settings;
  /** Puts more files beside the page (served from the studio's origin too). */
  prepareUi?: (uiDir: string) => Promise<void>;
  timeoutMs: number;
}

export interface StudioPage {
  studio: StudioProcess;
  page: CdpPage;
  close(): Promise<void>;
}

export async function openStudioPage(options: StudioPageOptions): Promise<StudioPage> {
  const uiDir = join(options.dir, 'ui');
  const dataDir = join(options.dir, 'data');
  await mkdir(dataDir, { recursive: true });
  await build({
    entryPoints: [join(options.repoRoot, options.entry)],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outdir: uiDir,
    logLevel: 'warning',
  });
  await copyFile(join(options.repoRoot, options.html), join(uiDir, 'index.html'));
  await options.prepareUi?.(uiDir);
  // The local origin gets a free port so a second studio (or a neighbour) never collides.
  const [originPort, remotePort] = await freePorts(2);
  const settings = options.settings(defaultSettings({ videosDir: join(options.dir, 'videos') }));
  settings.localOrigin = { ...settings.localOrigin, port: originPort! };
  await writeFile(join(dataDir, SETTINGS_FILE), JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, data: settings }, null, 2));

  const deadline = Date.now() + options.timeoutMs;
  const remaining = (): number => Math.max(1, deadline - Date.now());
  const cliPath = join(options.repoRoot, 'dist', 'cli', 'onair.js');
  const studio = await startStudio(cliPath, ['--no-open', '--port', '0', '--data-dir', dataDir, '--remote-port', String(remotePort), '--ui', uiDir], remaining());
  try {
    const page = await launchCdpPage(CHROMIUM_PATH, CHROMIUM_ARGS, join(options.dir, 'chromium-profile'), studio.studioUrl, remaining());
    return {
      studio,
      page,
      close: async () => {
        await page.close();
        await studio.stop();
      },
    };
  } catch (err) {
    await studio.stop();
    throw err;
  }
}
