import { describe, expect, it } from 'vitest';
import { IpcGateway, type GatewayContents, type GatewayIpcMain } from '../../../../main/app/ipc';
import { createLogger, memorySink, type LogRecord } from '../../../../main/engine/logger';
import { METHODS, type MediaMessage } from '../../../../preload/contract';
import { STUDIO_IPC, methodChannel } from '../../../../preload/contract/ipc-channels';
import { FakeIpcMain, FakeMessagePortMain, FakeWebContents } from '../../../helpers/fake-electron';
import { FakeStudioPort } from '../../../helpers/fake-studio-port';

function setup() {
  const ipcMain = new FakeIpcMain();
  const studio = Object.assign(new FakeStudioPort(), { pushed: [] as MediaMessage[], gone: 0 });
  const sink = { pushMedia: (m: MediaMessage) => studio.pushed.push(m), producerGone: () => (studio.gone += 1) };
  const records: LogRecord[] = [];
  const subscribed: string[] = [];
  const gateway = new IpcGateway({
    ipcMain: ipcMain as unknown as GatewayIpcMain,
    studio: Object.assign(studio, sink),
    logger: createLogger('test', { sink: memorySink(records), level: 'debug' }),
    redact: (t) => t,
    onSubscribed: (e) => subscribed.push(e),
  });
  gateway.register();
  const win = new FakeWebContents(1);
  gateway.attach(win as unknown as GatewayContents);
  return { ipcMain, studio, gateway, win, records, subscribed };
}

describe('IPC gateway', () => {
  it('registers one handler per contract method and nothing else', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(METHODS).map((m) => methodChannel(m as keyof typeof METHODS)).sort());
  });

  it('answers the studio window with the contract reply', async () => {
    const { ipcMain, win } = setup();
    expect(await ipcMain.invoke(methodChannel('setProgramScene'), win, win.mainFrame(), { sceneId: 'sc_brb' })).toEqual({ ok: true, result: { ok: true } });
    expect(await ipcMain.invoke(methodChannel('setProgramScene'), win, win.mainFrame(), { sceneId: 42 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('refuses callers that are not the studio window’s own top frame, and logs why', async () => {
    const { ipcMain, win, records, studio } = setup();
    const stranger = new FakeWebContents(2);
    const before = studio.current().collection.programSceneId;
    for (const [sender, frame] of [
      [stranger, stranger.mainFrame()],
      [win, { url: 'app://onair/index.html', parent: win.mainFrame() }],
      [win, { url: 'https://evil.example/', parent: null }],
      [win, null],
    ] as const) {
      expect(await ipcMain.invoke(methodChannel('setProgramScene'), sender, frame, { sceneId: 'sc_brb' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(studio.current().collection.programSceneId).toBe(before);
    expect(records.filter((r) => r.message.includes('untrusted sender'))).toHaveLength(4);
  });

  it('forwards an event only after the page subscribed to it, and stops on navigation', () => {
    const { ipcMain, win, studio, subscribed } = setup();
    studio.emitHealth({} as never);
    expect(win.sent).toHaveLength(0);
    ipcMain.emit(STUDIO_IPC.subscribe, win, win.mainFrame(), [], 'health');
    ipcMain.emit(STUDIO_IPC.subscribe, win, win.mainFrame(), [], 'health');
    ipcMain.emit(STUDIO_IPC.subscribe, win, win.mainFrame(), [], 'bogus');
    studio.emitHealth({ n: 1 } as never);
    expect(win.sent).toEqual([{ channel: STUDIO_IPC.event, args: ['health', { n: 1 }] }]);
    expect(subscribed).toEqual(['health']);
    win.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    studio.emitHealth({ n: 2 } as never);
    expect(win.sent).toHaveLength(1);
  });

  it('takes media from the page’s port and releases the producer when the page goes', () => {
    const { ipcMain, win, studio } = setup();
    const port = new FakeMessagePortMain();
    ipcMain.emit(STUDIO_IPC.mediaPort, win, win.mainFrame(), [port]);
    const message = new Uint8Array(20);
    message[0] = 3;
    port.deliver(message);
    expect(studio.pushed).toHaveLength(1);
    win.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(port.closed).toBe(true);
    expect(studio.gone).toBe(1);
  });

  it('closes ports sent by anyone else', () => {
    const { ipcMain } = setup();
    const stranger = new FakeWebContents(5);
    const port = new FakeMessagePortMain();
    ipcMain.emit(STUDIO_IPC.mediaPort, stranger, stranger.mainFrame(), [port]);
    expect(port.closed).toBe(true);
  });

  it('removes everything it registered on dispose', () => {
    const { ipcMain, gateway } = setup();
    gateway.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
