/**
 * Node side of the compositor harness: builds the page with Vite (the worker is
 * bundled the way the app bundles it), serves it and any fixture files from a
 * tiny HTTP server on a free loopback port, and opens it in Debian's Chromium
 * with a fake camera. One call per test file; `close` undoes everything.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../helpers/chromium';
import { LOOPBACK_HOST } from '../../helpers/ports';

const HERE = fileURLToPath(new URL('.', import.meta.url));
/**
 * Headless Chromium 156 here has no GPU yet gives WebGL2 through SwiftShader with no
 * flag at all; playwright-core adds --enable-unsafe-swiftshader to every launch
 * regardless. The default test browser drops that flag (software GL is not what
 * the app composes with on such a machine, and it slows readback 5-10x); the
 * browser that tests the forced WebGL2 backend asks for ANGLE on SwiftShader
 * explicitly, so it keeps working when a Chromium update stops the silent fallback.
 */
const SOFTWARE_WEBGL_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
const PLAYWRIGHT_SWIFTSHADER_DEFAULT = '--enable-unsafe-swiftshader';

export interface HarnessOptions {
  /** Launch with software WebGL2 (for tests and benches that force the WebGL2 backend). */
  softwareWebGl?: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.map': 'application/json',
  '.webm': 'video/webm',
  '.png': 'image/png',
  '.gif': 'image/gif',
};

export interface Harness {
  page: Page;
  browser: Browser;
  /** Where files put in `fixtureDir` are served: `${baseUrl}/fixtures/<name>`. */
  baseUrl: string;
  fixtureDir: string;
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openHarness(options: HarnessOptions = {}): Promise<Harness> {
  const outDir = mkdtempSync(join(tmpdir(), 'compositor-harness-'));
  const fixtureDir = join(outDir, 'fixtures');
  await build({
    root: HERE,
    configFile: false,
    logLevel: 'warn',
    base: './',
    build: { outDir, emptyOutDir: false, target: 'es2022', minify: false, sourcemap: true },
  });
  const server = await serve(outDir);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the harness server has no port');
  const baseUrl = `http://${LOOPBACK_HOST}:${address.port}`;
  const browser = await chromium.launch(
    options.softwareWebGl
      ? { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...SOFTWARE_WEBGL_ARGS] }
      : { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], ignoreDefaultArgs: [PLAYWRIGHT_SWIFTSHADER_DEFAULT] },
  );
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(`${baseUrl}/index.html`);
  await page.waitForFunction(() => typeof window.harness === 'object');
  return {
    page,
    browser,
    baseUrl,
    fixtureDir,
    pageErrors,
    async close() {
      await browser.close().catch(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, LOOPBACK_HOST, () => resolve(server)));
}
