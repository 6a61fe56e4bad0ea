/**
 * Builds the UI (renderer/) into dist/renderer, where the Electron shell and
 * `onair studio` serve it from. Relative asset paths (base './') so it loads from
 * a file:// URL in Electron as well as over HTTP in browser mode.
 * Vite 8 transforms TSX itself (Oxc); only the JSX runtime needs naming.
 * Paths come from import.meta.dirname (Vite sets it when it loads this file), not
 * node:path: the import-boundary test holds every file under renderer/ to "no Node".
 */
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  // Quiet like build:main: problems only.
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: `${root}/../dist/renderer`,
    emptyOutDir: true,
    // Chromium in Electron 41 and every current browser.
    target: 'es2022',
    sourcemap: true,
  },
});
