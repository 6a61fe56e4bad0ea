/**
 * The worker's clock-driven loop. It runs on the worker's own timers, at the output
 * frame rate, against the studio clock (see shared/cfr-schedule.ts for how late
 * ticks are repeated, never skipped), so nothing on the page's main thread (React
 * work, a hidden or minimised window's throttled timers) can stall program output.
 *
 * Per fresh slot: compose the program once on the output canvas, hand it to the
 * sink (raw or encoded), and at the monitor rate send a snapshot of that same
 * canvas to the UI as an ImageBitmap; the preview scene (studio mode) is composed only at the
 * monitor rate. Counters are cumulative; readers (stats, pre-flight) diff them.
 */
import type { OutputOptions } from '../shared/types';
import { CfrSchedule } from '../shared/cfr-schedule';
import { studioNowUs } from '../shared/studio-clock';
import type { FrameSink } from './frame-sink';
import type { Painter } from './painter';
import type { ProgramState } from './program-state';

/** Longest stall made up with repeated frames; beyond it the schedule jumps (see CfrSchedule). */
const MAX_CATCH_UP_S = 1;

export interface LoopCounters {
  atMs: number;
  /** Frames handed to the sink, repeats included. */
  sent: number;
  fresh: number;
  repeated: number;
  skipped: number;
  renderMs: number;
  readbackMs: number;
}

export interface MonitorPost {
  (program: ImageBitmap, preview: ImageBitmap | null): void;
}

export class OutputLoop {
  private schedule: CfrSchedule;
  private sink: FrameSink | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private lastMonitorUs = Number.NEGATIVE_INFINITY;
  private readonly counters: LoopCounters = { atMs: 0, sent: 0, fresh: 0, repeated: 0, skipped: 0, renderMs: 0, readbackMs: 0 };
  monitorsEnabled = false;

  constructor(
    private output: OutputOptions,
    private readonly monitorFps: number,
    private readonly state: ProgramState,
    private painter: Painter,
    private readonly postMonitor: MonitorPost,
  ) {
    painter.resize(output.width, output.height);
    this.schedule = makeSchedule(output.fps, Math.round(studioNowUs()));
  }

  /** Swaps the painter (the GPU context was lost): the next fresh slot is composed by the new one. */
  setPainter(painter: Painter): void {
    painter.resize(this.output.width, this.output.height);
    this.painter = painter;
  }

  /** Timestamp of the next frame slot: where a transition triggered now begins. */
  nextFrameUs(): number {
    return this.schedule.slotTimeUs(this.schedule.nextSlot);
  }

  get path(): OutputOptions['path'] {
    return this.sink?.path ?? 'none';
  }

  get currentSink(): FrameSink | null {
    return this.sink;
  }

  /** Swaps the sink (closing the old one) and the output size and rate, keeping timestamps increasing. */
  async reconfigure(output: OutputOptions, sink: FrameSink | null): Promise<void> {
    const old = this.sink;
    this.sink = sink;
    this.painter.resize(output.width, output.height);
    if (output.fps !== this.output.fps) {
      // Continue one new frame duration after the last slot handed out.
      const origin = Math.max(Math.round(studioNowUs()), this.schedule.slotTimeUs(this.schedule.nextSlot));
      this.schedule = makeSchedule(output.fps, origin);
    }
    this.output = output;
    if (old && old !== sink) await old.close();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.scheduleTick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.sink?.close();
    this.sink = null;
  }

  snapshot(): LoopCounters {
    return { ...this.counters, atMs: performance.now() };
  }

  private scheduleTick(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.tick().then(
        () => this.scheduleTick(),
        () => this.scheduleTick(), // a failed frame must not stop the clock; the sink reports its own errors
      );
    }, this.schedule.msUntilNext(studioNowUs()));
  }

  private async tick(): Promise<void> {
    const due = this.schedule.due(studioNowUs());
    this.counters.skipped += due.skipped;
    if (this.sink) {
      for (const slot of due.repeats) {
        this.sink.repeat(slot, this.schedule.slotTimeUs(slot));
        this.counters.repeated++;
        this.counters.sent++;
      }
    }
    if (due.fresh !== null) await this.renderSlot(due.fresh);
  }

  private async renderSlot(slot: number): Promise<void> {
    const timestampUs = this.schedule.slotTimeUs(slot);
    // Half a frame of slack so a 30 fps monitor on a 30 fps output never misses every other frame.
    const monitorDue = this.monitorsEnabled && timestampUs - this.lastMonitorUs >= 1e6 / this.monitorFps - 5e5 / this.output.fps;
    const sink = this.sink;
    if (!sink && !monitorDue) return;
    if (this.painter.busy()) {
      // The GPU is behind: this slot carries the previous picture rather than queueing more work.
      if (sink) {
        sink.repeat(slot, timestampUs);
        this.counters.repeated++;
        this.counters.sent++;
      }
      return;
    }
    const t0 = performance.now();
    this.painter.composeProgram(timestampUs);
    const t1 = performance.now();
    if (sink) {
      await sink.send(this.painter, slot, timestampUs);
      this.counters.fresh++;
      this.counters.sent++;
      this.counters.renderMs += t1 - t0;
      this.counters.readbackMs += performance.now() - t1;
    }
    if (monitorDue) {
      this.lastMonitorUs = timestampUs;
      this.sendMonitors(timestampUs);
    }
  }

  /**
   * Monitor bitmaps are snapshots taken with createImageBitmap, not
   * transferToImageBitmap: in Chromium the latter waits on the page's main thread
   * (measured: a worker stalled for as long as the page was blocked), and the
   * output clock must never wait on the page.
   */
  private sendMonitors(timestampUs: number): void {
    const program = createImageBitmap(this.painter.programCanvas());
    const previewId = this.state.previewSceneId();
    let preview: Promise<ImageBitmap | null> = Promise.resolve(null);
    if (previewId !== null) {
      const layers = this.state.programLayers(timestampUs, this.output.width);
      if (layers.length === 1 && layers[0]!.sceneId === previewId) {
        // Preview shows what program shows: copy the picture rather than compose the scene again.
        preview = program.then((bitmap) => createImageBitmap(bitmap));
      } else {
        // createImageBitmap snapshots the canvas now: the WebGL2 painter may reuse it for the next program.
        preview = createImageBitmap(this.painter.composePreview(previewId, timestampUs));
      }
    }
    Promise.all([program, preview]).then(
      ([p, v]) => this.postMonitor(p, v),
      () => undefined, // a monitor frame is not worth an error: the next one comes soon
    );
  }
}

function makeSchedule(fps: number, originUs: number): CfrSchedule {
  return new CfrSchedule(fps, originUs, Math.max(1, Math.round(fps * MAX_CATCH_UP_S)));
}
