/**
 * The capture picker window's preload surface (`window.picker`): fetch what to
 * show, answer once. Nothing of the studio's contract is reachable from it.
 */
import { PICKER_GLOBAL, PickerRequestSchema, type PickerChoice, type PickerPreload, type PickerRequest } from './contract/capture-picker';
import { PICKER_IPC } from './contract/ipc-channels';
import type { PreloadElectron } from './studio-preload';

export function createPickerPreload(ipc: PreloadElectron['ipcRenderer']): PickerPreload {
  let answered = false;
  return {
    async request(): Promise<PickerRequest> {
      return PickerRequestSchema.parse(await ipc.invoke(PICKER_IPC.request));
    },
    choose(choice: PickerChoice): void {
      if (answered) return;
      answered = true;
      ipc.send(PICKER_IPC.choose, choice);
    },
  };
}

export function exposePicker(electron: PreloadElectron): PickerPreload {
  const api = createPickerPreload(electron.ipcRenderer);
  electron.contextBridge.exposeInMainWorld(PICKER_GLOBAL, api);
  return api;
}
