/**
 * The import rules that keep each runtime in its lane (CONVENTIONS habit 1),
 * checked by reading source text. Pure: it takes file paths (relative to the
 * repo root, '/'-separated) and contents, so tests can plant violations
 * without writing bad files into the tree.
 *
 * - main/ never imports renderer/ (the UI is another process).
 * - renderer/ never imports node:*, Node built-ins, electron, main/, or preload/
 *   outside preload/contract/ (it runs sandboxed in Chromium).
 * - preload/contract/ is shared with the renderer, so the same holds for it.
 * - Only main/app/ and preload/ may import electron: the engine, studio, remote,
 *   origin and CLI run in plain Node.
 */
import { builtinModules } from 'node:module';
import { posix } from 'node:path';

export interface SourceFile {
  path: string;
  contents: string;
}

export interface ImportRef {
  specifier: string;
  /** 1-based line of the import. */
  line: number;
}

export interface Violation extends ImportRef {
  file: string;
  rule: string;
}

export const RULES = {
  mainImportsRenderer: 'main/ must not import renderer/',
  rendererImportsNode: 'renderer/ must not import Node built-ins',
  rendererImportsElectron: 'renderer/ must not import electron',
  rendererImportsMain: 'renderer/ must not import main/',
  rendererImportsPreload: 'renderer/ may import preload/contract/ only',
  contractImportsNode: 'preload/contract/ is shared with the renderer: no Node built-ins',
  contractImportsElectron: 'preload/contract/ is shared with the renderer: no electron',
  contractImportsMainOrRenderer: 'preload/contract/ must not import main/ or renderer/',
  engineImportsElectron: 'only main/app/ and preload/ may import electron',
} as const;

// Specifiers in static imports, re-exports, require() and dynamic import().
// Import clauses hold no quotes or semicolons, so [^'";]* spans multi-line braces.
const IMPORT_PATTERNS = [
  /\bimport\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*['"]([^'"]+)['"]/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

const NODE_BUILTINS = new Set(builtinModules);

export function extractImports(contents: string): ImportRef[] {
  const code = stripComments(contents);
  const found = new Map<number, ImportRef>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of code.matchAll(pattern)) {
      const specifier = match[1];
      const index = match.index;
      if (specifier === undefined || found.has(index)) continue;
      found.set(index, { specifier, line: lineAt(code, index) });
    }
  }
  return [...found.entries()].sort(([a], [b]) => a - b).map(([, ref]) => ref);
}

export function findViolations(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    for (const ref of extractImports(file.contents)) {
      for (const rule of rulesBroken(file.path, ref.specifier)) {
        violations.push({ file: file.path, ...ref, rule });
      }
    }
  }
  return violations;
}

function rulesBroken(file: string, specifier: string): string[] {
  const target = classify(file, specifier);
  const broken: string[] = [];
  const inside = (dir: string): boolean => file.startsWith(dir);

  if (inside('main/') && target.kind === 'local' && target.path.startsWith('renderer/')) {
    broken.push(RULES.mainImportsRenderer);
  }
  if (inside('main/') && !inside('main/app/') && target.kind === 'electron') {
    broken.push(RULES.engineImportsElectron);
  }
  if (inside('renderer/')) {
    if (target.kind === 'node') broken.push(RULES.rendererImportsNode);
    if (target.kind === 'electron') broken.push(RULES.rendererImportsElectron);
    if (target.kind === 'local' && target.path.startsWith('main/')) broken.push(RULES.rendererImportsMain);
    if (target.kind === 'local' && target.path.startsWith('preload/') && !(target.path === 'preload/contract' || target.path.startsWith('preload/contract/'))) {
      broken.push(RULES.rendererImportsPreload);
    }
  }
  if (inside('preload/contract/')) {
    if (target.kind === 'node') broken.push(RULES.contractImportsNode);
    if (target.kind === 'electron') broken.push(RULES.contractImportsElectron);
    if (target.kind === 'local' && /^(main|renderer)\//.test(target.path)) broken.push(RULES.contractImportsMainOrRenderer);
  }
  return broken;
}

type Target = { kind: 'local'; path: string } | { kind: 'node' } | { kind: 'electron' } | { kind: 'package' };

function classify(file: string, specifier: string): Target {
  if (specifier.startsWith('.')) {
    return { kind: 'local', path: posix.normalize(posix.join(posix.dirname(file), specifier)) };
  }
  if (specifier.startsWith('node:')) return { kind: 'node' };
  if (specifier === 'electron' || specifier.startsWith('electron/')) return { kind: 'electron' };
  // 'fs/promises' is the built-in 'fs'; a scoped package never is.
  const root = specifier.split('/')[0] ?? specifier;
  if (NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(root)) return { kind: 'node' };
  return { kind: 'package' };
}

/**
 * Drops block comments and whole-line // comments (keeping line breaks, so line
 * numbers hold). Trailing // comments stay: cutting at // would also cut URLs
 * inside strings, and a trailing comment that looks like an import is rare.
 */
function stripComments(contents: string): string {
  return contents
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/^\s*\/\/.*$/gm, '');
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}
