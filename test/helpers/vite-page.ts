/**
 * Builds a test page folder with Vite, the way the UI itself is built, so the
 * compositor's workers and the mixer's worklet are bundled by the same
 * `?worker&url` imports and load under the studio's Content-Security-Policy
 * (script-src 'self') when `onair studio --ui DIR` or the studio's own UI handler
 * serves the result.
 */
import { join } from 'node:path';
import { build } from 'vite';

/** Builds `pages` (HTML files in `root`, by name without .html) into `outDir`, emptied first. */
export async function buildTestPages(root: string, outDir: string, pages: readonly string[]): Promise<void> {
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      rolldownOptions: { input: Object.fromEntries(pages.map((name) => [name, join(root, `${name}.html`)])) },
    },
  });
}
