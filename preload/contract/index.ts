/**
 * THE contract between UIs and main (DESIGN.md "Contract"). main, preload and
 * renderer import from here; nothing else is shared between them.
 */
export const CONTRACT_VERSION = 1;
export * from './model';
export * from './methods';
export * from './events';
export * from './errors';
export * from './media';
export * from './health';
export * from './video-path';
export * from './transport';
export * from './preload-api';
export * from './ipc-channels';
export * from './capture-picker';
