/**
 * What the obs-websocket server refuses, and how: browser origins at the
 * upgrade, anything before Identify, oversized and malformed messages, protocol
 * violations (each with the spec's close code), and floods. After each, the
 * server keeps serving everyone else.
 */
import { encode } from '@msgpack/msgpack';
import { OBSWebSocket } from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../main/engine/logger';
import { MAX_CONTROL_MESSAGE_BYTES } from '../../main/remote/ws-guard';
import { ObsWebSocketServer } from '../../main/remote/obs/obs-server';
import { CloseCode, RequestStatus } from '../../main/remote/obs/protocol';
import { STUDIO_UI_ORIGIN, TEST_PASSWORD, startObsTestServer, type ObsTestServer } from '../helpers/obs-test-server';
import { RawClient } from '../helpers/raw-ws-client';

let t: ObsTestServer;
/** A client that stays connected through every test: each refusal must leave it working. */
let bystander: OBSWebSocket;

async function identified(protocol: string | null = 'obswebsocket.json'): Promise<RawClient> {
  const raw = await RawClient.connect(t.url, { protocol });
  await raw.identify(TEST_PASSWORD);
  return raw;
}

async function bystanderStillWorks(): Promise<void> {
  expect((await bystander.call('GetVersion')).rpcVersion).toBe(1);
}

beforeAll(async () => {
  t = await startObsTestServer();
  bystander = new OBSWebSocket();
  await bystander.connect(t.url, TEST_PASSWORD);
});

afterAll(async () => {
  await bystander.disconnect();
  await t.stop();
  expect(t.logs.map((r) => r.message).join('\n')).not.toContain(TEST_PASSWORD);
  expect(t.calls.filter((c) => !c.valid)).toEqual([]);
});

