/**
 * Everything the compositor worker holds, wired by hand: the collection and
 * transition state, the sources' current pictures, the painter, the clocked output
 * loop and its sink, stats at a fixed cadence, and the pre-flight. Output changes
 * and the pre-flight both swap the loop's sink, so they run one after another.
 */
import type { PixelsMessage, RecycleMessage } from '../shared/converter-protocol';
import type { FromWorker, ToWorker } from '../shared/protocol';
import { chooseBackend, isSoftwareGl } from '../shared/decisions';
import { gpuI420Fits } from '../shared/i420-glsl';
import type { BackendPreference, CompositorStats, OutputOptions } from '../shared/types';
import { Canvas2dPainter } from './canvas2d-painter';
import { EncodedSink } from './encoded-sink';
import type { FrameSink, SinkPost } from './frame-sink';
import { GlPainter } from './gl/gl-painter';
import { GlRawSink } from './gl/gl-raw-sink';
import { OutputLoop, type LoopCounters } from './output-loop';
import { PostGate } from './post-gate';
import type { Painter } from './painter';
import { PreflightCancelled, runPreflight } from './preflight';
import { ProgramState } from './program-state';
import { RawSink } from './raw-sink';
import { SourceStore } from './source-store';

/** How often stats go to the main thread (health reads them at 1 Hz). */
export const STATS_INTERVAL_MS = 500;

/** Times a failed encoder is replaced before the encoded path gives up (until the next setOutput). */
const MAX_ENCODER_RESTARTS = 3;
/** Shortest window a rate is computed over. */
const MIN_STATS_WINDOW_S = 0.1;

export type Post = (message: FromWorker, transfer?: Transferable[]) => void;

export class CompositorRuntime {
  private readonly state = new ProgramState();
  private readonly store: SourceStore;
  private readonly loop: OutputLoop;
  private readonly glRenderer = detectGlRenderer();
  private painter: Painter;
  /** Why this backend (set with the painter; a WebGL2 start-up failure rewrites it). */
  private backendReason = '';
  private output: OutputOptions;
  /** Output changes and pre-flights, one at a time. */
  private queue: Promise<void> = Promise.resolve();
  private statsTimer: ReturnType<typeof setInterval>;
  private lastCounters: LoopCounters;
  private lastStats: CompositorStats | null = null;
  private encoderRestarts = 0;
  /** Aborts the pre-flight in progress, if any. */
  private preflightAbort: AbortController | null = null;

  constructor(
    private readonly post: Post,
    output: OutputOptions,
    monitorFps: number,
    converterPort: MessagePort,
    backend: BackendPreference,
  ) {
    this.output = output;
    this.store = new SourceStore((sourceId, message) => post({ type: 'error', message, sourceId }));
    converterPort.onmessage = (event: MessageEvent<PixelsMessage>) => {
      const { sourceId, width, height, data } = event.data;
      this.store.setPixels(sourceId, width, height, data);
      const recycle: RecycleMessage = { type: 'recycle', data };
      converterPort.postMessage(recycle, [data]);
    };
    const choice = chooseBackend(backend, this.glRenderer);
    this.backendReason = choice.reason;
    this.painter = this.makePainter(choice.backend, output);
    this.loop = new OutputLoop(output, monitorFps, this.state, this.painter, (program, preview) =>
      post({ type: 'monitor', program, preview }, preview ? [program, preview] : [program]),
    );
    this.lastCounters = this.loop.snapshot();
    this.statsTimer = setInterval(() => post({ type: 'stats', stats: this.computeStats() }), STATS_INTERVAL_MS);
  }

