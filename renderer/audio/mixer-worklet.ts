/**
 * The mixer's tap, on the audio thread (an AudioWorkletProcessor, bundled by Vite
 * as its own script: mixer.ts imports it with `?worker&url`).
 *
 * Every render quantum it (1) adds each slot's samples to that slot's meter
 * period and, once a period is full, posts every slot's peak, RMS and peak hold
 * in one message; (2) cuts the master (slot 0) into PCM chunks stamped with the
 * audio-clock frame of their first sample. Measuring here rather than with
 * AnalyserNodes sees every sample exactly once: no missed peaks between polls.
 *
 * It returns true from process() so it lives as long as the node: the master
 * must keep producing chunks (silence included) because the engine paces the
 * whole broadcast by audio.
 */
import { LevelAccumulator, PeakHold } from './levels';
import { PcmChunker } from './pcm';
import { METER_VALUES_PER_SLOT, MASTER_SLOT, TAP_PROCESSOR_NAME, type TapCommand, type TapMessage, type TapOptions } from './worklet-messages';

// The AudioWorkletGlobalScope, which TypeScript's DOM library does not describe.
// Declared here, in this module only, so nothing else can use them by mistake.
declare const currentFrame: number;
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new (options: { processorOptions: TapOptions }) => AudioWorkletProcessor): void;

/** The render quantum when no input has channels to tell its length. */
const DEFAULT_QUANTUM_FRAMES = 128;

class MixerTapProcessor extends AudioWorkletProcessor {
  private readonly levels: LevelAccumulator[] = [];
  private readonly holds: PeakHold[] = [];
  private readonly chunker: PcmChunker;
  private meterIntervalFrames: number;
  private framesInPeriod = 0;

  constructor(options: { processorOptions: TapOptions }) {
    super();
    const { slots, chunkFrames, meterIntervalFrames } = options.processorOptions;
    for (let i = 0; i < slots; i++) {
      this.levels.push(new LevelAccumulator());
      this.holds.push(new PeakHold());
    }
    this.meterIntervalFrames = meterIntervalFrames;
    this.chunker = new PcmChunker((chunk) => {
      const message: TapMessage = { type: 'pcm', startFrame: chunk.startFrame, data: chunk.data.buffer };
      this.port.postMessage(message, [chunk.data.buffer]);
    }, chunkFrames);
    this.port.onmessage = (event: MessageEvent<TapCommand>) => {
      const command = event.data;
      if (command.type === 'meter-interval') this.meterIntervalFrames = Math.max(1, Math.round(command.frames));
      else this.holds[command.slot]?.reset();
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const frames = quantumFrames(inputs);
    const master = inputs[MASTER_SLOT] ?? [];
    this.chunker.push(master[0], master[1], frames, currentFrame);
    for (let slot = 0; slot < this.levels.length; slot++) {
      const channels = inputs[slot] ?? [];
      const acc = this.levels[slot]!;
      if (channels.length === 0) acc.addSilence(frames);
      for (const channel of channels) acc.add(channel);
    }
    this.framesInPeriod += frames;
    if (this.framesInPeriod >= this.meterIntervalFrames) this.postMeters(currentFrame + frames);
    return true;
  }

  private postMeters(endFrame: number): void {
    // Keep the remainder: periods end on quantum boundaries, so they alternate
    // around the interval and the rate is exact on average.
    this.framesInPeriod = Math.max(0, this.framesInPeriod - this.meterIntervalFrames);
    const nowS = endFrame / sampleRate;
    const levels = new Float32Array(this.levels.length * METER_VALUES_PER_SLOT);
    for (let slot = 0; slot < this.levels.length; slot++) {
      const { peakDb, rmsDb } = this.levels[slot]!.take();
      const at = slot * METER_VALUES_PER_SLOT;
      levels[at] = peakDb;
      levels[at + 1] = rmsDb;
      levels[at + 2] = this.holds[slot]!.update(peakDb, nowS);
    }
    const message: TapMessage = { type: 'meters', frame: endFrame, levels };
    this.port.postMessage(message, [levels.buffer]);
  }
}

function quantumFrames(inputs: Float32Array[][]): number {
  for (const input of inputs) if (input[0]) return input[0].length;
  return DEFAULT_QUANTUM_FRAMES;
}

registerProcessor(TAP_PROCESSOR_NAME, MixerTapProcessor);