describe('before the upgrade', () => {
  it('refuses a browser Origin that is not the studio UI with HTTP 403', async () => {
    await expect(RawClient.connect(t.url, { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(RawClient.connect(t.url, { origin: 'null' })).rejects.toThrow('HTTP 403');
    expect(t.logs.some((r) => r.level === 'warn' && r.message.includes('evil.example'))).toBe(true);
  });

  it("lets the studio's own UI origin in (it still has to authenticate)", async () => {
    const raw = await RawClient.connect(t.url, { origin: STUDIO_UI_ORIGIN });
    await raw.identify(TEST_PASSWORD);
    expect((await raw.request('GetVersion'))?.requestStatus).toMatchObject({ result: true });
    raw.close();
  });

  it('answers plain HTTP with 426 Upgrade Required', async () => {
    const res = await fetch(`http://127.0.0.1:${t.port}/`);
    expect(res.status).toBe(426);
  });
});

describe('protocol violations close with the spec code', () => {
  it.each<[string, (raw: RawClient) => void, number]>([
    ['a Request before Identify', (raw) => raw.send({ op: 6, d: { requestType: 'GetVersion', requestId: '1' } }), CloseCode.NotIdentified],
    ['Reidentify before Identify', (raw) => raw.send({ op: 3, d: {} }), CloseCode.NotIdentified],
    ['a wrong authentication (checked before the rpcVersion)', (raw) => raw.send({ op: 1, d: { rpcVersion: 2, authentication: 'x' } }), CloseCode.AuthenticationFailed],
    ['Identify without authentication', (raw) => raw.send({ op: 1, d: { rpcVersion: 1 } }), CloseCode.AuthenticationFailed],
    ['a 4.x client', (raw) => raw.send({ 'request-type': 'GetVersion', 'message-id': '1' }), CloseCode.UnsupportedRpcVersion],
    ['malformed JSON', (raw) => raw.sendRaw('{"op":1,"d":'), CloseCode.MessageDecodeError],
    ['a binary frame on a JSON session', (raw) => raw.sendRaw(encode({ op: 1, d: { rpcVersion: 1 } })), CloseCode.MessageDecodeError],
    ['a message without op', (raw) => raw.send({ d: {} }), CloseCode.UnknownOpCode],
    ['a message without d', (raw) => raw.send({ op: 1 }), CloseCode.MissingDataField],
    ['d that is not an object', (raw) => raw.send({ op: 1, d: [1] }), CloseCode.InvalidDataFieldType],
  ])('%s', async (_what, misbehave, code) => {
    const raw = await RawClient.connect(t.url);
    await raw.next((f) => f.op === 0);
    misbehave(raw);
    expect((await raw.closed).code).toBe(code);
    await bystanderStillWorks();
  });

  it.each<[string, Record<string, unknown>, number]>([
    ['Identify twice', { op: 1, d: { rpcVersion: 1 } }, CloseCode.AlreadyIdentified],
    ['an opcode clients may not send', { op: 7, d: {} }, CloseCode.UnknownOpCode],
    ['a Request without requestId', { op: 6, d: { requestType: 'GetVersion' } }, CloseCode.MissingDataField],
    ['a Request whose requestType is a number', { op: 6, d: { requestType: 1, requestId: 'a' } }, CloseCode.InvalidDataFieldType],
    ['a RequestBatch of the None type', { op: 8, d: { requestId: 'a', requests: [], executionType: -1 } }, CloseCode.InvalidDataFieldValue],
  ])('after Identify: %s', async (_what, message, code) => {
    const raw = await identified();
    raw.send(message);
    expect((await raw.closed).code).toBe(code);
    await bystanderStillWorks();
  });

  it('with a password set, an unsupported rpcVersion after good auth closes 4010', async () => {
    const raw = await RawClient.connect(t.url);
    await expect(raw.identify(TEST_PASSWORD, { rpcVersion: 2 })).rejects.toThrow('not Identified');
    expect((await raw.closed).code).toBe(CloseCode.UnsupportedRpcVersion);
  });

  it('a text frame on a msgpack session closes 4002', async () => {
    const raw = await identified('obswebsocket.msgpack');
    expect(raw.binary).toBe(true);
    raw.sendRaw('{"op":6}');
    expect((await raw.closed).code).toBe(CloseCode.MessageDecodeError);
  });
});

describe('connections', () => {
  it('closes a client that never identifies with 4007', async () => {
    const quick = await startObsTestServer({ limits: { identifyTimeoutMs: 200 } });
    try {
      const raw = await RawClient.connect(quick.url);
      expect(await raw.next((f) => f.op === 0)).not.toBeNull();
      expect((await raw.closed).code).toBe(CloseCode.NotIdentified);
    } finally {
      await quick.stop();
    }
  });

  it('refuses connections past the cap with HTTP 503, and takes one again when a slot frees', async () => {
    const small = await startObsTestServer({ limits: { maxConnections: 1 } });
    try {
      const first = await RawClient.connect(small.url);
      await expect(RawClient.connect(small.url)).rejects.toThrow('HTTP 503');
      first.close();
      await first.closed;
      await vi.waitFor(() => expect(small.server.connectionCount).toBe(0));
      const again = await RawClient.connect(small.url);
      await again.identify(TEST_PASSWORD);
      again.close();
    } finally {
      await small.stop();
    }
  });

  it('fails to start on a port already taken, cleanly, and can start once it is free', async () => {
    const taken = new ObsWebSocketServer({ studio: t.studio, port: t.port, host: '127.0.0.1', password: null, allowedOrigins: [], logger: createLogger('taken', { sink: () => undefined }) });
    await expect(taken.start()).rejects.toThrow(/EADDRINUSE/);
    expect(taken.connectionCount).toBe(0);
    await bystanderStillWorks();
  });

  it('closes every client with 1001 when the server stops', async () => {
    const stopping = await startObsTestServer();
    const raw = await RawClient.connect(stopping.url);
    await raw.identify(TEST_PASSWORD);
    await stopping.stop();
    expect((await raw.closed).code).toBe(1001);
    await expect(RawClient.connect(stopping.url)).rejects.toThrow();
  });
});

describe('size and rate', () => {
  it('closes a client that sends more than 1 MiB (1009, Message Too Big), and keeps serving', async () => {
    const raw = await identified();
    raw.sendRaw(JSON.stringify({ op: 6, d: { requestType: 'GetVersion', requestId: 'big', requestData: { pad: 'x'.repeat(MAX_CONTROL_MESSAGE_BYTES) } } }));
    expect((await raw.closed).code).toBe(1009);
    await bystanderStillWorks();
    const next = await identified();
    expect((await next.request('GetVersion'))?.requestStatus).toMatchObject({ result: true });
    next.close();
  });

  it('answers a flood with NotReady (207), then disconnects a client that keeps at it', async () => {
    const limited = await startObsTestServer({ limits: { messagesPerSecond: 5, burst: 10 } });
    try {
      const raw = await RawClient.connect(limited.url);
      await raw.identify(TEST_PASSWORD);
      for (let i = 0; i < 30; i += 1) raw.send({ op: 6, d: { requestType: 'GetVersion', requestId: `f${i}` } });
      await raw.next((f) => f.op === 7 && f.d.requestId === 'f29');
      const codes = raw.frames.filter((f) => f.op === 7).map((f) => (f.d.requestStatus as { code: number }).code);
      expect(codes).toHaveLength(30);
      expect(codes.filter((c) => c === RequestStatus.Success).length).toBeLessThanOrEqual(10);
      expect(codes.filter((c) => c === RequestStatus.NotReady).length).toBeGreaterThanOrEqual(19);
      for (let i = 0; i < 300; i += 1) raw.send({ op: 6, d: { requestType: 'GetVersion', requestId: `g${i}` } });
      expect((await raw.closed).code).toBe(1008);
    } finally {
      await limited.stop();
    }
  });
});

describe('what reaches the studio', () => {
  it('a request with values outside the contract is refused before any studio method runs', async () => {
    const raw = await identified();
    const before = t.calls.length;
    const long = await raw.request('SetInputName', { inputName: 'Mic', newInputName: 'm'.repeat(101) });
    expect(long?.requestStatus).toMatchObject({ result: false, code: RequestStatus.InvalidRequestField });
    const nan = await raw.request('SetSceneItemEnabled', { sceneName: 'Main', sceneItemId: 1.5, sceneItemEnabled: true });
    expect(nan?.requestStatus).toMatchObject({ result: false });
    expect(t.calls.slice(before).filter((c) => c.method !== 'getState')).toEqual([]);
    raw.close();
  });
});