  /** Configures the first sink and starts the clock; resolves when frames can flow. */
  async start(): Promise<CompositorStats> {
    await this.applyOutput(this.output);
    this.loop.start();
    return this.computeStats();
  }

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'collection':
        this.state.setCollection(message.collection, this.loop.nextFrameUs());
        this.store.prune(message.collection.sources);
        return;
      case 'output':
        this.encoderRestarts = 0;
        // The program goes out: a pre-flight in progress (ahead in the queue) stops now, not seconds later.
        if (message.output.path !== 'none') this.preflightAbort?.abort();
        this.enqueue(() => this.applyOutput(message.output, true));
        return;
      case 'frame':
        this.store.setFrame(message.sourceId, message.frame);
        return;
      case 'image':
        void this.store.setImage(message.sourceId, message.blob);
        return;
      case 'monitors':
        this.loop.monitorsEnabled = message.enabled;
        return;
      case 'keyframe':
        this.loop.currentSink?.forceKeyframe();
        return;
      case 'preflight': {
        const { requestId, durationMs, engineHasHardwareEncoder } = message;
        this.enqueue(async () => {
          const abort = new AbortController();
          this.preflightAbort = abort;
          const deps = { loop: this.loop, output: this.output, makeSink: (path: 'raw' | 'encoded') => this.makeSink(path, true), restore: () => this.applyOutput(this.output), signal: abort.signal };
          try {
            this.post({ type: 'preflight-result', requestId, result: await runPreflight(deps, durationMs, engineHasHardwareEncoder) });
          } catch (error) {
            if (!(error instanceof PreflightCancelled)) throw error;
            this.post({ type: 'preflight-cancelled', requestId });
          } finally {
            this.preflightAbort = null;
          }
        });
        return;
      }
      case 'init':
      case 'destroy':
        return; // handled by the worker entry
    }
  }

  async destroy(): Promise<void> {
    clearInterval(this.statsTimer);
    await this.queue;
    await this.loop.stop();
    this.store.closeAll();
    this.painter.destroy();
  }

  /** The GPU context was lost: compose with Canvas 2D from the next frame on, and restart the path (a GPU raw sink is gone with it). */
  private async fallBackToCanvas2d(): Promise<void> {
    const lost = this.painter;
    if (lost.backend !== 'webgl2') return;
    this.painter = new Canvas2dPainter(this.state, this.store, this.output.width, this.output.height);
    this.backendReason = 'the GPU context was lost (a driver reset or the GPU went away): Canvas 2D until the compositor restarts';
    this.loop.setPainter(this.painter);
    this.post({
      type: 'error',
      message: 'The graphics card reset, so scenes are now drawn without it (Canvas 2D); the output goes on. Restart the studio to use the graphics card again.',
      sourceId: null,
    });
    await this.applyOutput(this.output);
    lost.destroy();
  }

  private makePainter(backend: CompositorStats['backend'], output: OutputOptions): Painter {
    if (backend === 'webgl2') {
      try {
        return new GlPainter(this.state, this.store, output.width, output.height, () => this.enqueue(() => this.fallBackToCanvas2d()));
      } catch (error) {
        this.backendReason = `WebGL2 could not start (${String(error)}): Canvas 2D instead`;
      }
    }
    return new Canvas2dPainter(this.state, this.store, output.width, output.height);
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error: unknown) => this.post({ type: 'error', message: String(error), sourceId: null }));
  }

  /**
   * Sets the output and gives the loop a sink for it. `reuseSink`: the same output
   * asked for again (the engine repeats its media request, e.g. when a recording
   * starts beside the stream) keeps the sink, so the encoder goes on without a gap
   * or a second encoder; only a keyframe is forced, for a receiver that starts
   * now. Restarts (a failed encoder, a lost GPU, after the pre-flight) always
   * make a new sink.
   */
  private async applyOutput(output: OutputOptions, reuseSink = false): Promise<void> {
    const current = this.loop.currentSink;
    if (reuseSink && current?.usable && current.path === output.path && sameOutput(output, this.output)) {
      current.forceKeyframe();
      return;
    }
    this.output = output;
    const gate = current ? new PostGate() : null;
    let sink: FrameSink | null = null;
    if (output.path !== 'none') {
      try {
        sink = await this.makeSink(output.path, false, gate);
      } catch (error) {
        this.post({ type: 'error', message: `the ${output.path} video path could not start: ${String(error)}`, sourceId: null });
      }
    }
    try {
      await this.loop.reconfigure(output, sink);
    } finally {
      gate?.open();
    }
  }

  /** `gate` holds the new sink's frames until the old sink has closed (post-gate.ts). */
  private makeSink(path: 'raw' | 'encoded', preflight: boolean, gate: PostGate | null = null): Promise<FrameSink> {
    const send = (f: () => void) => (gate ? gate.run(f) : f());
    const post: SinkPost = {
      raw: (data, timestampUs) => send(() => this.post({ type: 'raw', data, timestampUs, preflight }, [data])),
      encoded: (data, keyframe, timestampUs) => send(() => this.post({ type: 'encoded', data, keyframe, timestampUs, preflight }, [data])),
      error: (message) => {
        this.post({ type: 'error', message, sourceId: null });
        // A failed encoder stays failed: replace it (not during a pre-flight, which reports the failure).
        if (!preflight && this.encoderRestarts < MAX_ENCODER_RESTARTS) {
          this.encoderRestarts++;
          this.enqueue(() => this.applyOutput(this.output));
        }
      },
    };
    const { width, height } = this.output;
    if (path === 'encoded') return EncodedSink.create({ ...this.output, path }, post);
    // The GPU converter packs four bytes a texel: other widths read back and convert on the CPU.
    if (this.painter instanceof GlPainter && gpuI420Fits(width, height)) return Promise.resolve(new GlRawSink(this.painter, width, height, post));
    return Promise.resolve(new RawSink(width, height, post));
  }

  private computeStats(): CompositorStats {
    const now = this.loop.snapshot();
    const before = this.lastCounters;
    const seconds = (now.atMs - before.atMs) / 1000;
    const fresh = now.fresh - before.fresh;
    // Too short a window (the first call, a call right after a tick) keeps the previous rates.
    const longEnough = seconds >= MIN_STATS_WINDOW_S;
    const sink = this.loop.currentSink;
    const active = this.state.transition();
    const stats: CompositorStats = {
      backend: this.painter.backend,
      backendReason: this.backendReason,
      glRenderer: this.glRenderer,
      glSoftware: isSoftwareGl(this.glRenderer),
      path: this.loop.path,
      fps: longEnough ? (now.sent - before.sent) / seconds : (this.lastStats?.fps ?? 0),
      framesSent: now.sent,
      repeatedFrames: now.repeated,
      skippedFrames: now.skipped,
      droppedFrames: sink?.droppedFrames ?? 0,
      frameTimeMs: fresh > 0 ? (now.renderMs - before.renderMs) / fresh : (this.lastStats?.frameTimeMs ?? 0),
      readbackMs: fresh > 0 ? (now.readbackMs - before.readbackMs) / fresh : (this.lastStats?.readbackMs ?? 0),
      readbackLatencyMs: sink?.takeReadbackLatencyMs ? (sink.takeReadbackLatencyMs() ?? this.lastStats?.readbackLatencyMs ?? null) : null,
      encodeLatencyMs: sink?.path === 'encoded' ? (sink.takeEncodeLatencyMs() ?? this.lastStats?.encodeLatencyMs ?? null) : null,
      codec: sink?.codec ?? null,
      transition: active ? { ...active } : null,
    };
    if (longEnough) this.lastCounters = now;
    this.lastStats = stats;
    return stats;
  }
}

function sameOutput(a: OutputOptions, b: OutputOptions): boolean {
  return a.width === b.width && a.height === b.height && a.fps === b.fps && a.keyframeIntervalS === b.keyframeIntervalS && a.videoBitrateKbps === b.videoBitrateKbps && a.path === b.path;
}

/** The GL renderer string (to tell a hardware GPU from SwiftShader/llvmpipe), or null without WebGL2. */
function detectGlRenderer(): string | null {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return typeof renderer === 'string' ? renderer : null;
  } catch {
    return null;
  }
}
