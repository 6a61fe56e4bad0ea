/** Types for generate-icons.mjs (plain JavaScript so `npm run icons` needs no compiler). */
export type IconVariant = 'app' | 'tray-idle' | 'tray-live' | 'tray-template';
export const APP_ICON_SIZES: number[];
export const ICO_SIZES: number[];
export const ICNS_TYPES: Array<[string, number]>;
export const PNG_SIGNATURE: Buffer;
export function renderIcon(size: number, variant?: IconVariant): Uint8Array;
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer;
export function encodeIco(images: Array<{ size: number; rgba: Uint8Array }>): Buffer;
export function encodeIcns(elements: Array<{ type: string; png: Buffer }>): Buffer;
export function generateIcons(outDir: string): void;
