/**
 * Messages of the frame converter worker (worker/frame-converter.worker.ts): the
 * main thread hands it sources' frame streams and a port to the compositor
 * worker; it sends RGBA pixels straight to the compositor through that port and
 * gets the buffers back for reuse.
 */

export type ToConverter =
  | { type: 'port'; port: MessagePort }
  | { type: 'stream'; sourceId: string; readable: ReadableStream<VideoFrame> }
  | { type: 'detach'; sourceId: string }
  | { type: 'destroy' };

/** Converter → compositor, over the port. */
export interface PixelsMessage {
  type: 'pixels';
  sourceId: string;
  width: number;
  height: number;
  /** width · height · 4 bytes, RGBA. */
  data: ArrayBuffer;
}

/** Compositor → converter, over the port: a buffer it is done with. */
export interface RecycleMessage {
  type: 'recycle';
  data: ArrayBuffer;
}

export type ConverterError = { type: 'error'; sourceId: string; message: string };
