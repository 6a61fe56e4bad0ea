/**
 * The frame converter: reads camera, screen and media frames (VideoFrames from
 * MediaStreamTrackProcessor streams) and turns each into RGBA pixels with
 * VideoFrame.copyTo, which it posts to the compositor worker over a direct port.
 *
 * Why a worker of its own: on a machine without GPU compositing, Chromium runs
 * every VideoFrame pixel operation (drawImage, createImageBitmap, copyTo with a
 * format conversion) through a synchronous hop to the page's main thread
 * (measured: a worker doing one stalled for as long as the page was blocked).
 * Kept here, such a stall only delays a source's next picture; the compositor's
 * clock, which only ever draws plain pixels, keeps going.
 *
 * Memory: one conversion per source at a time; the processor's small queue drops
 * frames that arrive meanwhile; buffers come back from the compositor for reuse.
 */
import type { ConverterError, PixelsMessage, RecycleMessage, ToConverter } from '../shared/converter-protocol';

declare const self: DedicatedWorkerGlobalScope;

/** Spare buffers kept per byte size; more than this are left to the garbage collector. */
const POOL_BUFFERS_PER_SIZE = 3;

let port: MessagePort | null = null;
const readers = new Map<string, ReadableStreamDefaultReader<VideoFrame>>();
const pool = new Map<number, ArrayBuffer[]>();

function takeBuffer(bytes: number): ArrayBuffer {
  return pool.get(bytes)?.pop() ?? new ArrayBuffer(bytes);
}

function recycle(buffer: ArrayBuffer): void {
  const spare = pool.get(buffer.byteLength) ?? [];
  if (spare.length < POOL_BUFFERS_PER_SIZE) spare.push(buffer);
  pool.set(buffer.byteLength, spare);
}

async function convert(sourceId: string, frame: VideoFrame): Promise<void> {
  // copyTo's default rect is the visible rect: that is the picture's pixel size.
  const width = frame.visibleRect?.width ?? frame.codedWidth;
  const height = frame.visibleRect?.height ?? frame.codedHeight;
  const data = takeBuffer(width * height * 4);
  try {
    await frame.copyTo(data, { format: 'RGBA' });
  } finally {
    frame.close();
  }
  const message: PixelsMessage = { type: 'pixels', sourceId, width, height, data };
  port?.postMessage(message, [data]);
}

async function pump(sourceId: string, reader: ReadableStreamDefaultReader<VideoFrame>): Promise<void> {
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    if (readers.get(sourceId) !== reader) {
      value.close();
      return;
    }
    await convert(sourceId, value);
  }
}

function detach(sourceId: string): void {
  const reader = readers.get(sourceId);
  readers.delete(sourceId);
  reader?.cancel().catch(() => undefined);
}

self.onmessage = (event: MessageEvent<ToConverter>) => {
  const m = event.data;
  switch (m.type) {
    case 'port':
      port = m.port;
      port.onmessage = (e: MessageEvent<RecycleMessage>) => recycle(e.data.data);
      return;
    case 'stream': {
      detach(m.sourceId);
      const reader = m.readable.getReader();
      readers.set(m.sourceId, reader);
      pump(m.sourceId, reader).catch((error: unknown) => {
        const message: ConverterError = { type: 'error', sourceId: m.sourceId, message: `the source's video stopped: ${String(error)}` };
        self.postMessage(message);
      });
      return;
    }
    case 'detach':
      detach(m.sourceId);
      return;
    case 'destroy':
      for (const id of [...readers.keys()]) detach(id);
      port?.close();
      self.close();
      return;
  }
};
