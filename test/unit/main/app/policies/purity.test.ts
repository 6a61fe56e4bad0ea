/**
 * The policies are pure so they can be tested here, in plain Node: none may load
 * electron at run time (a type-only import is erased by the compiler).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../../../../main/app/policies/', import.meta.url));

describe('policies', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it('exist', () => expect(files.length).toBeGreaterThan(10));

  it.each(files)('%s imports electron for types only, and no file system or process API', (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const runtimeElectron = /^\s*import\s+(?!type\b)[^;]*from\s+['"]electron['"]/m.test(text) || /require\(\s*['"]electron['"]\s*\)/.test(text);
    expect(runtimeElectron).toBe(false);
    expect(text).not.toMatch(/from\s+['"]node:(fs|child_process|net|http)/);
  });
});
