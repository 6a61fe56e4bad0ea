/**
 * Writes a file so that a crash, a kill or a power cut at any instant leaves
 * either the old complete file or the new complete file under the real name,
 * never a partial one.
 *
 * The order of steps, and why:
 * 1. Back up: copy the current file into a temp file, fsync it, rename it over
 *    `<name>.bak`. The current file is copied, not renamed away, because a rename
 *    would leave the real name empty until step 2 ends. Copying (rather than a
 *    hard link) also means a later in-place edit of the real file by a text
 *    editor cannot change the backup.
 * 2. Commit: write the new data into another temp file in the same folder (a
 *    rename is only atomic within one file system), fsync it so its bytes are on
 *    disk before its name is, then rename it over the real name.
 * 3. fsync the folder after each rename, so the renames themselves survive a
 *    power cut, in order: the backup is durable before the real file changes.
 *
 * A crash leaves at worst a stray `<name>.tmp-*` file, which nothing reads.
 */
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import path from 'node:path';

export const BACKUP_SUFFIX = '.bak';
/** Temp files are named `<name>.tmp-<pid>-<random>`: unique per process and per write. */
export const TEMP_INFIX = '.tmp-';
const TEMP_RANDOM_BYTES = 6;
/** Permission bits of a file mode (type bits stripped). */
const PERMISSION_BITS = 0o777;
/** Node's default for new files; the process umask still applies. */
const DEFAULT_FILE_MODE = 0o666;
/**
 * On Windows a rename over a file fails with EPERM/EBUSY/EACCES while another
 * process (an antivirus scanner, the search indexer) briefly holds it open, so
 * the rename is retried after these delays.
 */
const WINDOWS_RENAME_RETRY_DELAYS_MS = [10, 50, 100, 250, 500];
const WINDOWS_TRANSIENT_RENAME_ERRORS = new Set(['EPERM', 'EBUSY', 'EACCES']);
/**
 * Opening or fsyncing a folder is not possible everywhere (Windows refuses it;
 * some network and FUSE file systems answer EINVAL). The rename has still
 * happened; only its durability across a power cut is up to the OS there.
 */
const UNSUPPORTED_DIR_FSYNC_ERRORS = new Set(['EINVAL', 'EPERM', 'EISDIR', 'EACCES', 'ENOTSUP']);

/** The few file operations used here, injectable so tests can slow or break them. */
export interface AtomicFileHandle {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  chmod(mode: number): Promise<void>;
  close(): Promise<void>;
}

export interface AtomicFs {
  open(file: string, flags: string, mode?: number): Promise<AtomicFileHandle>;
  rename(from: string, to: string): Promise<void>;
  readFile(file: string): Promise<Buffer>;
  stat(file: string): Promise<{ mode: number }>;
  rm(file: string, options: { force: boolean }): Promise<void>;
}

export const nodeAtomicFs: AtomicFs = {
  open: (file, flags, mode) => fsp.open(file, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  readFile: (file) => fsp.readFile(file),
  stat: (file) => fsp.stat(file),
  rm: (file, options) => fsp.rm(file, options),
};

export interface AtomicWriteOptions {
  /**
   * Permission bits for the new file and its backup (0o600 for secrets). The temp
   * file is created with them, so the data is never readable by others, even for
   * an instant. Without it, new files get the default and the backup keeps the
   * old file's mode.
   */
  mode?: number;
  /** Keep the file being replaced as `<name>.bak`. Default true. */
  backup?: boolean;
  fs?: AtomicFs;
  platform?: NodeJS.Platform;
}

export async function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeAtomicFs;
  const platform = options.platform ?? process.platform;
  const dir = path.dirname(file);

  if (options.backup ?? true) {
    const previous = await readIfExists(fs, file);
    if (previous !== null) {
      const mode = options.mode ?? (await fs.stat(file)).mode & PERMISSION_BITS;
      await replaceWith(fs, platform, file + BACKUP_SUFFIX, previous, mode);
      await fsyncDirectory(dir);
    }
  }
  await replaceWith(fs, platform, file, data, options.mode);
  await fsyncDirectory(dir);
}

/** `<dir>/<name>.tmp-<pid>-<random>`: in the target's folder, so the rename stays on one file system. */
export function tempPathFor(file: string): string {
  return `${file}${TEMP_INFIX}${process.pid}-${randomBytes(TEMP_RANDOM_BYTES).toString('hex')}`;
}

/** Writes `data` to a fresh temp file, fsyncs it, and renames it over `target`. */
async function replaceWith(
  fs: AtomicFs,
  platform: NodeJS.Platform,
  target: string,
  data: string | Uint8Array,
  mode: number | undefined,
): Promise<void> {
  const temp = tempPathFor(target);
  try {
    // 'wx': fail rather than reuse a file someone else created under our temp name.
    const handle = await fs.open(temp, 'wx', mode ?? DEFAULT_FILE_MODE);
    try {
      // The umask may have removed bits the caller asked for; set exactly what was asked.
      if (mode !== undefined) await handle.chmod(mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(fs, platform, temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

async function renameWithRetry(fs: AtomicFs, platform: NodeJS.Platform, from: string, to: string): Promise<void> {
  const delays = platform === 'win32' ? WINDOWS_RENAME_RETRY_DELAYS_MS : [];
  for (let attempt = 0; ; attempt += 1) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const delay = delays[attempt];
      if (delay === undefined || !WINDOWS_TRANSIENT_RENAME_ERRORS.has(errorCode(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export async function fsyncDirectory(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!UNSUPPORTED_DIR_FSYNC_ERRORS.has(errorCode(error))) throw error;
  } finally {
    await handle?.close();
  }
}

async function readIfExists(fs: AtomicFs, file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return '';
}
