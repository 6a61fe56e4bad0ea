/**
 * The browser-mode bridge with a real Studio behind it and real `ws` clients in
 * front: round trips, events, media into the engine, and the security rules.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { METHODS, MEDIA_KIND, encodeMediaHeader } from '../../preload/contract';
import { createLogger } from '../../main/engine/logger';
import { BridgeServer } from '../../main/remote/bridge/bridge-server';
import { startTestStudio, type TestStudio } from '../helpers/studio-harness';

const TOKEN = 'test-token-0123456789abcdef';
let t: TestStudio;
let server: Server;
let bridge: BridgeServer;
let fuzzBridge: BridgeServer;
let fuzzServer: Server;
let fuzzPort: number;
let port: number;
let origin: string;

beforeAll(async () => {
  t = await startTestStudio();
  await t.studio.api.setProfile({ width: 320, height: 180, videoBitrateKbps: 500, encoder: 'libx264' });
  server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  bridge = new BridgeServer({ studio: t.studio, media: t.studio, server, token: TOKEN, allowedOrigins: () => [origin], logger: createLogger('bridge-test', { level: 'error', sink: () => {} }) });
  // A second bridge with the rate limits out of the way, so the fuzz reaches the validators.
  fuzzServer = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((r) => fuzzServer.listen(0, '127.0.0.1', () => r()));
  fuzzPort = (fuzzServer.address() as { port: number }).port;
  fuzzBridge = new BridgeServer({ studio: t.studio, media: t.studio, server: fuzzServer, token: TOKEN, allowedOrigins: () => [origin], logger: createLogger('bridge-test', { level: 'error', sink: () => {} }), limits: { controlPerS: 1e6, mediaPerS: 1e6 } });
}, 30_000);
afterAll(async () => {
  await fuzzBridge.close();
  await new Promise<void>((r) => fuzzServer.close(() => r()));
  await bridge.close();
  await new Promise<void>((r) => server.close(() => r()));
  await t.close(true);
});

interface Client {
  ws: WebSocket;
  messages: Array<Record<string, unknown>>;
  call(method: string, params?: unknown): Promise<Record<string, unknown>>;
  next(predicate: (m: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

function connect(options: { token?: string | null; origin?: string | null; port?: number } = {}): Promise<Client> {
  const token = options.token === undefined ? TOKEN : options.token;
  const headers: Record<string, string> = {};
  const o = options.origin === undefined ? origin : options.origin;
  if (o) headers.Origin = o;
  const ws = new WebSocket(`ws://127.0.0.1:${options.port ?? port}/bridge${token ? `?token=${token}` : ''}`, { headers });
  const messages: Array<Record<string, unknown>> = [];
  const waiters: Array<{ p: (m: Record<string, unknown>) => boolean; r: (m: Record<string, unknown>) => void }> = [];
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as Record<string, unknown>;
    messages.push(m);
    for (const w of [...waiters]) if (w.p(m)) (waiters.splice(waiters.indexOf(w), 1), w.r(m));
  });
  let id = 0;
  const next = (p: (m: Record<string, unknown>) => boolean, timeoutMs = 10_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const found = messages.find(p);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error('no matching message')), timeoutMs);
      waiters.push({ p, r: (m) => (clearTimeout(timer), resolve(m)) });
    });
  const client: Client = {
    ws,
    messages,
    next,
    call: (method, params = {}) => {
      const myId = ++id;
      ws.send(JSON.stringify({ type: 'call', id: myId, method, params }));
      return next((m) => m.id === myId);
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('the browser-mode bridge', () => {
  it('welcomes a client with the state and then streams events', async () => {
    const c = await connect();
    c.ws.send(JSON.stringify({ type: 'hello' }));
    const welcome = await c.next((m) => m.type === 'welcome');
    expect((welcome.state as { collection: { scenes: unknown[] } }).collection.scenes.length).toBeGreaterThan(0);
    const { result } = await c.call('createScene', { name: 'From the bridge' });
    const sceneId = (result as { sceneId: string }).sceneId;
    const event = await c.next((m) => m.type === 'event' && m.event === 'state' && JSON.stringify(m.payload).includes('From the bridge'));
    expect(event).toBeTruthy();
    await c.call('setProgramScene', { sceneId });
    expect(t.studio.collection.programSceneId).toBe(sceneId);
    c.ws.close();
  });

  it('answers bad calls with coded errors and stays usable', async () => {
    const c = await connect();
    expect((await c.call('noSuchMethod')).error).toMatchObject({ code: 'UNKNOWN_METHOD' });
    expect((await c.call('createScene', { name: 42 })).error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/name/) });
    expect((await c.call('createScene', { name: 'x', extra: true })).error).toMatchObject({ code: 'BAD_REQUEST' });
    expect((await c.call('removeScene', { sceneId: 'missing' })).error).toMatchObject({ code: 'NOT_FOUND' });
    c.ws.send('{not json');
    expect(await c.next((m) => m.type === 'error' && JSON.stringify(m.error).includes('not valid JSON'))).toBeTruthy();
    expect((await c.call('getState')).result).toBeTruthy();
    c.ws.close();
  });

  it('refuses a foreign web page and a missing or wrong token', async () => {
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect({ token: null })).rejects.toThrow(/401/);
    await expect(connect({ token: 'wrong-token-0123456789abcd' })).rejects.toThrow(/401/);
  });

  it('carries media frames into the engine while live', async () => {
    await t.studio.api.goLive({});
    const c = await connect();
    const frame = new Uint8Array(320 * 180 * 1.5).fill(128);
    const pcm = new Uint8Array(480 * 4);
    const clock = t.studio.clockUs;
    const framesBefore = t.studio.live.running!.lastHealth()?.encoder?.framesOut ?? 0;
    for (let i = 0; i < 60; i++) {
      const ts = clock();
      c.ws.send(Buffer.concat([encodeMediaHeader(MEDIA_KIND.rawVideo, ts), frame]));
      for (let a = 0; a < 3; a++) c.ws.send(Buffer.concat([encodeMediaHeader(MEDIA_KIND.audio, ts + a * 10_000), pcm]));
      await new Promise((r) => setTimeout(r, 33));
    }
    expect(t.studio.liveStatus.producer).toBe('compositor');
    const health = await t.waitFor('health', (h) => (h.encoder?.framesOut ?? 0) > framesBefore + 30, 10_000);
    expect(health.encoder?.fps).toBeGreaterThan(20);
    // A malformed media message is refused without closing the connection.
    c.ws.send(Buffer.from([9, 0, 0]));
    expect(await c.next((m) => m.type === 'error' && JSON.stringify(m.error).includes('media message'))).toBeTruthy();
    c.ws.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(t.studio.liveStatus.producer).toBe('none');
    await t.studio.api.stopLive({});
  }, 30_000);

  it('answers a flood with RATE_LIMITED and serves the client again once it slows down', async () => {
    const c = await connect();
    for (let i = 0; i < 1000; i++) c.ws.send(JSON.stringify({ type: 'call', id: i, method: 'getHealth', params: {} }));
    await c.next((m) => JSON.stringify(m.error ?? '').includes('RATE_LIMITED'));
    await new Promise((r) => setTimeout(r, 2500));
    expect((await c.call('getHealth')).result).toBeTruthy();
    c.ws.close();
  }, 30_000);

  it('survives thousands of random and mutated messages without a crash or a state change', async () => {
    const before = JSON.stringify(t.studio.state());
    const c = await connect({ port: fuzzPort });
    const methods = Object.keys(METHODS).filter((m) => !/^(goLive|stopLive|startRecording|stopRecording|regenerateRemotePassword)$/.test(m));
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const junk = () => [() => rand(), () => 'x'.repeat(Math.floor(rand() * 50)), () => null, () => [], () => ({ a: rand() }), () => -1, () => true][Math.floor(rand() * 7)]!();
    for (let i = 0; i < 3000; i++) {
      const kind = i % 4;
      if (kind === 0) c.ws.send(Buffer.from(Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256))));
      else if (kind === 1) c.ws.send(String.fromCharCode(...Array.from({ length: Math.floor(rand() * 40) }, () => 32 + Math.floor(rand() * 90))));
      else {
        // Mutations of real calls: wrong ids, unknown fields, wrong types, ids that do not exist.
        const method = methods[Math.floor(rand() * methods.length)]!;
        c.ws.send(JSON.stringify({ type: rand() < 0.9 ? 'call' : junk(), id: rand() < 0.9 ? i : junk(), method, params: { sceneId: 'sc_nope', id: junk(), name: junk(), [String(junk())]: junk() } }));
      }
      if (i % 200 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    const alive = await c.call('getState');
    // Every call got an answer, and every answer to a mutated call was an error.
    expect(c.messages.filter((m) => m.type === 'result').length).toBe(1);
    expect(alive.result).toBeTruthy();
    expect(JSON.stringify(t.studio.state().collection)).toBe(JSON.stringify(JSON.parse(before).collection));
    c.ws.close();
  }, 60_000);
});
