/**
 * Loads the real preload entry (preload/index.ts) with a FAKE electron module in
 * place of Electron's, which cannot load in plain Node. The one mock of an import
 * in this repo, and only because the entry's whole job is that import: everything
 * it does beyond that is the factory, tested without mocks next door.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { studioPreloadKeys } from '../../../preload/contract/preload-api';
import { PICKER_GLOBAL } from '../../../preload/contract/capture-picker';
import { FakeContextBridge, FakeIpcRenderer } from '../../helpers/fake-electron';

const fakeElectron = { contextBridge: new FakeContextBridge(), ipcRenderer: new FakeIpcRenderer() };

afterEach(() => {
  vi.doUnmock('electron');
  vi.resetModules();
  for (const posted of fakeElectron.ipcRenderer.posted) for (const port of posted.transfer) port.close();
});

describe('preload entries', () => {
  it('preload/index.ts exposes window.studio with exactly the contract’s keys', async () => {
    vi.doMock('electron', () => fakeElectron);
    await import('../../../preload/index');
    expect([...fakeElectron.contextBridge.exposed.keys()]).toEqual(['studio']);
    expect(Object.keys(fakeElectron.contextBridge.exposed.get('studio') as object).sort()).toEqual(studioPreloadKeys());
  });

  it('preload/picker.ts exposes only window.picker, with request and choose', async () => {
    const picker = { contextBridge: new FakeContextBridge(), ipcRenderer: new FakeIpcRenderer() };
    vi.doMock('electron', () => picker);
    await import('../../../preload/picker');
    expect([...picker.contextBridge.exposed.keys()]).toEqual([PICKER_GLOBAL]);
    expect(Object.keys(picker.contextBridge.exposed.get(PICKER_GLOBAL) as object).sort()).toEqual(['choose', 'request']);
  });
});
