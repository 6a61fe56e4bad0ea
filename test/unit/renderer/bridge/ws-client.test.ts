/**
 * The WebSocket client against real WebSocket servers: a scripted `ws` server
 * (to drive every message kind and a dropped connection), and the studio's own
 * BridgeServer with a fake studio behind it (to prove the two speak the same protocol).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { MEDIA_KIND, StudioError, encodeMediaHeader, type EventName, type EventPayload, type StudioApi } from '../../../../preload/contract';
import { BridgeServer } from '../../../../main/remote/bridge/bridge-server';
import type { Logger } from '../../../../main/engine/logger';
import type { StudioPort } from '../../../../main/studio/studio-port';
import { WsStudioClient, bridgeUrlFromLocation } from '../../../../renderer/bridge/ws-client';
import type { ConnectionState } from '../../../../renderer/bridge/studio-client';
import { healthFixture, outputFixture, studioStateFixture } from '../../../helpers/studio-fixtures';

const createSocket = (url: string) => new WebSocket(url);
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A `ws` server that records what clients send; the test scripts the replies. */
async function scriptedServer() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const received: Array<{ text?: unknown; binary?: number[] }> = [];
  const sockets: ServerSocket[] = [];
  const arrivals: Array<() => void> = [];
  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      received.push(isBinary ? { binary: [...data] } : { text: JSON.parse(data.toString()) });
      for (const a of arrivals.splice(0)) a();
    });
  });
  cleanups.push(() => {
    for (const ws of sockets) ws.terminate();
    return new Promise<void>((r) => wss.close(() => r()));
  });
  const port = (wss.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/bridge?token=t`,
    received,
    sockets,
    send: (ws: ServerSocket, message: unknown) => ws.send(JSON.stringify(message)),
    /** Resolves when `predicate` holds for what was received. */
    until: async (predicate: () => boolean) => {
      while (!predicate()) await new Promise<void>((r) => arrivals.push(r));
    },
  };
}

function connected(client: WsStudioClient): Promise<void> {
  if (client.connection === 'open') return Promise.resolve();
  return new Promise((resolve) => {
    const off = client.onConnection((s) => {
      if (s !== 'open') return;
      off();
      resolve();
    });
  });
}

function nextEvent<E extends EventName>(client: WsStudioClient, event: E): Promise<EventPayload<E>> {
  return new Promise((resolve) => {
    const off = client.on(event, (p) => {
      off();
      resolve(p);
    });
  });
}

function newClient(url: string, extra: Partial<ConstructorParameters<typeof WsStudioClient>[0]> = {}) {
  const client = new WsStudioClient({ url, createSocket, reconnectInitialMs: 20, reconnectMaxMs: 100, warn: () => undefined, ...extra });
  cleanups.push(() => client.close());
  return client;
}

describe('WsStudioClient with a scripted server', () => {
  it('says hello on open, then routes results and errors to the calls that made them', async () => {
    const server = await scriptedServer();
    const client = newClient(server.url);
    await connected(client);
    await server.until(() => server.received.length >= 1);
    expect(server.received[0]).toEqual({ text: { type: 'hello' } });

    const first = client.call('createScene', { name: 'Intro' });
    const second = client.call('goLive', {});
    await server.until(() => server.received.length >= 3);
    const [a, b] = server.received.slice(1).map((m) => m.text as { id: number; method: string; params: unknown });
    expect(a).toMatchObject({ type: 'call', method: 'createScene', params: { name: 'Intro' } });
    expect(b).toMatchObject({ type: 'call', method: 'goLive', params: {} });
    const ws = server.sockets[0]!;
    // Answered out of order: each answer must find its own call.
    server.send(ws, { type: 'error', id: b!.id, error: { code: 'CONFLICT', message: 'You are already live.', detail: 'x' } });
    server.send(ws, { type: 'result', id: a!.id, result: { sceneId: 'sc_7' } });
    await expect(first).resolves.toEqual({ sceneId: 'sc_7' });
    await expect(second).rejects.toMatchObject({ name: 'StudioClientError', code: 'CONFLICT', message: 'You are already live.', detail: 'x' });
  });

  it('delivers the welcome state and valid events; drops invalid events with a warning', async () => {
    const server = await scriptedServer();
    const warn = vi.fn();
    const client = newClient(server.url, { warn });
    const outputs: unknown[] = [];
    client.on('output', (o) => outputs.push(o));
    const state = nextEvent(client, 'state');
    await connected(client);
    await server.until(() => server.received.length >= 1);
    const ws = server.sockets[0]!;
    server.send(ws, { type: 'welcome', contractVersion: 1, state: studioStateFixture() });
    expect((await state).collection.scenes.map((s) => s.name)).toEqual(['Live', 'Starting soon']);

    server.send(ws, { type: 'event', event: 'output', payload: { id: 'local', state: 'on fire' } });
    server.send(ws, { type: 'event', event: 'output', payload: outputFixture({ state: 'failed', lastError: 'refused' }) });
    const health = nextEvent(client, 'health');
    server.send(ws, { type: 'event', event: 'health', payload: healthFixture() });
    expect(await health).toEqual(healthFixture());
    // Messages arrive in order, so the two output events were handled before health.
    expect(outputs).toEqual([outputFixture({ state: 'failed', lastError: 'refused' })]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"output"'));
  });

  it('fails calls in flight when the connection drops, then reconnects and says hello again', async () => {
    const server = await scriptedServer();
    const client = newClient(server.url);
    const states: ConnectionState[] = [];
    client.onConnection((s) => states.push(s));
    await connected(client);
    const call = client.call('stopLive', {});
    await server.until(() => server.received.length >= 2);
    server.sockets[0]!.terminate();
    await expect(call).rejects.toMatchObject({ code: 'DISCONNECTED' });
    await expect(client.call('stopLive', {})).rejects.toMatchObject({ code: 'DISCONNECTED' });

    await server.until(() => server.received.filter((m) => (m.text as { type?: string })?.type === 'hello').length >= 2);
    await connected(client);
    expect(states).toEqual(['open', 'closed', 'connecting', 'open']);
    expect(server.sockets).toHaveLength(2);
  });

  it('sends a media message as one binary frame: header then payload', async () => {
    const server = await scriptedServer();
    const client = newClient(server.url);
    expect(client.sendMedia([Uint8Array.of(1)])).toBe(false); // not connected yet: dropped, not queued
    await connected(client);
    const header = encodeMediaHeader(MEDIA_KIND.audio, 1000);
    expect(client.sendMedia([header, Uint8Array.of(7, 8, 9)])).toBe(true);
    await server.until(() => server.received.some((m) => m.binary));
    expect(server.received.find((m) => m.binary)?.binary).toEqual([...header, 7, 8, 9]);
  });

  it('keeps retrying with growing delays while the server is down', async () => {
    const server = await scriptedServer();
    const url = server.url;
    await cleanups.pop()?.(); // close the server now: nothing listens on the port
    const attempts: number[] = [];
    const countingFactory = (u: string) => {
      attempts.push(Date.now());
      return new WebSocket(u);
    };
    const client = newClient(url, { createSocket: countingFactory, reconnectInitialMs: 10, reconnectMaxMs: 80 });
    await vi.waitFor(() => expect(attempts.length).toBeGreaterThanOrEqual(5), { timeout: 5_000 });
    expect(client.connection).not.toBe('open');
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    // 10, 20, 40, 80 ms: later gaps are longer than the first (timers only ever run late).
    expect(gaps[3]!).toBeGreaterThanOrEqual(75);
  });
});

describe('bridgeUrlFromLocation', () => {
  it('uses the page host and its token', () => {
    expect(bridgeUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:7420', search: '?token=a+b/c' })).toBe('ws://127.0.0.1:7420/bridge?token=a%20b%2Fc');
    expect(bridgeUrlFromLocation({ protocol: 'https:', host: 'h', search: '' })).toBe('wss://h/bridge?token=');
  });
});

describe('WsStudioClient against the studio BridgeServer', () => {
  const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

  async function bridge(fakeStudioApi: Partial<StudioApi>) {
    const listeners = new Map<EventName, Set<(p: never) => void>>();
    const fakeStudio: StudioPort = {
      api: { getState: async () => studioStateFixture(), ...fakeStudioApi } as StudioApi,
      on(event, listener) {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        const entry = listener as (p: never) => void;
        set.add(entry);
        return () => {
          set.delete(entry);
        };
      },
    };
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const media: unknown[] = [];
    const b = new BridgeServer({ studio: fakeStudio, media: { pushMedia: (m) => media.push(m), producerGone() {} }, server, token: 'secret', allowedOrigins: () => [], logger: silent });
    cleanups.push(async () => {
      await b.close();
      await new Promise<void>((r) => server.close(() => r()));
    });
    const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
      for (const l of listeners.get(event) ?? []) (l as (p: EventPayload<E>) => void)(payload);
    };
    return { url: (token: string) => `ws://127.0.0.1:${port}/bridge?token=${token}`, emit, media };
  }

  it('gets the welcome state, calls through, gets coded errors and events', async () => {
    const b = await bridge({
      createScene: async ({ name }) => ({ sceneId: `sc_${name.length}` }),
      stopLive: async () => {
        throw new StudioError('CONFLICT', 'You are not live.');
      },
    });
    const client = newClient(b.url('secret'));
    const state = nextEvent(client, 'state');
    await connected(client);
    expect((await state).live.streaming).toBe('offline');
    await expect(client.call('createScene', { name: 'Intro' })).resolves.toEqual({ sceneId: 'sc_5' });
    await expect(client.call('stopLive', {})).rejects.toMatchObject({ code: 'CONFLICT', message: 'You are not live.' });
    // Params the contract refuses are refused by the bridge, with the reason.
    await expect(client.call('createScene', { name: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const health = nextEvent(client, 'health');
    b.emit('health', healthFixture({ rating: 'warning', reasons: ['The encoder is behind.'] }));
    expect((await health).reasons).toEqual(['The encoder is behind.']);
    client.sendMedia([encodeMediaHeader(MEDIA_KIND.audio, 5), Uint8Array.of(1, 2)]);
    await vi.waitFor(() => expect(b.media).toHaveLength(1));
  });

  it('never opens with a wrong token', async () => {
    const b = await bridge({});
    const client = newClient(b.url('wrong'));
    const states: ConnectionState[] = [];
    client.onConnection((s) => states.push(s));
    await vi.waitFor(() => expect(states).toContain('closed'));
    expect(states).not.toContain('open');
    await expect(client.call('getState', {})).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });
});
