/**
 * What the origin may serve from the HLS folder, on real files in a temp folder:
 * the playlist's live/ended/offline state and the segment name whitelist.
 */
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENDED_AFTER_MIN_S, endedAfterS, openSegment, readPlaylist } from '../../../../main/origin/hls-files';

const SEGMENT_S = 2;
const PLAYLIST = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:4\n#EXTINF:2.000000,\nsegment_000004.ts\n';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onair-hls-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Sets a file's modification time `ageS` seconds into the past. */
async function age(file: string, ageS: number): Promise<void> {
  const then = new Date(Date.now() - ageS * 1000);
  await utimes(file, then, then);
}

describe('readPlaylist', () => {
  it('is offline with no folder, no playlist, or a file that is not a playlist', async () => {
    expect(await readPlaylist(null, SEGMENT_S)).toEqual({ state: 'offline' });
    expect(await readPlaylist(dir, SEGMENT_S)).toEqual({ state: 'offline' });
    expect(await readPlaylist(join(dir, 'missing'), SEGMENT_S)).toEqual({ state: 'offline' });
    await writeFile(join(dir, 'index.m3u8'), '<html>oops</html>');
    expect(await readPlaylist(dir, SEGMENT_S)).toEqual({ state: 'offline' });
  });

  it('serves a fresh playlist as written', async () => {
    await writeFile(join(dir, 'index.m3u8'), PLAYLIST);
    const read = await readPlaylist(dir, SEGMENT_S);
    expect(read.state).toBe('live');
    if (read.state === 'offline') throw new Error('unreachable');
    expect(read.body.toString()).toBe(PLAYLIST);
  });

  it('marks a playlist nobody rewrote for three segments as ended, once', async () => {
    const file = join(dir, 'index.m3u8');
    await writeFile(file, PLAYLIST);
    await age(file, endedAfterS(SEGMENT_S) - 2);
    expect((await readPlaylist(dir, SEGMENT_S)).state).toBe('live');
    await age(file, endedAfterS(SEGMENT_S) + 1);
    const read = await readPlaylist(dir, SEGMENT_S);
    if (read.state !== 'ended') throw new Error(`expected ended, got ${read.state}`);
    expect(read.body.toString()).toBe(`${PLAYLIST}#EXT-X-ENDLIST\n`);

    await writeFile(file, `${PLAYLIST}#EXT-X-ENDLIST\n`);
    await age(file, endedAfterS(SEGMENT_S) + 1);
    const again = await readPlaylist(dir, SEGMENT_S);
    if (again.state !== 'ended') throw new Error(`expected ended, got ${again.state}`);
    expect(again.body.toString().match(/#EXT-X-ENDLIST/g)).toHaveLength(1);
  });

  it('waits at least the minimum before calling a short-segment stream ended', () => {
    expect(endedAfterS(1)).toBe(ENDED_AFTER_MIN_S);
    expect(endedAfterS(2)).toBe(6);
    expect(endedAfterS(4)).toBe(12);
  });
});

describe('openSegment', () => {
  it('opens a finished segment with its size and a validator', async () => {
    await writeFile(join(dir, 'segment_000004.ts'), Buffer.alloc(188 * 3, 0x47));
    const segment = await openSegment(dir, 'segment_000004.ts');
    if (!segment) throw new Error('segment not opened');
    try {
      expect(segment.size).toBe(564);
      expect(segment.etag).toMatch(/^"234-[0-9a-f]+"$/);
    } finally {
      await segment.handle.close();
    }
  });

  it.each([
    'segment_000004.ts.tmp',
    'segment_4.ts',
    'segment_0000004.ts',
    'index.m3u8',
    '../segment_000004.ts',
    '..%2fsegment_000004.ts',
    'segment_000004.ts/',
    'segment_000004.ts\0',
    'SEGMENT_000004.TS',
  ])('refuses the name %j even when such a file exists', async (name) => {
    await writeFile(join(dir, 'segment_000004.ts.tmp'), 'still being written');
    await writeFile(join(dir, 'index.m3u8'), PLAYLIST);
    await writeFile(join(dir, 'segment_000004.ts'), 'whole');
    expect(await openSegment(dir, name)).toBeNull();
  });

  it('is null for a segment already deleted, a directory, or no folder', async () => {
    expect(await openSegment(dir, 'segment_000001.ts')).toBeNull();
    await mkdir(join(dir, 'segment_000002.ts'));
    expect(await openSegment(dir, 'segment_000002.ts')).toBeNull();
    expect(await openSegment(null, 'segment_000001.ts')).toBeNull();
  });
});
