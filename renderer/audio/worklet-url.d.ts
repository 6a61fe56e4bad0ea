/**
 * Vite's `?worker&url` import: the worklet bundled as its own script, and its
 * URL. vite/client declares the general form; the renderer's program does not
 * load Vite's types (DOM only), so only this one import is declared.
 */
declare module '*/mixer-worklet.ts?worker&url' {
  const url: string;
  export default url;
}
