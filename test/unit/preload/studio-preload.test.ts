import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { MAX_MEDIA_IN_FLIGHT, createStudioPreload, exposeStudio, openMediaPort, type MediaLink } from '../../../preload/studio-preload';
import { CONTRACT_VERSION, EVENTS, METHODS, encodeMediaHeader, MEDIA_KIND } from '../../../preload/contract';
import { STUDIO_IPC, methodChannel } from '../../../preload/contract/ipc-channels';
import { studioPreloadKeys, type StudioPreload } from '../../../preload/contract/preload-api';
import { FakeContextBridge, FakeIpcRenderer } from '../../helpers/fake-electron';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});
const channel = () => {
  const c = new MessageChannel();
  channels.push(c);
  return c;
};
const noMedia: MediaLink = { send: () => false };

describe('the studio preload', () => {
  it('exposes exactly one global, "studio", holding the contract and nothing else', () => {
    const bridge = new FakeContextBridge();
    const ipc = new FakeIpcRenderer();
    const api = exposeStudio({ contextBridge: bridge, ipcRenderer: ipc });
    expect([...bridge.exposed.keys()]).toEqual(['studio']);
    expect(bridge.exposed.get('studio')).toBe(api);
    // The runtime key check: every contract method, plus contractVersion, on and sendMedia.
    expect(Object.keys(api).sort()).toEqual(studioPreloadKeys());
    expect(Object.keys(api)).not.toContain('invoke');
    expect(api.contractVersion).toBe(CONTRACT_VERSION);
    for (const key of Object.keys(api)) if (key !== 'contractVersion') expect(typeof (api as unknown as Record<string, unknown>)[key]).toBe('function');
    // The media port went to main as the one transferable of one message.
    expect(ipc.posted).toHaveLength(1);
    expect(ipc.posted[0]).toMatchObject({ channel: STUDIO_IPC.mediaPort, message: null });
    expect(ipc.posted[0]?.transfer).toHaveLength(1);
    for (const p of ipc.posted[0]?.transfer ?? []) p.close();
  });

  it('has the contract’s type, checked at compile time', () => {
    expectTypeOf(createStudioPreload).returns.toEqualTypeOf<StudioPreload>();
    expectTypeOf<keyof StudioPreload>().toEqualTypeOf<keyof typeof METHODS | 'contractVersion' | 'on' | 'sendMedia'>();
  });

  it('turns each named method into an invoke on its own channel, returning main’s reply', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.answer = async (ch, params) => ({ ok: true, result: { ch, params } });
    const api = createStudioPreload(ipc, noMedia);
    for (const method of Object.keys(METHODS) as Array<keyof typeof METHODS>) {
      const call = api[method] as (p: unknown) => Promise<unknown>;
      expect(await call({ probe: method })).toEqual({ ok: true, result: { ch: methodChannel(method), params: { probe: method } } });
    }
    expect(ipc.invoked).toHaveLength(Object.keys(METHODS).length);
  });

  it('turns a failed invoke into a coded error, not a rejection', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.answer = async () => {
      throw new Error("Error invoking remote method 'studio:call:goLive': No handler registered");
    };
    expect(await createStudioPreload(ipc, noMedia).goLive({})).toMatchObject({ ok: false, error: { code: 'INTERNAL', detail: expect.stringContaining('No handler') } });
  });

  it('subscribes to contract events only, asks main once per event, and unsubscribes', () => {
    const ipc = new FakeIpcRenderer();
    const api = createStudioPreload(ipc, noMedia);
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const got: unknown[][] = [];
    const offA = api.on('health', (...args) => got.push(['a', ...args]));
    api.on('health', (p) => got.push(['b', p]));
    api.on('state', () => {
      throw new Error('a listener that throws');
    });
    expect(ipc.sent).toEqual([
      { channel: STUDIO_IPC.subscribe, args: ['health'] },
      { channel: STUDIO_IPC.subscribe, args: ['state'] },
    ]);
    ipc.emitFromMain(STUDIO_IPC.event, 'health', { n: 1 });
    ipc.emitFromMain(STUDIO_IPC.event, 'state', {});
    ipc.emitFromMain(STUDIO_IPC.event, 'not-an-event', {});
    offA();
    ipc.emitFromMain(STUDIO_IPC.event, 'health', { n: 2 });
    // The IPC event object never reaches the page: listeners get the payload alone.
    expect(got).toEqual([
      ['a', { n: 1 }],
      ['b', { n: 1 }],
      ['b', { n: 2 }],
    ]);
    expect(consoleError).toHaveBeenCalledWith('studio: a "state" listener failed', expect.any(Error));
    consoleError.mockRestore();
    expect(() => api.on('ipc-message' as never, () => undefined)).toThrow(TypeError);
    expect(() => api.on('health', 'not a function' as never)).toThrow(TypeError);
    expect(Object.keys(EVENTS)).toContain('mediaRequest');
  });

  it('sends media through the port as one message and drops when main falls behind', async () => {
    const ipc = new FakeIpcRenderer();
    const c = channel();
    const media = openMediaPort(ipc, c);
    const mainEnd = ipc.posted[0]?.transfer[0] as MessagePort;
    const received: Uint8Array[] = [];
    mainEnd.onmessage = (e: MessageEvent) => received.push(e.data as Uint8Array);
    const header = encodeMediaHeader(MEDIA_KIND.audio, 1234);
    expect(media.send(header, new Uint8Array([1, 2, 3]))).toBe(true);
    expect(media.send(new Uint8Array(3), new Uint8Array(3))).toBe(false);
    expect(media.send('x' as never, new Uint8Array(3))).toBe(false);
    let sent = 1;
    while (media.send(header, new Uint8Array(1))) sent += 1;
    expect(sent).toBe(MAX_MEDIA_IN_FLIGHT);
    await new Promise((r) => setTimeout(r, 20));
    expect(received).toHaveLength(MAX_MEDIA_IN_FLIGHT);
    expect([...(received[0] ?? [])].slice(16)).toEqual([1, 2, 3]);
    // Main's acknowledgement opens the window again.
    mainEnd.postMessage(MAX_MEDIA_IN_FLIGHT);
    await new Promise((r) => setTimeout(r, 20));
    expect(media.send(header, new Uint8Array(1))).toBe(true);
  });
});
