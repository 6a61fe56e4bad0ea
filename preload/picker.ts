/** The capture picker's preload (bundled to dist/preload/picker.cjs). */
import { contextBridge, ipcRenderer } from 'electron';
import { exposePicker } from './picker-preload';

exposePicker({ contextBridge, ipcRenderer });
