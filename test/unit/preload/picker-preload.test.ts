import { describe, expect, it } from 'vitest';
import { createPickerPreload } from '../../../preload/picker-preload';
import { PICKER_IPC } from '../../../preload/contract/ipc-channels';
import { FakeIpcRenderer } from '../../helpers/fake-electron';

describe('the picker preload', () => {
  it('fetches the request, validated, and answers once', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.answer = async () => ({ sources: [{ id: 'screen:0:0', name: 'Screen', kind: 'screen', thumbnail: 'data:image/png;base64,', appIcon: null }], systemAudioOffered: false });
    const picker = createPickerPreload(ipc);
    expect((await picker.request()).sources).toHaveLength(1);
    expect(ipc.invoked[0]?.channel).toBe(PICKER_IPC.request);
    picker.choose({ sourceId: 'screen:0:0', systemAudio: false });
    picker.choose(null);
    expect(ipc.sent).toEqual([{ channel: PICKER_IPC.choose, args: [{ sourceId: 'screen:0:0', systemAudio: false }] }]);
  });

  it('rejects a request that does not match its schema', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.answer = async () => ({ sources: 'everything' });
    await expect(createPickerPreload(ipc).request()).rejects.toThrow();
  });
});
