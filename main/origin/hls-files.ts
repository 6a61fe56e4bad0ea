/**
 * Reads what the HLS output (ffmpeg `-f hls`, see engine/outputs/output-command.ts)
 * leaves in its folder, for LocalOrigin to serve. No HTTP here: just which files
 * may be served and what state the stream is in.
 *
 * ffmpeg writes with `temp_file`: the playlist and each segment are written as
 * NAME.tmp and renamed when complete, so a name without `.tmp` is always a whole
 * file. It never writes `#EXT-X-ENDLIST` (`omit_endlist`), so a player cannot tell
 * a stream that ended from one that stalled; the origin decides from the playlist's
 * age and adds the tag itself (see readPlaylist).
 */
import type { Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

export const PLAYLIST_FILE = 'index.m3u8';
/** The only segment names served: exactly what `-hls_segment_filename segment_%06d.ts` makes. */
export const SEGMENT_FILE = /^segment_\d{6}\.ts$/;
const ENDLIST_TAG = '#EXT-X-ENDLIST';
const PLAYLIST_HEADER = '#EXTM3U';

/**
 * A playlist not rewritten for this many segment lengths belongs to a stream that
 * stopped: ffmpeg rewrites it once a segment, so three missed rewrites is no jitter.
 */
export const ENDED_AFTER_SEGMENTS = 3;
/** ...and never sooner than this, so an encoder restart (a fraction of a second) is not an ending. */
export const ENDED_AFTER_MIN_S = 6;

export type PlaylistRead =
  | { state: 'offline' }
  | { state: 'live' | 'ended'; body: Buffer; modified: Date };

/** How old (s) the playlist may be before the stream counts as ended. */
export function endedAfterS(segmentSeconds: number): number {
  return Math.max(ENDED_AFTER_MIN_S, ENDED_AFTER_SEGMENTS * segmentSeconds);
}

/**
 * The playlist and whether the stream is live. 'offline' when there is no folder,
 * no playlist, or not a playlist yet. An 'ended' playlist gets `#EXT-X-ENDLIST`,
 * so players play what is left and stop instead of waiting for ever.
 */
export async function readPlaylist(dir: string | null, segmentSeconds: number, nowMs: number = Date.now()): Promise<PlaylistRead> {
  if (dir === null) return { state: 'offline' };
  const opened = await openIfFile(join(dir, PLAYLIST_FILE));
  if (!opened) return { state: 'offline' };
  const { handle, stat } = opened;
  try {
    // One open file for both reads: ffmpeg may rename a new playlist over the name in between.
    const body = await handle.readFile();
    if (!body.subarray(0, PLAYLIST_HEADER.length).equals(Buffer.from(PLAYLIST_HEADER))) return { state: 'offline' };
    const stale = nowMs - stat.mtimeMs > endedAfterS(segmentSeconds) * 1000;
    if (!stale) return { state: 'live', body, modified: stat.mtime };
    const text = body.toString('utf8');
    if (text.includes(ENDLIST_TAG)) return { state: 'ended', body, modified: stat.mtime };
    const ended = `${text}${text.endsWith('\n') ? '' : '\n'}${ENDLIST_TAG}\n`;
    return { state: 'ended', body: Buffer.from(ended, 'utf8'), modified: stat.mtime };
  } finally {
    await handle.close();
  }
}

export interface OpenSegment {
  handle: FileHandle;
  size: number;
  modified: Date;
  /** Strong validator: a segment name is reused only if the output restarts, and then size or time differ. */
  etag: string;
}

/**
 * Opens a finished segment, or null when the name is not a segment name or the
 * file is gone (ffmpeg deletes segments that fell out of the playlist). The caller
 * owns the handle. Reading from the open handle means a deletion mid-response
 * cannot cut the body short.
 */
export async function openSegment(dir: string | null, name: string): Promise<OpenSegment | null> {
  if (dir === null || !SEGMENT_FILE.test(name)) return null;
  const opened = await openIfFile(join(dir, name));
  if (!opened) return null;
  const { handle, stat } = opened;
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  return { handle, size: stat.size, modified: stat.mtime, etag };
}

async function openIfFile(path: string): Promise<{ handle: FileHandle; stat: Stats } | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
  const stat = await handle.stat().catch(() => null);
  if (stat?.isFile()) return { handle, stat };
  await handle.close();
  return null;
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
