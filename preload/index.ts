/**
 * The studio window's preload (bundled to dist/preload/index.cjs: sandboxed
 * preloads must be one CommonJS file). It only hands Electron's objects to the
 * factory, which exposes exactly the contract as `window.studio`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeStudio } from './studio-preload';

exposeStudio({ contextBridge, ipcRenderer });
