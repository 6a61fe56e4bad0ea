/**
 * LocalOrigin's HTTP surface: the real server on a free loopback port, serving a
 * temp folder of fake HLS files. Requests go through node:http with the path sent
 * byte for byte, so traversal attempts reach the server unnormalised.
 */
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalOrigin, SEGMENT_MAX_AGE_S, lanAddress, playlistMaxAgeS, resolveHlsJs } from '../../../../main/origin/local-origin';
import { endedAfterS } from '../../../../main/origin/hls-files';

const SEGMENT_S = 2;
const PLAYLIST = '#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:1\n#EXTINF:2.000000,\nsegment_000001.ts\n';
const SEGMENT = Buffer.alloc(188 * 10, 0x47);
const SECRET = 'top secret: outside the HLS folder';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function http(port: number, path: string, method = 'GET', headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // agent: false: a fresh connection each time, so a request after stop() meets the closed port, not a pooled socket.
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

let root = '';
let hlsDir = '';
let emptyDir = '';
const origin = () => new LocalOrigin({ hlsDir, segmentSeconds: SEGMENT_S });
let server: LocalOrigin;
let port = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'onair-origin-'));
  hlsDir = join(root, 'hls');
  emptyDir = join(root, 'empty');
  await mkdir(hlsDir);
  await mkdir(emptyDir);
  await writeFile(join(root, 'secret.txt'), SECRET);
  await writeFile(join(hlsDir, 'index.m3u8'), PLAYLIST);
  await writeFile(join(hlsDir, 'segment_000001.ts'), SEGMENT);
  await writeFile(join(hlsDir, 'segment_000002.ts.tmp'), 'half a segment');
  server = origin();
  ({ port } = await server.start());
});
afterAll(async () => {
  await server.stop();
  await rm(root, { recursive: true, force: true });
});

