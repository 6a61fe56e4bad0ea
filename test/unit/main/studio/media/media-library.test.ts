import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaLibrary, MediaLibraryError, isMediaRef, mediaIdOf, mediaIdsIn, mediaIdsInCollectionFiles } from '../../../../../main/studio/media/media-library';
import { defaultCollection } from '../../../../../main/studio/defaults';

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'onair-media-'));
  dir = join(root, 'media');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const bytes = (text: string) => Readable.from([Buffer.from(text)]);
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('MediaLibrary', () => {
  it('keeps a file under the hash of its bytes, once however often it is added', async () => {
    const library = new MediaLibrary(dir);
    const a = await library.add(bytes('picture bytes'), 'Logo.PNG');
    const b = await library.add(bytes('picture bytes'), 'copy of logo.png');
    expect(a).toBe(`studio-media:${sha('picture bytes')}.png`);
    expect(b).toBe(a);
    expect(await readdir(dir)).toEqual([`${sha('picture bytes')}.png`]);
    const id = mediaIdOf(a)!;
    const file = await library.file(id);
    expect(file.size).toBe('picture bytes'.length);
    expect(await readFile(file.path, 'utf8')).toBe('picture bytes');
  });

  it('refuses a file that is neither a picture nor a media file, naming it and what it takes', async () => {
    const error = await new MediaLibrary(dir).add(bytes('#!/bin/sh'), 'run.sh').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaLibraryError);
    expect((error as MediaLibraryError).status).toBe(400);
    expect((error as Error).message).toMatch(/^"run\.sh" is not a picture or media file the studio can show \(it takes .*\.png.*\.mp4/);
  });

  it('refuses an empty file and a file over the limit, and leaves no partial file behind', async () => {
    const library = new MediaLibrary(dir, 10);
    await expect(library.add(bytes(''), 'empty.png')).rejects.toThrow(/"empty\.png" is empty/);
    const big = await library.add(Readable.from([Buffer.alloc(6), Buffer.alloc(6)]), 'big.mp4').catch((e: unknown) => e);
    expect((big as MediaLibraryError).status).toBe(413);
    expect((big as Error).message).toMatch(/"big\.mp4" is larger than .* trim or compress it first/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('reads only ids it could have made, and says when a file is gone', async () => {
    const library = new MediaLibrary(dir);
    await expect(library.file('../settings.json')).rejects.toMatchObject({ status: 400 });
    await expect(library.file(`${'a'.repeat(64)}.png/../../x`)).rejects.toMatchObject({ status: 400 });
    await expect(library.file(`${'a'.repeat(64)}.png`)).rejects.toMatchObject({ status: 404, message: expect.stringMatching(/add it to the scene again/) });
  });

  it('prunes the files no scene uses and uploads a crash cut off, keeping the rest', async () => {
    const library = new MediaLibrary(dir);
    const kept = mediaIdOf(await library.add(bytes('kept'), 'a.png'))!;
    const dropped = mediaIdOf(await library.add(bytes('dropped'), 'b.webm'))!;
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, '.upload-0123456789abcdef'), 'half');
    await writeFile(join(dir, 'notes.txt'), 'not ours: left alone');
    expect(await library.prune(new Set([kept]))).toBe(2);
    expect((await readdir(dir)).sort()).toEqual([kept, 'notes.txt'].sort());
    expect(dropped).not.toBe(kept);
  });

  it('finds the library files a collection refers to', () => {
    let n = 0;
    const c = defaultCollection((p) => `${p}_${++n}`, { width: 1280, height: 720 });
    const id = `${'b'.repeat(64)}.png`;
    c.sources.push({ id: 'img', name: 'Logo', kind: 'image', settings: { src: `studio-media:${id}` } } as (typeof c.sources)[number]);
    c.sources.push({ id: 'old', name: 'Old', kind: 'image', settings: { src: 'data:image/png;base64,AAAA' } } as (typeof c.sources)[number]);
    expect([...mediaIdsIn(c)]).toEqual([id]);
    expect(isMediaRef(`studio-media:${id}`)).toBe(true);
    expect(isMediaRef('studio-media:../../etc/passwd')).toBe(false);
  });

  it('finds the files referred to by every collection file in the data folder, loaded or not', async () => {
    const a = `${'1'.repeat(64)}.png`;
    const b = `${'2'.repeat(64)}.webm`;
    const c = `${'3'.repeat(64)}.jpg`;
    await writeFile(join(root, 'collection.json'), JSON.stringify({ src: `studio-media:${a}` }));
    await writeFile(join(root, 'collection.json.bak'), JSON.stringify({ src: `studio-media:${b}` }));
    await writeFile(join(root, 'collection.json.corrupt-2026-11-25T10-00-00Z'), `{ broken "studio-media:${c}"`);
    await writeFile(join(root, 'settings.json'), JSON.stringify({ src: `studio-media:${'4'.repeat(64)}.png` }));
    expect([...(await mediaIdsInCollectionFiles(root, 'collection.json'))].sort()).toEqual([a, b, c]);
    expect(await mediaIdsInCollectionFiles(join(root, 'missing'), 'collection.json')).toEqual(new Set());
  });
});
