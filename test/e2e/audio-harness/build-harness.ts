/**
 * Builds the audio test page (mixer.html, this folder) with Vite, the way the UI
 * itself is built, so the mixer's worklet is bundled by the same `?worker&url`
 * import and loads under the studio's Content-Security-Policy (script-src 'self'),
 * served by the studio's own UI handler, which answers unknown paths with
 * index.html (a plain page here). The program delivery page, with the
 * compositor, is test/e2e/delivery-harness.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const HERE = dirname(fileURLToPath(import.meta.url));

export async function buildHarness(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: HERE,
    base: './',
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      rolldownOptions: { input: { index: join(HERE, 'index.html'), mixer: join(HERE, 'mixer.html') } },
    },
  });
}
