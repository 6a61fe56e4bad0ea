/**
 * Builds the program delivery page (this folder) with Vite, as the UI is built,
 * so the compositor's workers and the mixer's worklet are bundled the same way
 * and load under the studio's Content-Security-Policy when `onair studio --ui DIR`
 * serves it.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const HERE = dirname(fileURLToPath(import.meta.url));

export async function buildProgramPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: HERE,
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false, rolldownOptions: { input: { index: join(HERE, 'index.html') } } },
  });
}
