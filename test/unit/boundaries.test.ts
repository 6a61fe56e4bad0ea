/**
 * Fails when a source file imports across a boundary it must not cross
 * (see test/helpers/import-boundaries.ts for the rules and why).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES, extractImports, findViolations, type SourceFile } from '../helpers/import-boundaries';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_DIRS = ['main', 'preload', 'renderer'];
const SOURCE_FILE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'out']);

function readSources(dir: string): SourceFile[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : readSources(path);
    if (!SOURCE_FILE.test(entry.name)) return [];
    return [{ path: relative(REPO_ROOT, path).split(sep).join('/'), contents: readFileSync(path, 'utf8') }];
  });
}

describe('import boundaries', () => {
  it('hold in the source tree', () => {
    const files = SOURCE_DIRS.flatMap((dir) => readSources(join(REPO_ROOT, dir)));
    // Proves the walk found the tree, so an empty result means something.
    expect(files.map((file) => file.path)).toContain('main/engine/redact.ts');
    expect(findViolations(files)).toEqual([]);
  });

  it.each([
    ['main/engine/a.ts', "import { x } from '../../renderer/app/x';", RULES.mainImportsRenderer],
    ['main/studio/a.ts', "export * from '../../renderer/audio/mixer';", RULES.mainImportsRenderer],
    ['main/engine/a.ts', "import { app } from 'electron';", RULES.engineImportsElectron],
    ['main/studio/a.ts', "import type { WebContents } from 'electron';", RULES.engineImportsElectron],
    ['main/remote/a.ts', "const { ipcMain } = require('electron');", RULES.engineImportsElectron],
    ['main/origin/a.ts', "const e = await import('electron/main');", RULES.engineImportsElectron],
    ['main/cli/a.ts', "import 'electron';", RULES.engineImportsElectron],
    ['renderer/app/a.ts', "import { readFile } from 'node:fs/promises';", RULES.rendererImportsNode],
    ['renderer/app/a.ts', "import path from 'path';", RULES.rendererImportsNode],
    ['renderer/audio/a.ts', "import { spawn } from 'child_process';", RULES.rendererImportsNode],
    ['renderer/app/a.ts', "import { readFile } from 'fs/promises';", RULES.rendererImportsNode],
    ['renderer/app/a.ts', "import { ipcRenderer } from 'electron';", RULES.rendererImportsElectron],
    ['renderer/bridge/a.ts', "import { Studio } from '../../main/studio/studio';", RULES.rendererImportsMain],
    ['renderer/bridge/a.ts', "import '../../preload/index';", RULES.rendererImportsPreload],
    ['preload/contract/a.ts', "import { randomUUID } from 'node:crypto';", RULES.contractImportsNode],
    ['preload/contract/a.ts', "import { ipcRenderer } from 'electron';", RULES.contractImportsElectron],
    ['preload/contract/a.ts', "import type { Foo } from '../../main/engine/types';", RULES.contractImportsMainOrRenderer],
  ])('catches a planted violation: %s: %s', (path, contents, rule) => {
    expect(findViolations([{ path, contents }])).toEqual([expect.objectContaining({ file: path, rule, line: 1 })]);
  });

  it.each([
    ['main/app/window.ts', "import { BrowserWindow } from 'electron';"],
    ['preload/index.ts', "import { contextBridge } from 'electron';"],
    ['main/engine/a.ts', "import { spawn } from 'node:child_process';"],
    ['main/engine/a.ts', "import type { Health } from '../../preload/contract/health';"],
    ['renderer/bridge/a.ts', "import { validate } from '../../preload/contract/index';"],
    ['renderer/app/a.tsx', "import { useState } from 'react';"],
    // A package whose name starts like a built-in is not the built-in.
    ['renderer/app/a.ts', "import fse from 'fs-extra';"],
    ['main/engine/a.ts', "// Never: import { app } from 'electron';\n/* nor require('electron') */"],
  ])('allows %s: %s', (path, contents) => {
    expect(findViolations([{ path, contents }])).toEqual([]);
  });

  it('reads multi-line imports, re-exports and the line each starts on', () => {
    const contents = [
      "import {",
      "  a,",
      "  b,",
      "} from './a';",
      "export { c } from '../c';",
      "export type { D } from './d';",
      "const e = require('e');",
      "const f = () => import('./f');",
      "import './side-effect';",
    ].join('\n');
    expect(extractImports(contents)).toEqual([
      { specifier: './a', line: 1 },
      { specifier: '../c', line: 5 },
      { specifier: './d', line: 6 },
      { specifier: 'e', line: 7 },
      { specifier: './f', line: 8 },
      { specifier: './side-effect', line: 9 },
    ]);
  });
});
