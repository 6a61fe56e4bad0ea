/**
 * The self-hosted recipe end to end (resources/origin/): the studio (`onair
 * broadcast`, built fresh) goes live to the origin over RTMP and by HLS push at
 * once; viewers read both through the caching edge. Started with the recipe's
 * own script, exactly as docs/self-hosting.md tells a person to.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFfmpeg, startTool, testPushArgs, type RunningTool } from '../helpers/ffmpeg-process';
import { probeStreams } from '../helpers/ffprobe';
import { segmentUrl, type HlsSegment } from '../helpers/hls-playlist';
import { isAlive } from '../helpers/processes';
import { SelfHostedOrigin, fetchPlaylist, waitForPlaylist } from '../helpers/self-hosted-origin';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CAM = { name: 'cam', key: 'cam-key-0123456789' };
const GUEST = { name: 'guest', key: 'guest-key-0123456789' };
const SEGMENT_S = 2;
const SIZE = { width: 640, height: 360 };
/** Bounds the broadcast; the last test stops it long before. */
const BROADCAST_MAX_S = 60;
const FIRST_SEGMENTS = 3;
const PLAYLIST_WAIT_MS = 20_000;
const FRESH_SEGMENT_WAIT_MS = 3 * SEGMENT_S * 1000;
const BURST_VIEWERS = 20;
const FRESHNESS_SAMPLES = 2;
/** Beyond one segment: two polls, the stale answer and a loaded 2-core machine. */
const FRESHNESS_MARGIN_MS = 500;
const FRESHNESS_POLL_MS = 50;
/** The studio lists 6 segments and keeps 2 more before it DELETEs one: 9 segments in. */
/** A 404 is kept 1 s, which nginx's whole-second clock makes up to 2 s. */
const NOT_FOUND_TTL_MAX_MS = 2_500;
const DELETE_WAIT_MS = 30_000;
const DELETED_WAIT_MS = 2_000;
const POLL_MS = 100;
const REFUSED_PUSH_TIMEOUT_MS = 20_000;
const FFMPEG_FAILED_EXIT_CODE = 1;

