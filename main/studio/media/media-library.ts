/**
 * The studio's media library: pictures and media files added from a browser,
 * kept in the data folder so a scene still has them after a reload or restart.
 * A browser cannot hand the studio a file path, and a picture inside the
 * collection (a data: URL) would travel in every state event; so the page uploads
 * the file once and the source refers to it as `studio-media:<id>`.
 *
 * Files are named by the SHA-256 of their bytes (adding the same file twice keeps
 * one copy; an id cannot be guessed, nor name anything outside the folder) and
 * written to a temporary name first, so a cut-off upload never leaves a half file
 * under a real id.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { MEDIA_REF_PREFIX } from '../../../preload/contract/media-library';
import type { SceneCollection } from '../../../preload/contract/model';

export { MEDIA_REF_PREFIX };

/** What may be added, by extension: pictures a browser decodes, and media files it plays. */
const PICTURE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp', '.gif', '.bmp', '.avif'];
const MEDIA_EXTENSIONS = ['.mp4', '.m4v', '.mov', '.webm', '.mkv', '.ogv', '.mp3', '.m4a', '.aac', '.wav', '.ogg', '.oga', '.opus', '.flac'];

/** Largest file the library takes: a long clip, not a film archive. */
export const MAX_MEDIA_BYTES = 4 * 1024 ** 3;

/** `<64 hex>.<ext>`: nothing else is a library id, so no id can climb out of the folder. */
const ID = /^[0-9a-f]{64}\.[a-z0-9]{2,5}$/;

export class MediaLibraryError extends Error {
  constructor(
    readonly status: 400 | 404 | 413,
    message: string,
  ) {
    super(message);
  }
}

export function isMediaRef(src: string): boolean {
  return src.startsWith(MEDIA_REF_PREFIX) && ID.test(src.slice(MEDIA_REF_PREFIX.length));
}

export function mediaIdOf(ref: string): string | null {
  return isMediaRef(ref) ? ref.slice(MEDIA_REF_PREFIX.length) : null;
}

export class MediaLibrary {
  constructor(
    readonly dir: string,
    private readonly maxBytes = MAX_MEDIA_BYTES,
  ) {}

  /** Stores the bytes of a file called `fileName`; resolves to its `studio-media:` reference. */
  async add(body: Readable, fileName: string): Promise<string> {
    const ext = extname(fileName).toLowerCase();
    if (!PICTURE_EXTENSIONS.includes(ext) && !MEDIA_EXTENSIONS.includes(ext)) {
      throw new MediaLibraryError(400, `"${fileName}" is not a picture or media file the studio can show (it takes ${[...PICTURE_EXTENSIONS, ...MEDIA_EXTENSIONS].join(' ')}).`);
    }
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temp = join(this.dir, `.upload-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const maxBytes = this.maxBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new MediaLibraryError(413, `"${fileName}" is larger than ${Math.round(maxBytes / 1024 ** 2)} MB, the most the studio keeps: trim or compress it first.`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(temp, { mode: 0o600 }));
      if (size === 0) throw new MediaLibraryError(400, `"${fileName}" is empty.`);
      const id = `${hash.digest('hex')}${ext}`;
      await rename(temp, join(this.dir, id));
      return `${MEDIA_REF_PREFIX}${id}`;
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** The file behind an id, or an error saying it is not there. */
  async file(id: string): Promise<{ path: string; size: number }> {
    if (!ID.test(id)) throw new MediaLibraryError(400, `"${id}" is not a media library id.`);
    const path = join(this.dir, id);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new MediaLibraryError(404, 'That file is no longer in the studio’s media library: add it to the scene again.');
    return { path, size: info.size };
  }

  /**
   * Removes files no source refers to any more (and uploads cut off by a crash).
   * Run when the studio opens, before anything can be added, so nothing in use is removed.
   */
  async prune(inUse: ReadonlySet<string>): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const unused = names.filter((n) => (ID.test(n) && !inUse.has(n)) || n.startsWith('.upload-'));
    await Promise.all(unused.map((n) => rm(join(this.dir, n), { force: true })));
    return unused.length;
  }
}

/** A library reference anywhere in a text (a collection file that did not load is still read this way). */
const REF_IN_TEXT = /studio-media:([0-9a-f]{64}\.[a-z0-9]{2,5})/g;

/**
 * The library ids any collection file in the data folder refers to: the current
 * one, its `.bak`, versions kept by migrations and copies set aside as corrupt.
 * Pruning keeps all of them, so restoring one of those files loses no picture.
 */
export async function mediaIdsInCollectionFiles(dataDir: string, collectionFile: string): Promise<Set<string>> {
  const ids = new Set<string>();
  const names = (await readdir(dataDir).catch(() => [] as string[])).filter((n) => n.startsWith(collectionFile));
  for (const name of names) {
    const text = await readFile(join(dataDir, name), 'utf8').catch(() => '');
    for (const m of text.matchAll(REF_IN_TEXT)) ids.add(m[1]!);
  }
  return ids;
}

/** The library ids the collection's pictures and media files refer to. */
export function mediaIdsIn(collection: SceneCollection): Set<string> {
  const ids = new Set<string>();
  for (const s of collection.sources) {
    const id = s.kind === 'image' || s.kind === 'media' ? mediaIdOf(s.settings.src) : null;
    if (id) ids.add(id);
  }
  return ids;
}
