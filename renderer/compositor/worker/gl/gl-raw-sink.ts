/**
 * The raw path on the WebGL2 backend: each fresh frame is converted to I420 and
 * read back on the GPU (i420-readback.ts) while the loop goes on; frames leave in
 * slot order as their reads finish. A repeat (a late tick) is queued behind the
 * reads before it and carries whatever picture was newest at its place in the
 * queue, exactly as the Canvas 2D raw sink would have sent it. `send` never
 * waits: when every readback buffer is still in flight (the GPU is several frames
 * behind, as SwiftShader is at 720p on a busy machine) the fresh picture is
 * dropped and its slot carries the previous one, so the clock keeps its rate.
 */
import type { FrameSink, SinkPost } from '../frame-sink';
import type { Painter } from '../painter';
import type { GlPainter } from './gl-painter';
import { I420Readback, type PendingRead } from './i420-readback';

/** How often finished reads are looked for (the fence status changes only between tasks). */
const POLL_MS = 2;

interface Queued {
  timestampUs: number;
  /** null: a repeat of the newest picture before it. */
  read: PendingRead | null;
}

export class GlRawSink implements FrameSink {
  readonly path = 'raw';
  /** Fresh pictures not read back because the GPU was still busy with the previous ones (their slots repeat). */
  droppedFrames = 0;
  readonly codec = null;
  private readonly readback: I420Readback;
  private readonly last: Uint8Array;
  private readonly queue: Queued[] = [];
  private hasPicture = false;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  /** close() waiting for the queue to empty. */
  private waiters: Array<() => void> = [];
  private latencyMs = 0;
  private latencyCount = 0;
  private closed = false;

  constructor(
    private readonly painter: GlPainter,
    width: number,
    height: number,
    private readonly post: SinkPost,
  ) {
    this.readback = new I420Readback(painter.gl, width, height);
    this.last = new Uint8Array(this.readback.byteLength);
  }

  get usable(): boolean {
    return !this.closed && !this.painter.gl.isContextLost();
  }

  send(_painter: Painter, _slot: number, timestampUs: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    const sameSize = this.painter.width === this.readback.width && this.painter.height === this.readback.height; // else a resize raced this sink's replacement
    if (!sameSize || !this.readback.hasFreeBuffer || this.painter.gl.isContextLost()) {
      this.droppedFrames++;
      this.queue.push({ timestampUs, read: null });
    } else {
      this.queue.push({ timestampUs, read: this.readback.start(this.painter.programTexture) });
    }
    this.pump();
    return Promise.resolve();
  }

  repeat(_slot: number, timestampUs: number): void {
    if (this.closed) return;
    this.queue.push({ timestampUs, read: null });
    this.pump();
  }

  forceKeyframe(): void {}

  takeEncodeLatencyMs(): null {
    return null;
  }

  takeReadbackLatencyMs(): number | null {
    if (this.latencyCount === 0) return null;
    const average = this.latencyMs / this.latencyCount;
    this.latencyMs = 0;
    this.latencyCount = 0;
    return average;
  }

  /** Delivers what is in flight, then frees the GPU resources. */
  async close(): Promise<void> {
    while (this.queue.length > 0) await this.nextProgress();
    this.closed = true;
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    for (const { read } of this.queue.splice(0)) if (read) this.readback.release(read);
    this.wake();
    this.readback.delete();
  }

  /** Sends every queued frame whose picture is ready, in order; polls again later for the rest. */
  private pump(): void {
    if (this.painter.gl.isContextLost()) {
      // Nothing in flight will ever finish: those slots carry the last picture (the runtime is switching to Canvas 2D).
      for (const entry of this.queue) {
        if (entry.read) this.readback.release(entry.read);
        entry.read = null;
      }
    }
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      if (head.read) {
        if (!this.readback.done(head.read)) break;
        this.readback.finish(head.read, this.last);
        this.latencyMs += performance.now() - head.read.startedMs;
        this.latencyCount++;
        this.hasPicture = true;
      }
      this.queue.shift();
      if (this.hasPicture) this.post.raw(this.last.slice().buffer, head.timestampUs);
    }
    this.wake();
    if (this.queue.length > 0 && this.pollTimer === null) {
      this.pollTimer = setTimeout(() => {
        this.pollTimer = null;
        this.pump();
      }, POLL_MS);
    }
  }

  private nextProgress(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
