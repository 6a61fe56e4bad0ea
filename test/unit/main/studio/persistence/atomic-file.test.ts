import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nodeAtomicFs, writeFileAtomic } from '../../../../../main/studio/persistence/atomic-file';

const CHILD_SOURCE = fileURLToPath(new URL('./atomic-write-child.ts', import.meta.url));
/** The old document is big enough that backing it up takes several slow chunks too. */
const OLD_DOC_BYTES = 256 * 1024;
/** The new one takes ~64 slow chunks (over a second): the kill lands well inside it. */
const NEW_DOC_BYTES = 4 * 1024 * 1024;
const PERMISSION_BITS = 0o777;

let childBundle: string;
let bundleDir: string;
let dir: string;

beforeAll(async () => {
  bundleDir = await mkdtemp(path.join(tmpdir(), 'onair-atomic-child-'));
  childBundle = path.join(bundleDir, 'child.mjs');
  await build({ entryPoints: [CHILD_SOURCE], bundle: true, platform: 'node', format: 'esm', outfile: childBundle, logLevel: 'silent' });
});
afterAll(() => rm(bundleDir, { recursive: true, force: true }));
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'onair-atomic-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function doc(generation: string, bytes: number): string {
  return JSON.stringify({ generation, padding: generation.charAt(0).repeat(bytes) });
}

/** Starts the child writer and SIGKILLs it on the first chunk written to a temp file named `tempPrefix*`. */
async function killWhileWriting(target: string, tempPrefix: string): Promise<{ signal: NodeJS.Signals | null; killedTemp: string }> {
  const child = spawn(process.execPath, [childBundle, target, String(NEW_DOC_BYTES)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let killedTemp = '';
  for await (const line of createInterface({ input: child.stdout })) {
    const [word, file] = line.split(' ');
    if (word === 'chunk' && file !== undefined && file.startsWith(tempPrefix)) {
      killedTemp = file;
      child.kill('SIGKILL');
      break;
    }
  }
  return { signal: await exited, killedTemp };
}

describe('writeFileAtomic', () => {
  it('writes the file, keeps the previous one as .bak, and leaves no temp file', async () => {
    const target = path.join(dir, 'scenes.json');
    await writeFileAtomic(target, 'first');
    expect(await readdir(dir)).toEqual(['scenes.json']);

    await writeFileAtomic(target, 'second');
    expect(await readFile(target, 'utf8')).toBe('second');
    expect(await readFile(`${target}.bak`, 'utf8')).toBe('first');
    expect((await readdir(dir)).sort()).toEqual(['scenes.json', 'scenes.json.bak']);
  });

  it('gives the file and its backup exactly the mode asked for', async () => {
    const target = path.join(dir, 'secrets.json');
    await writeFileAtomic(target, 'a', { mode: 0o600 });
    await writeFileAtomic(target, 'b', { mode: 0o600 });
    expect((await stat(target)).mode & PERMISSION_BITS).toBe(0o600);
    expect((await stat(`${target}.bak`)).mode & PERMISSION_BITS).toBe(0o600);
  });

  it('does not touch .bak when asked not to keep one', async () => {
    const target = path.join(dir, 'scenes.json');
    await writeFile(target, 'old');
    await writeFileAtomic(target, 'new', { backup: false });
    expect(await readdir(dir)).toEqual(['scenes.json']);
  });

  it('leaves the old file and removes its temp file when the rename fails', async () => {
    const target = path.join(dir, 'scenes.json');
    await writeFile(target, 'old');
    const failingRename = { ...nodeAtomicFs, rename: () => Promise.reject(Object.assign(new Error('disk gone'), { code: 'EIO' })) };
    await expect(writeFileAtomic(target, 'new', { fs: failingRename, backup: false })).rejects.toThrow('disk gone');
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['scenes.json']);
  });

  it('a process killed while writing the new file leaves the old file complete under the real name', async () => {
    const target = path.join(dir, 'scenes.json');
    const old = doc('old', OLD_DOC_BYTES);
    await writeFile(target, old);

    const { signal, killedTemp } = await killWhileWriting(target, `${target}.tmp-`);

    expect(signal).toBe('SIGKILL');
    // The kill landed mid-write: the temp file is there and holds only part of the document.
    expect((await stat(killedTemp)).size).toBeLessThan(NEW_DOC_BYTES);
    expect(await readFile(target, 'utf8')).toBe(old);
    expect(JSON.parse(await readFile(target, 'utf8'))).toMatchObject({ generation: 'old' });
    // The backup step had finished before the commit began.
    expect(await readFile(`${target}.bak`, 'utf8')).toBe(old);
  });

  it('a process killed while backing up leaves both the real file and the previous .bak complete', async () => {
    const target = path.join(dir, 'scenes.json');
    const old = doc('old', OLD_DOC_BYTES);
    const older = doc('older', 16);
    await writeFile(target, old);
    await writeFile(`${target}.bak`, older);

    const { signal, killedTemp } = await killWhileWriting(target, `${target}.bak.tmp-`);

    expect(signal).toBe('SIGKILL');
    expect((await stat(killedTemp)).size).toBeLessThan(old.length);
    expect(await readFile(target, 'utf8')).toBe(old);
    expect(await readFile(`${target}.bak`, 'utf8')).toBe(older);
  });

  it('the same child, left alone, completes the write (so the kills above are what kept the old file)', async () => {
    const target = path.join(dir, 'scenes.json');
    await writeFile(target, doc('old', 16));
    const child = spawn(process.execPath, [childBundle, target, '1000'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(await readFile(target, 'utf8'))).toMatchObject({ generation: 'new' });
    expect(JSON.parse(await readFile(`${target}.bak`, 'utf8'))).toMatchObject({ generation: 'old' });
  });
});
