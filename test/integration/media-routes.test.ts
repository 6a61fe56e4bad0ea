/**
 * Browser mode's media library over real HTTP (main/remote/media-routes.ts): only
 * the studio's page with the session token may add a file; anyone with an id may
 * read it, in whole or by byte range (how a <video> seeks and loops); nothing
 * outside the library can be named.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../main/engine/logger';
import { createMediaRoutes } from '../../main/remote/media-routes';
import { MediaLibrary } from '../../main/studio/media/media-library';

const TOKEN = 'session-token-for-the-test';
let dir: string;
let server: Server;
let base: string;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onair-media-routes-'));
  const routes = createMediaRoutes({ library: new MediaLibrary(join(dir, 'media')), token: TOKEN, allowedOrigins: () => [origin], logger: createLogger('test', { level: 'error' }) });
  server = createServer((req, res) => {
    void routes(req, res).then((handled) => {
      if (!handled) res.writeHead(418).end('not media');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  origin = base;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

const CLIP = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
const add = (name: string, body: Buffer, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}`, Origin: origin }) =>
  fetch(`${base}/media?name=${encodeURIComponent(name)}`, { method: 'POST', body: new Uint8Array(body), headers });

describe('media routes', () => {
  it('adds a file for the studio page with the token, and serves it back whole and by range', async () => {
    const added = await add('clip.webm', CLIP);
    expect(added.status).toBe(201);
    const { src } = (await added.json()) as { src: string };
    expect(src).toBe(`studio-media:${createHash('sha256').update(CLIP).digest('hex')}.webm`);
    const url = `${base}/media/${src.slice('studio-media:'.length)}`;

    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/webm');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(CLIP)).toBe(true);

    const part = await fetch(url, { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(Buffer.from(await part.arrayBuffer()).equals(CLIP.subarray(100, 200))).toBe(true);

    const tail = await fetch(url, { headers: { Range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(CLIP.subarray(990))).toBe(true);

    const beyond = await fetch(url, { headers: { Range: 'bytes=5000-' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');

    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('1000');
  });

  it('refuses to add without the token, from another page, or without a name, and says why', async () => {
    const noToken = await add('a.png', CLIP, { Origin: origin });
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as { error: string }).error).toMatch(/open the studio from the URL it printed/);
    const wrongToken = await add('a.png', CLIP, { Authorization: 'Bearer nope', Origin: origin });
    expect(wrongToken.status).toBe(401);
    const elsewhere = await add('a.png', CLIP, { Authorization: `Bearer ${TOKEN}`, Origin: 'https://evil.example' });
    expect(elsewhere.status).toBe(403);
    expect(((await elsewhere.json()) as { error: string }).error).toMatch(/https:\/\/evil\.example/);
    const unnamed = await fetch(`${base}/media`, { method: 'POST', body: new Uint8Array(CLIP), headers: { Authorization: `Bearer ${TOKEN}`, Origin: origin } });
    expect(unnamed.status).toBe(400);
    const wrongKind = await add('tool.exe', CLIP);
    expect(wrongKind.status).toBe(400);
    expect(((await wrongKind.json()) as { error: string }).error).toMatch(/"tool\.exe" is not a picture or media file/);
  });

  it('names nothing outside the library, and leaves other paths to the UI', async () => {
    for (const path of ['/media/..%2f..%2fetc%2fpasswd', '/media/%2e%2e%2fsettings.json', `/media/${'a'.repeat(64)}.png%2f..%2f..%2fx`]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(400);
    }
    expect((await fetch(`${base}/media/${'c'.repeat(64)}.png`)).status).toBe(404);
    expect((await fetch(`${base}/media`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(`${base}/mediafile`)).status).toBe(418);
    expect((await fetch(`${base}/index.html`)).status).toBe(418);
  });
});