describe('start()', () => {
  it('listens on loopback and reports the playlist and watch URLs', async () => {
    const other = origin();
    const address = await other.start();
    try {
      expect(address.port).toBeGreaterThan(0);
      expect(address.url).toBe(`http://127.0.0.1:${address.port}/live/index.m3u8`);
      expect(address.watchUrl).toBe(`http://127.0.0.1:${address.port}/watch`);
      expect((await http(address.port, '/live/index.m3u8')).status).toBe(200);
    } finally {
      await other.stop();
    }
    await expect(http(address.port, '/watch')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('on the LAN binds every interface and advertises the LAN address', async () => {
    const lan = new LocalOrigin({ hlsDir, lan: true, host: '127.0.0.1' });
    const address = await lan.start();
    try {
      expect(address.watchUrl).toBe(`http://${lanAddress() ?? '127.0.0.1'}:${address.port}/watch`);
      expect((await http(address.port, '/watch')).status).toBe(200);
    } finally {
      await lan.stop();
    }
  });

  it('picks the first non-internal IPv4 address', () => {
    const nic = (address: string, family: 'IPv4' | 'IPv6', internal: boolean) =>
      ({ address, family, internal, netmask: '', mac: '', cidr: null }) as never;
    expect(lanAddress({ lo: [nic('127.0.0.1', 'IPv4', true)], eth0: [nic('fe80::1', 'IPv6', false), nic('192.168.1.20', 'IPv4', false)] })).toBe('192.168.1.20');
    expect(lanAddress({ lo: [nic('127.0.0.1', 'IPv4', true)] })).toBeNull();
  });
});

describe('GET /live/index.m3u8', () => {
  it('serves the playlist, cached for less than a segment, to any origin', async () => {
    const r = await http(port, '/live/index.m3u8');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(r.headers['cache-control']).toBe('max-age=1');
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.body.toString()).toBe(PLAYLIST);
  });

  it('keeps the cache age below the segment length', () => {
    expect([1, 2, 3, 4, 6].map(playlistMaxAgeS)).toEqual([1, 1, 1, 2, 3]);
  });

  it('answers HEAD with the headers and no body', async () => {
    const r = await http(port, '/live/index.m3u8', 'HEAD');
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe(String(PLAYLIST.length));
    expect(r.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(r.body.length).toBe(0);
  });

  it('is 404 with a clear reason, never cached, before the studio broadcasts', async () => {
    const idle = new LocalOrigin({ hlsDir: null });
    const { port: idlePort } = await idle.start();
    try {
      for (const dir of [null, emptyDir]) {
        idle.setHlsDir(dir);
        const r = await http(idlePort, '/live/index.m3u8');
        expect(r.status).toBe(404);
        expect(r.body.toString()).toBe('not live yet: the studio is not broadcasting\n');
        expect(r.headers['cache-control']).toBe('no-store');
        expect(r.headers['access-control-allow-origin']).toBe('*');
      }
      idle.setHlsDir(hlsDir);
      expect((await http(idlePort, '/live/index.m3u8')).status).toBe(200);
    } finally {
      await idle.stop();
    }
  });

  it('ends the playlist for players once the output stopped rewriting it', async () => {
    const dir = join(root, 'ended');
    await mkdir(dir);
    const file = join(dir, 'index.m3u8');
    await writeFile(file, PLAYLIST);
    const old = new Date(Date.now() - (endedAfterS(SEGMENT_S) + 1) * 1000);
    await utimes(file, old, old);
    const ended = new LocalOrigin({ hlsDir: dir, segmentSeconds: SEGMENT_S });
    const { port: endedPort } = await ended.start();
    try {
      const r = await http(endedPort, '/live/index.m3u8');
      expect(r.status).toBe(200);
      expect(r.body.toString()).toBe(`${PLAYLIST}#EXT-X-ENDLIST\n`);
    } finally {
      await ended.stop();
    }
  });
});

describe('GET /live/segment_NNNNNN.ts', () => {
  it('serves a finished segment as MPEG-TS, cached for good, with validators', async () => {
    const r = await http(port, '/live/segment_000001.ts');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('video/mp2t');
    expect(r.headers['cache-control']).toBe(`public, max-age=${SEGMENT_MAX_AGE_S}, immutable`);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['etag']).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(Date.parse(String(r.headers['last-modified']))).toBeGreaterThan(0);
    expect(r.headers['content-length']).toBe(String(SEGMENT.length));
    expect(r.body.equals(SEGMENT)).toBe(true);
  });

  it('answers HEAD with the length and no body', async () => {
    const r = await http(port, '/live/segment_000001.ts', 'HEAD');
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe(String(SEGMENT.length));
    expect(r.headers['content-type']).toBe('video/mp2t');
    expect(r.body.length).toBe(0);
  });

  it('answers a revalidation with 304 when the ETag or date matches', async () => {
    const first = await http(port, '/live/segment_000001.ts');
    const etag = String(first.headers['etag']);
    const byTag = await http(port, '/live/segment_000001.ts', 'GET', { 'If-None-Match': etag });
    expect(byTag.status).toBe(304);
    expect(byTag.body.length).toBe(0);
    expect(byTag.headers['etag']).toBe(etag);
    const byDate = await http(port, '/live/segment_000001.ts', 'GET', { 'If-Modified-Since': String(first.headers['last-modified']) });
    expect(byDate.status).toBe(304);
    expect((await http(port, '/live/segment_000001.ts', 'GET', { 'If-None-Match': '"other"' })).status).toBe(200);
  });

  it.each([
    '/live/segment_000002.ts.tmp',
    '/live/segment_000002.ts',
    '/live/../secret.txt',
    '/live/../../etc/passwd',
    '/live/%2e%2e/%2e%2e/etc/passwd',
    '/live/%2E%2E/secret.txt',
    '/live/..%2fsecret.txt',
    '/live/..%5csecret.txt',
    '/live/segment_000001.ts%00',
    '/live/./segment_000001.ts',
    '/live//segment_000001.ts',
    '/live/segment_1.ts',
    '/etc/passwd',
    '/secret.txt',
  ])('refuses %s with 404', async (path) => {
    const r = await http(port, path);
    expect(r.status).toBe(404);
    expect(r.body.toString()).not.toContain(SECRET);
    expect(r.body.toString()).not.toContain('half a segment');
    expect(r.body.toString()).not.toContain('root:');
  });
});

describe('methods and other routes', () => {
  it('answers a CORS preflight with 204 and the allowed methods', async () => {
    const r = await http(port, '/live/index.m3u8', 'OPTIONS', { Origin: 'https://example.com', 'Access-Control-Request-Method': 'GET' });
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    expect(r.body.length).toBe(0);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('refuses %s with 405', async (method) => {
    const r = await http(port, '/live/index.m3u8', method);
    expect(r.status).toBe(405);
    expect(r.headers['allow']).toBe('GET, HEAD, OPTIONS');
    expect(await readFile(join(hlsDir, 'index.m3u8'), 'utf8')).toBe(PLAYLIST);
  });

  it('redirects / to the watch page', async () => {
    const r = await http(port, '/');
    expect(r.status).toBe(302);
    expect(r.headers['location']).toBe('/watch');
  });

  it('is 404 for anything else', async () => {
    expect((await http(port, '/watch/other.js')).status).toBe(404);
    expect((await http(port, '/live/')).status).toBe(404);
    expect((await http(port, '/favicon.ico')).status).toBe(404);
  });
});

describe('GET /watch', () => {
  it('serves the page under a self-only CSP, loading hls.js and its script from the origin', async () => {
    const r = await http(port, '/watch');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("media-src 'self' blob:");
    expect(csp).toContain("worker-src blob: 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = r.body.toString();
    expect(html).toContain('<script src="/watch/hls.min.js"></script>');
    expect(html).toContain('<script src="/watch/watch.js"></script>');
    expect(html).not.toMatch(/<script>/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('serves a script that parses and names no external URL', async () => {
    const r = await http(port, '/watch/watch.js');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const script = r.body.toString();
    expect(() => new Function(script)).not.toThrow();
    expect(script).not.toMatch(/https?:\/\//);
    expect(script).toContain('/live/index.m3u8');
  });

  it('serves hls.js from node_modules', async () => {
    const file = resolveHlsJs();
    expect(file).toMatch(/hls\.js[\\/]dist[\\/]hls\.min\.js$/);
    const r = await http(port, '/watch/hls.min.js');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.body.equals(await readFile(file!))).toBe(true);
  });

  it('falls back to native HLS, and says so, when hls.js is missing', async () => {
    const bare = new LocalOrigin({ hlsDir, hlsJsFile: join(root, 'no-such-hls.min.js') });
    const { port: barePort } = await bare.start();
    try {
      const page = (await http(barePort, '/watch')).body.toString();
      expect(page).not.toContain('hls.min.js');
      expect(page).toContain('data-hlsjs="no"');
      expect((await http(barePort, '/watch/hls.min.js')).status).toBe(404);
      expect((await http(barePort, '/watch/watch.js')).body.toString()).toContain("built-in HLS player");
    } finally {
      await bare.stop();
    }
  });
});
