/**
 * The IPC client against a fake preload: `fakePreload` stands in for what
 * preload/index.ts exposes as window.studio, typed from the contract's
 * StudioPreload, which the real one implements.
 */
import { describe, expect, it, vi } from 'vitest';
import { CONTRACT_VERSION, METHODS, type EventName, type MethodName } from '../../../../preload/contract';
import type { IpcReply, PreloadMethods, StudioPreload } from '../../../../preload/contract/preload-api';
import { IpcStudioClient } from '../../../../renderer/bridge/ipc-client';
import { connectStudio } from '../../../../renderer/bridge';
import { healthFixture, outputFixture } from '../../../helpers/studio-fixtures';

interface FakePreload extends StudioPreload {
  invoked: Array<[MethodName, unknown]>;
  emit(event: EventName, payload: unknown): void;
  subscriptions: Map<EventName, Set<(payload: unknown) => void>>;
  media: Array<[Uint8Array, Uint8Array]>;
}

function fakePreload(reply: (method: MethodName, params: unknown) => IpcReply<unknown>): FakePreload {
  const invoked: Array<[MethodName, unknown]> = [];
  const subscriptions = new Map<EventName, Set<(payload: unknown) => void>>();
  const media: Array<[Uint8Array, Uint8Array]> = [];
  const methods = Object.fromEntries(
    (Object.keys(METHODS) as MethodName[]).map((m) => [
      m,
      async (params: unknown) => {
        invoked.push([m, params]);
        return reply(m, params);
      },
    ]),
  ) as unknown as PreloadMethods;
  return {
    ...methods,
    contractVersion: CONTRACT_VERSION,
    invoked,
    subscriptions,
    media,
    on(event, listener) {
      const set = subscriptions.get(event) ?? new Set();
      subscriptions.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(event, payload) {
      for (const l of subscriptions.get(event) ?? []) l(payload);
    },
    sendMedia(header, payload) {
      media.push([header, payload]);
      return true;
    },
  };
}

describe('IpcStudioClient', () => {
  it('calls the named preload method and returns its validated result', async () => {
    const preload = fakePreload(() => ({ ok: true, result: { sceneId: 'sc_9' } }));
    const client = new IpcStudioClient(preload);
    await expect(client.call('createScene', { name: 'Intro' })).resolves.toEqual({ sceneId: 'sc_9' });
    expect(preload.invoked).toEqual([['createScene', { name: 'Intro' }]]);
    expect(client.connection).toBe('open');
  });

  it('rejects with the studio error code, message and detail', async () => {
    const client = new IpcStudioClient(fakePreload(() => ({ ok: false, error: { code: 'CONFLICT', message: 'You are already live.', detail: '' } })));
    await expect(client.call('goLive', {})).rejects.toMatchObject({ name: 'StudioClientError', code: 'CONFLICT', message: 'You are already live.' });
  });

  it('refuses a result that does not match the contract', async () => {
    const client = new IpcStudioClient(fakePreload(() => ({ ok: true, result: { watchUrl: 12 } })));
    await expect(client.call('goLive', {})).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('delivers valid events and drops invalid ones with a warning', () => {
    const preload = fakePreload(() => ({ ok: true, result: {} }));
    const warn = vi.fn();
    const client = new IpcStudioClient(preload, { warn });
    const seen: unknown[] = [];
    client.on('output', (o) => seen.push(o));
    preload.emit('output', outputFixture({ state: 'reconnecting', reconnects: 2 }));
    preload.emit('output', { id: 'x', state: 'exploded' });
    expect(seen).toEqual([outputFixture({ state: 'reconnecting', reconnects: 2 })]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"output"'));
  });

  it('subscribes once per event however many listeners, and an unsubscribed listener hears nothing', () => {
    const preload = fakePreload(() => ({ ok: true, result: {} }));
    const client = new IpcStudioClient(preload);
    const a = vi.fn();
    const b = vi.fn();
    const offA = client.on('health', a);
    client.on('health', b);
    expect(preload.subscriptions.get('health')?.size).toBe(1);
    offA();
    preload.emit('health', healthFixture());
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledOnce();
  });

  it('close() drops the preload subscriptions and refuses further calls', async () => {
    const preload = fakePreload(() => ({ ok: true, result: { ok: true } }));
    const client = new IpcStudioClient(preload);
    const states: string[] = [];
    client.onConnection((s) => states.push(s));
    client.on('health', () => undefined);
    client.close();
    expect(preload.subscriptions.get('health')?.size).toBe(0);
    expect(states).toEqual(['closed']);
    await expect(client.call('stopLive', {})).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });

  it('hands media to the preload as header and payload', () => {
    const preload = fakePreload(() => ({ ok: true, result: {} }));
    const client = new IpcStudioClient(preload);
    expect(client.sendMedia([Uint8Array.of(1), Uint8Array.of(2, 3), Uint8Array.of(4)])).toBe(true);
    expect(preload.media.map(([h, p]) => [[...h], [...p]])).toEqual([[[1], [2, 3, 4]]]);
  });

  it('is what connectStudio picks when window.studio exists', () => {
    const preload = fakePreload(() => ({ ok: true, result: {} }));
    const fakeWindow = { studio: preload, location: { protocol: 'http:', host: 'x', search: '' } } as unknown as Window;
    expect(connectStudio(fakeWindow)).toBeInstanceOf(IpcStudioClient);
  });
});
