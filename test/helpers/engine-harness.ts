/**
 * Runs the real engine in-process for integration tests: a Broadcast fed by the
 * test card, exactly as `onair broadcast` wires it, with the health snapshots and
 * output state changes recorded for assertions.
 */
import type { HealthSnapshot, OutputHealth } from '../../preload/contract/health';
import { Broadcast, type BroadcastOptions } from '../../main/engine/broadcast';
import { createLogger, memorySink, type LogRecord } from '../../main/engine/logger';
import { defaultClockUs } from '../../main/engine/pacer/pacer-types';
import { ProcessRegistry } from '../../main/engine/process/process-registry';
import { SecretRegistry } from '../../main/engine/redact';
import { TestcardSource } from '../../main/engine/sources/testcard';
import { FramePool } from '../../main/engine/sources/frame-pool';
import { i420FrameBytes } from '../../main/engine/sources/media-source';
import { DEFAULT_ENCODER_SETTINGS, type EncoderSettings, type OutputSpec } from '../../main/engine/types';
import { ffmpegPath } from './ffmpeg-process';

export interface EngineRun {
  broadcast: Broadcast;
  registry: ProcessRegistry;
  logs: LogRecord[];
  snapshots: HealthSnapshot[];
  outputEvents: OutputHealth[];
  /** Resolves when the output reaches the state (or rejects after timeoutMs). */
  waitForOutput(id: string, state: OutputHealth['state'], timeoutMs: number): Promise<OutputHealth>;
  /** Fault injection: the test card keeps running but nothing reaches the engine while paused (a hung compositor). */
  pauseProducer(paused: boolean): void;
  stop(): Promise<HealthSnapshot>;
}

export const TEST_SETTINGS: EncoderSettings = { ...DEFAULT_ENCODER_SETTINGS, width: 640, height: 360, fps: 30, videoBitrateKbps: 1500, encoder: 'libx264' };

export interface EngineOptions {
  testcard?: boolean;
  /** Broadcast tuning for fault tests (adaptive bitrate waits, slate delay). */
  broadcast?: Pick<BroadcastOptions, 'ladder' | 'slateAfterS'>;
}

export async function startEngine(outputs: OutputSpec[], settings: EncoderSettings = TEST_SETTINGS, options: EngineOptions = {}): Promise<EngineRun> {
  const logs: LogRecord[] = [];
  const secrets = new SecretRegistry();
  for (const o of outputs) if ('url' in o) secrets.addUrl(o.url);
  const redact = (s: string) => secrets.redact(s);
  const logger = createLogger('test', { level: 'info', sink: memorySink(logs), redact });
  const registry = new ProcessRegistry(logger.child('process'), redact);
  const broadcast = new Broadcast({ ffmpegPath: ffmpegPath(), registry, logger, clockUs: defaultClockUs }, { settings, hardware: false, ...options.broadcast });
  const snapshots: HealthSnapshot[] = [];
  const outputEvents: OutputHealth[] = [];
  const waiters: Array<{ id: string; state: string; resolve: (h: OutputHealth) => void }> = [];
  broadcast.on('health', (h) => snapshots.push(h));
  broadcast.on('output', (o) => {
    outputEvents.push(o);
    for (const w of waiters.filter((w) => w.id === o.id && w.state === o.state)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(o);
    }
  });
  await broadcast.start(outputs);
  const source = options.testcard === false ? null : new TestcardSource(settings, { now: defaultClockUs });
  const pool = new FramePool(i420FrameBytes(settings.width, settings.height));
  let paused = false;
  await source?.start({
    video: (f) => {
      if (paused) return;
      const { data, release } = pool.copy(f.data);
      broadcast.pushVideoFrame(data, f.timestampUs, release);
    },
    audio: (a) => paused || broadcast.pushAudio(a.data.slice(), a.timestampUs),
  });
  return {
    broadcast,
    registry,
    logs,
    snapshots,
    outputEvents,
    pauseProducer(p) {
      paused = p;
    },
    waitForOutput(id, state, timeoutMs) {
      const current = broadcast.output(id)?.health();
      if (current?.state === state) return Promise.resolve(current);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`output ${id} did not become ${state} within ${timeoutMs} ms (now ${broadcast.output(id)?.state}); logs:\n${logs.slice(-15).map((l) => l.message).join('\n')}`)), timeoutMs);
        waiters.push({ id, state, resolve: (h) => (clearTimeout(timer), resolve(h)) });
      });
    },
    async stop() {
      await source?.stop();
      const last = await broadcast.buildSnapshot();
      await broadcast.stop();
      await registry.stopAll();
      return last;
    },
  };
}

/** Resolve after `ms`: for letting a live stream run, never for waiting on a condition. */
export function runFor(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