let origin: SelfHostedOrigin;
let studio: RunningTool;
let workDir: string;
let cliPath: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'onair-self-hosted-'));
  // The bundle `npm run build` makes, built fresh so the test runs the current source.
  cliPath = join(ROOT, 'dist', 'test', `onair-origin-${process.pid}.js`);
  const [started] = await Promise.all([
    SelfHostedOrigin.start({ streams: [CAM, GUEST] }),
    build({ entryPoints: [join(ROOT, 'main/cli/onair.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: cliPath, logLevel: 'warning' }),
  ]);
  origin = started;
  const cam = origin.stream(CAM.name);
  studio = startTool(
    process.execPath,
    [cliPath, 'broadcast', '--source', 'testcard', '--duration', String(BROADCAST_MAX_S), '--size', `${SIZE.width}x${SIZE.height}`,
      '--bitrate', '1000', '--keyint', String(SEGMENT_S), '--encoder', 'libx264', '--to', cam.rtmpPublishUrl, '--hls-put', cam.pushUrl],
    (BROADCAST_MAX_S + 30) * 1000,
  );
}, 60_000);

afterAll(async () => {
  studio?.child.kill('SIGINT');
  await studio?.done;
  await origin?.stop();
  await rm(cliPath ?? '', { force: true });
  await rm(workDir, { recursive: true, force: true });
});

const routes = [
  { route: 'RTMP ingest', prefix: 'live' },
  { route: 'HLS push', prefix: 'push' },
] as const;

describe.each(routes)('studio -> $route -> origin -> edge', ({ prefix }) => {
  const edgePlaylist = (): string => `${origin.info.edgeUrl}/${prefix}/${CAM.name}/index.m3u8`;
  const originPlaylist = (): string => `${origin.info.originUrl}/${prefix}/${CAM.name}/index.m3u8`;

  /** The newest segment on the origin that nobody has fetched through the edge yet. */
  async function freshSegment(): Promise<{ path: string; edgeUrl: string }> {
    const deadline = Date.now() + FRESH_SEGMENT_WAIT_MS;
    for (;;) {
      const newest: HlsSegment | undefined = (await fetchPlaylist(originPlaylist())).segments.at(-1);
      if (newest !== undefined) {
        const path = new URL(segmentUrl(originPlaylist(), newest)).pathname;
        if ((await origin.originGets(path)) === 0) return { path, edgeUrl: `${origin.info.edgeUrl}${path}` };
      }
      if (Date.now() > deadline) throw new Error(`no unfetched segment on ${originPlaylist()} within ${FRESH_SEGMENT_WAIT_MS} ms`);
      await delay(POLL_MS);
    }
  }

  /** The origin logs a request once it has sent the answer, a moment after the edge relays it. */
  async function originGetsSettled(path: string): Promise<number> {
    const deadline = Date.now() + 2_000;
    while ((await origin.originGets(path)) === 0 && Date.now() < deadline) await delay(POLL_MS);
    return origin.originGets(path);
  }

  it('plays through the edge: H.264 + AAC in segments one keyframe interval long', async () => {
    const playlist = await waitForPlaylist(edgePlaylist(), FIRST_SEGMENTS, PLAYLIST_WAIT_MS);
    expect(playlist.targetDurationS).toBe(SEGMENT_S);
    for (const segment of playlist.segments) expect(segment.durationS).toBeCloseTo(SEGMENT_S, 1);

    const probed = await probeStreams(edgePlaylist());
    expect(probed.video).toMatchObject({ codec: 'h264', ...SIZE });
    expect(probed.audio).toMatchObject({ codec: 'aac', sampleRate: 48_000, channels: 2 });

    const response = await fetch(edgePlaylist());
    expect(response.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(response.headers.get('cache-control')).toBe('public, max-age=1');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('fetches a segment from the origin once; the second fetch is a cache HIT', async () => {
    const segment = await freshSegment();
    const first = await fetch(segment.edgeUrl);
    const firstBody = Buffer.from(await first.arrayBuffer());
    const second = await fetch(segment.edgeUrl);
    const secondBody = Buffer.from(await second.arrayBuffer());

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.headers.get('x-cache-status')).toBe('MISS');
    expect(second.headers.get('x-cache-status')).toBe('HIT');
    expect(secondBody.equals(firstBody)).toBe(true);
    expect(firstBody.length).toBeGreaterThan(10_000);
    expect(second.headers.get('content-type')).toBe('video/mp2t');
    expect(second.headers.get('cache-control')).toBe('public, max-age=3600, immutable');
    expect(await originGetsSettled(segment.path)).toBe(1);
  });

  it(`makes one origin request for a burst of ${BURST_VIEWERS} viewers asking for a new segment`, async () => {
    const segment = await freshSegment();
    const answers = await Promise.all(
      Array.from({ length: BURST_VIEWERS }, async () => {
        const response = await fetch(segment.edgeUrl);
        return { status: response.status, cache: response.headers.get('x-cache-status'), body: Buffer.from(await response.arrayBuffer()) };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(answers.filter((a) => a.cache === 'MISS')).toHaveLength(1);
    for (const answer of answers) expect(answer.body.equals(answers[0]!.body)).toBe(true);
    expect(await originGetsSettled(segment.path)).toBe(1);
  });

  it('lists a new segment at the edge within one segment of the origin listing it', async () => {
    // nginx keeps a max-age=1 playlist until its whole-second clock has moved on
    // twice (1-2 s), then serves the old copy once while it refreshes.
    const newestAt = async (url: string): Promise<number> => (await fetchPlaylist(url)).segments.at(-1)?.sequence ?? -1;
    const delaysMs: number[] = [];
    for (let i = 0; i < FRESHNESS_SAMPLES; i++) {
      const known = await newestAt(originPlaylist());
      await pollUntil(async () => (await newestAt(originPlaylist())) > known, FRESH_SEGMENT_WAIT_MS);
      const listedAtOrigin = Date.now();
      await pollUntil(async () => (await newestAt(edgePlaylist())) > known, FRESH_SEGMENT_WAIT_MS);
      delaysMs.push(Date.now() - listedAtOrigin);
    }
    expect(Math.max(...delaysMs)).toBeLessThanOrEqual(SEGMENT_S * 1000 + FRESHNESS_MARGIN_MS);
  });
});

describe('stream keys', () => {
  it('refuses an RTMP publisher with a wrong or missing key, and takes the right one', async () => {
    const rtmp = origin.info.rtmpUrl;
    const push = (url: string): ReturnType<typeof runFfmpeg> => runFfmpeg(testPushArgs({ url, durationS: 1 }), REFUSED_PUSH_TIMEOUT_MS);
    const refusals = await Promise.all([
      push(`${rtmp}/${GUEST.name}?key=not-the-key-123`),
      push(`${rtmp}/${GUEST.name}`),
      // A real key, but another stream's.
      push(`${rtmp}/${CAM.name}-2?key=${GUEST.key}`),
    ]);
    for (const refused of refusals) {
      expect(refused.code, refused.stderr).toBe(FFMPEG_FAILED_EXIT_CODE);
      expect(refused.stderr).toContain('Input/output error');
    }
    const accepted = await push(`${rtmp}/${GUEST.name}?key=${GUEST.key}`);
    expect(accepted.code, accepted.stderr).toBe(0);
    const log = await origin.originAccessLog();
    expect(log.filter((line) => line.includes('/auth/publish?') && line.includes('" 403 '))).toHaveLength(3);
    expect(log.filter((line) => line.includes('/auth/publish?') && line.includes(`name=${GUEST.name}&`) && line.includes('" 204 '))).toHaveLength(1);
  });

  it('refuses an HLS push without the key, into another stream, or through the edge', async () => {
    const file = `/push/${CAM.name}/segment_999999.ts`;
    const put = (base: string, path: string, user: string, key: string): Promise<number> =>
      fetch(`${base}${path}`, { method: 'PUT', body: 'not a segment', headers: { authorization: `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}` } }).then((r) => r.status);
    const { originUrl, edgeUrl } = origin.info;

    expect(await fetch(`${originUrl}${file}`, { method: 'PUT', body: 'x' }).then((r) => r.status)).toBe(401);
    expect(await put(originUrl, file, CAM.name, 'not-the-key-123')).toBe(401);
    expect(await put(originUrl, `/push/${GUEST.name}/segment_999999.ts`, CAM.name, CAM.key)).toBe(403);
    expect(await put(edgeUrl, file, CAM.name, CAM.key)).toBe(403);
    expect(await fetch(`${originUrl}${file}`).then((r) => r.status)).toBe(404);
    expect(await fetch(`${originUrl}/push/${GUEST.name}/segment_999999.ts`).then((r) => r.status)).toBe(404);
  });
});

describe('edge cache rules', () => {
  it('keeps a 404 for a segment that does not exist yet for about a second, not an hour', async () => {
    // Segment names are predictable; a long-cached 404 would let anyone blank one out in advance.
    const path = `/push/${CAM.name}/early-${process.pid}.ts`;
    const early = await fetch(`${origin.info.edgeUrl}${path}`);
    expect(early.status).toBe(404);
    expect(early.headers.get('cache-control')).toBeNull();
    expect(early.headers.get('access-control-allow-origin')).toBe('*');

    const authorization = `Basic ${Buffer.from(`${CAM.name}:${CAM.key}`).toString('base64')}`;
    const put = await fetch(`${origin.info.originUrl}${path}`, { method: 'PUT', body: 'late segment', headers: { authorization } });
    expect(put.status).toBe(201);
    const putAt = Date.now();
    await pollUntil(async () => (await fetch(`${origin.info.edgeUrl}${path}`)).status === 200, NOT_FOUND_TTL_MAX_MS);
    expect(Date.now() - putAt).toBeLessThanOrEqual(NOT_FOUND_TTL_MAX_MS);
  });
});

describe('HLS push housekeeping', () => {
  it('lets the studio DELETE segments that have left its playlist', async () => {
    const deadline = Date.now() + DELETE_WAIT_MS;
    const deleted = async (): Promise<string | undefined> =>
      (await origin.originAccessLog()).find((line) => / cam \[.*"DELETE \/push\/cam\/segment_\d+\.ts HTTP\/1\.1" /.test(line));
    let line = await deleted();
    while (line === undefined && Date.now() < deadline) {
      await delay(POLL_MS * 5);
      line = await deleted();
    }
    expect(line, 'no DELETE from the studio within the wait').toBeDefined();
    const path = /DELETE (\S+)/.exec(line!)![1]!;
    // Logged when ffmpeg hung up; the file goes a moment later.
    await pollUntil(async () => (await fetch(`${origin.info.originUrl}${path}`)).status === 404, DELETED_WAIT_MS);
  });
});

describe('shutdown', () => {
  it('the studio stops on Ctrl-C; the script then stops both nginx and removes its run dir', async () => {
    studio.child.kill('SIGINT');
    const result = await studio.done;
    expect(result.code, result.stderr.slice(-2000)).toBe(0);

    const { pids, dir } = origin.info;
    expect(await origin.stop()).toBe(0);
    expect(isAlive(pids.origin)).toBe(false);
    expect(isAlive(pids.edge)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });
});

async function pollUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await delay(FRESHNESS_POLL_MS);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
