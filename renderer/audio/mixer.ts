/// <reference path="./worklet-url.d.ts" />
/**
 * The studio's audio mixer: one 48 kHz AudioContext in which every audio source
 * (microphones, desktop audio, the sound of media files and screen captures) is
 * a channel strip feeding a master bus; a worklet taps the strips and the master
 * for meters and turns the master into the PCM the engine broadcasts.
 *
 *   source ─> fader (gain dB) ─┬─> send (on air and not muted) ─> master gain ─> tap slot 0 (meter + PCM)
 *                              ├─> monitor (monitor and not muted) ─> speakers
 *                              └─> tap slot n (meter)
 *
 * Meters read the fader's output, before mute and program: a muted microphone
 * still shows that it hears you, as OBS's meters do. The master is not sent to
 * the speakers (only monitored strips are), so a live microphone cannot feed back.
 *
 * Lifecycle: create() -> attach*() / applyCollection() / setSourceAudio() ... -> destroy().
 * The mixer never stops the tracks it is given: whoever opened a capture closes it.
 */
import workletUrl from './mixer-worklet.ts?worker&url';
import type { AudioSettings, SceneCollection } from '../../preload/contract';
import { ContextClock } from './audio-clock';
import { METER_FLOOR_DB, dbToGain } from './levels';
import { DEFAULT_METER_RATE_HZ, MeterSubscribers } from './meter-subscribers';
import { PCM_CHUNK_FRAMES, PCM_SAMPLE_RATE } from './pcm';
import { isHeard, isMonitored, programAudioPlan, type SourceMix } from './program-audio';
import { MASTER_SLOT, MAX_METERED_SOURCES, METER_VALUES_PER_SLOT, TAP_PROCESSOR_NAME, type TapCommand, type TapMessage, type TapOptions } from './worklet-messages';

/** Gain changes ramp over this long: a step in gain is an audible click. */
export const GAIN_RAMP_S = 0.015;
/** PCM chunks (10 ms each) held back while the output reports no timestamp, before stamping them roughly. */
const MAX_CHUNKS_BEFORE_READING = 100;
/** The key of the master bus in a meter reading. */
export const MASTER_METER_ID = 'master';
/** A source the collection does not know: heard, at unity, not monitored. */
const UNKNOWN_SOURCE_MIX: SourceMix = { gainDb: 0, muted: false, monitor: false, onAir: true };

export interface MeterReading {
  peakDb: number;
  rmsDb: number;
  peakHoldDb: number;
}
/** By source id, plus MASTER_METER_ID; sources beyond MAX_METERED_SOURCES are absent. */
export type MeterReadings = Record<string, MeterReading>;

export interface PcmChunkEvent {
  /** 10 ms of the master: 48 kHz stereo s16le interleaved. */
  data: Uint8Array;
  /** Studio-clock µs of its first sample (audio-clock.ts explains the mapping). */
  timestampUs: number;
}

export interface AudioMixerOptions {
  /** A 48 kHz context to use instead of a new one; the mixer then leaves it open on destroy(). */
  context?: AudioContext;
  /** Where the tap worklet's script is (defaults to the one Vite bundled). */
  workletUrl?: string;
}

interface Strip {
  input: AudioNode;
  fader: GainNode;
  send: GainNode;
  monitor: GainNode;
  slot: number | null;
}

export class AudioMixer {
  private readonly strips = new Map<string, Strip>();
  /** Every source's settings: from the collection, setSourceAudio, or the default. */
  private readonly mixes = new Map<string, SourceMix>();
  private readonly freeSlots: number[] = [];
  private readonly elementNodes = new WeakMap<HTMLMediaElement, MediaElementAudioSourceNode>();
  private readonly master: GainNode;
  private readonly meters: MeterSubscribers<MeterReadings>;
  private readonly pcmListeners = new Set<(chunk: PcmChunkEvent) => void>();
  private readonly clock: ContextClock;
  private readonly tap: AudioWorkletNode;
  private destroyed = false;
  private chunksBeforeReading = 0;

  static async create(options: AudioMixerOptions = {}): Promise<AudioMixer> {
    const context = options.context ?? new AudioContext({ sampleRate: PCM_SAMPLE_RATE, latencyHint: 'interactive' });
    if (context.sampleRate !== PCM_SAMPLE_RATE) throw new Error(`the mixer needs a ${PCM_SAMPLE_RATE} Hz AudioContext, got ${context.sampleRate} Hz`);
    await context.audioWorklet.addModule(options.workletUrl ?? workletUrl);
    const mixer = new AudioMixer(context, options.context === undefined);
    // Without a user gesture the browser may keep the context suspended; resume()
    // then waits for one, so it is not awaited here (see resume()).
    void context.resume().catch(() => undefined);
    return mixer;
  }

  private constructor(
    readonly context: AudioContext,
    private readonly ownsContext: boolean,
  ) {
    for (let slot = MAX_METERED_SOURCES; slot >= 1; slot--) this.freeSlots.push(slot);
    const tapOptions: TapOptions = {
      slots: 1 + MAX_METERED_SOURCES,
      chunkFrames: PCM_CHUNK_FRAMES,
      meterIntervalFrames: context.sampleRate / DEFAULT_METER_RATE_HZ,
    };
    // No outputs: Chromium still runs a worklet node without outputs (it pulls it
    // like an AnalyserNode), and nothing of the tap reaches the speakers.
    this.tap = new AudioWorkletNode(context, TAP_PROCESSOR_NAME, {
      numberOfInputs: tapOptions.slots,
      numberOfOutputs: 0,
      // Every input as stereo: a mono microphone is copied to both sides ('speakers' up-mix).
      channelCount: 2,
      channelCountMode: 'explicit',
      channelInterpretation: 'speakers',
      processorOptions: tapOptions,
    });
    this.tap.port.onmessage = (event: MessageEvent<TapMessage>) => this.onTapMessage(event.data);
    this.meters = new MeterSubscribers((hz) => this.command({ type: 'meter-interval', frames: context.sampleRate / hz }));
    this.master = new GainNode(context, { gain: 1 });
    this.master.connect(this.tap, 0, MASTER_SLOT);
    this.clock = new ContextClock(performance.timeOrigin);
    this.clock.seed(context.currentTime, performance.now());
  }

  /** Times the audio clock's mapping to the studio clock jumped (audio-clock.ts): each one a step in the PCM stamps. */
  get clockResyncs(): number {
    return this.clock.resyncs;
  }

  /** Whether the audio clock runs (a suspended context sends no PCM). */
  get running(): boolean {
    return this.context.state === 'running';
  }

  /** Resume a context the browser suspended; call it from a user gesture (a click). */
  resume(): Promise<void> {
    return this.context.resume();
  }

  /** A microphone, desktop audio or a capture's audio track. Replaces what `sourceId` had. */
  attachStream(sourceId: string, stream: MediaStream): void {
    if (stream.getAudioTracks().length === 0) throw new Error(`source ${sourceId}: the stream has no audio track`);
    this.attachNode(sourceId, this.context.createMediaStreamSource(stream));
  }

  /**
   * A media source's <video>/<audio>: its sound then plays through the mixer
   * only (monitor to hear it). The browser lets an element join one graph once,
   * so its node is kept and reused if it is attached again. A cross-origin file
   * without CORS plays silence (the browser's rule).
   */
  attachMediaElement(sourceId: string, el: HTMLMediaElement): void {
    let node = this.elementNodes.get(el);
    if (!node) {
      node = this.context.createMediaElementSource(el);
      this.elementNodes.set(el, node);
    }
    this.attachNode(sourceId, node);
  }

  /** Any node of this context as a source (a test tone, a synthesised beep). */
  attachNode(sourceId: string, node: AudioNode): void {
    this.assertAlive();
    if (sourceId === MASTER_METER_ID) throw new Error(`"${MASTER_METER_ID}" names the master bus; use another source id`);
    this.detach(sourceId);
    const mix = this.mixOf(sourceId);
    const ctx = this.context;
    const strip: Strip = {
      input: node,
      fader: new GainNode(ctx, { gain: dbToGain(mix.gainDb) }),
      send: new GainNode(ctx, { gain: isHeard(mix) ? 1 : 0 }),
      monitor: new GainNode(ctx, { gain: isMonitored(mix) ? 1 : 0 }),
      slot: this.freeSlots.pop() ?? null,
    };
    node.connect(strip.fader);
    strip.fader.connect(strip.send).connect(this.master);
    strip.fader.connect(strip.monitor).connect(ctx.destination);
    if (strip.slot !== null) {
      strip.fader.connect(this.tap, 0, strip.slot);
      this.command({ type: 'reset-slot', slot: strip.slot });
    }
    this.strips.set(sourceId, strip);
  }

  /** Takes the source out of the mix (its capture keeps running: its owner stops it). */
  detach(sourceId: string): void {
    const strip = this.strips.get(sourceId);
    if (!strip) return;
    this.strips.delete(sourceId);
    try {
      strip.input.disconnect(strip.fader);
    } catch {
      // Its owner disconnected it already.
    }
    for (const node of [strip.fader, strip.send, strip.monitor]) node.disconnect();
    if (strip.slot !== null) this.freeSlots.push(strip.slot);
  }

  /** Gain, mute and monitor of one source; whether it is on air stays as the collection says. */
  setSourceAudio(sourceId: string, audio: AudioSettings): void {
    this.setMix(sourceId, { ...this.mixOf(sourceId), ...audio });
  }

  setMasterGainDb(gainDb: number): void {
    this.ramp(this.master.gain, dbToGain(gainDb));
  }

  /**
   * Every source's audio settings and on-air state from the model (the rule is
   * in program-audio.ts). Call it on every collection change. Sources the
   * collection does not list (a test tone) keep what they had.
   */
  applyCollection(collection: SceneCollection): void {
    for (const [sourceId, mix] of programAudioPlan(collection)) this.setMix(sourceId, mix);
  }

  /** Levels of every metered source and the master, about rateHz times a second. Returns the unsubscribe. */
  onMeters(cb: (meters: MeterReadings) => void, rateHz?: number): () => void {
    return this.meters.add(cb, rateHz);
  }

  /** The master as PCM chunks, in order, ~100 a second. Returns the unsubscribe. */
  onPcm(cb: (chunk: PcmChunkEvent) => void): () => void {
    this.pcmListeners.add(cb);
    return () => {
      this.pcmListeners.delete(cb);
    };
  }

  /** Studio-clock µs at which context time `contextTimeS` is rendered. */
  studioTimeAt(contextTimeS: number): number {
    return this.clock.toStudioUs(contextTimeS);
  }

  /** Context time rendered at studio time `studioUs`: when to start a sound so it carries that stamp. */
  contextTimeAt(studioUs: number): number {
    return this.clock.toContextTime(studioUs);
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    for (const sourceId of [...this.strips.keys()]) this.detach(sourceId);
    this.destroyed = true;
    this.pcmListeners.clear();
    this.tap.port.onmessage = null;
    this.tap.port.close();
    this.master.disconnect();
    this.tap.disconnect();
    if (this.ownsContext) await this.context.close();
  }

  private mixOf(sourceId: string): SourceMix {
    return this.mixes.get(sourceId) ?? UNKNOWN_SOURCE_MIX;
  }

  private setMix(sourceId: string, mix: SourceMix): void {
    this.mixes.set(sourceId, mix);
    const strip = this.strips.get(sourceId);
    if (!strip) return;
    this.ramp(strip.fader.gain, dbToGain(mix.gainDb));
    this.ramp(strip.send.gain, isHeard(mix) ? 1 : 0);
    this.ramp(strip.monitor.gain, isMonitored(mix) ? 1 : 0);
  }

  /** A short linear ramp from where the gain is now; it ends exactly on the target (0 is true silence). */
  private ramp(param: AudioParam, value: number): void {
    const now = this.context.currentTime;
    param.cancelScheduledValues(now);
    param.setValueAtTime(param.value, now);
    param.linearRampToValueAtTime(value, now + GAIN_RAMP_S);
  }

  private onTapMessage(message: TapMessage): void {
    if (this.destroyed) return;
    const ctx = this.context;
    if (message.type === 'pcm') {
      if (!this.clock.observe(ctx.getOutputTimestamp(), ctx.baseLatency + (ctx.outputLatency || 0)) && !this.clock.observed) {
        // The output has not reported a timestamp yet (its first ~0.3 s). Chunks
        // are held back rather than stamped roughly and then corrected (a jump
        // in the engine's audio timeline), unless it never comes: then the rough
        // mapping, refreshed every chunk, beats no audio at all.
        this.clock.seed(ctx.currentTime, performance.now());
        if (++this.chunksBeforeReading <= MAX_CHUNKS_BEFORE_READING) return;
      }
      const chunk: PcmChunkEvent = { data: new Uint8Array(message.data), timestampUs: this.clock.toStudioUs(message.startFrame / ctx.sampleRate) };
      for (const cb of [...this.pcmListeners]) {
        try {
          cb(chunk);
        } catch (err) {
          console.error('audio: a PCM listener failed', err);
        }
      }
      return;
    }
    if (this.meters.size === 0) return;
    this.meters.deliver(this.readings(message.levels), message.frame / ctx.sampleRate);
  }

  private readings(levels: Float32Array): MeterReadings {
    const at = (slot: number): MeterReading => {
      const i = slot * METER_VALUES_PER_SLOT;
      return { peakDb: levels[i] ?? METER_FLOOR_DB, rmsDb: levels[i + 1] ?? METER_FLOOR_DB, peakHoldDb: levels[i + 2] ?? METER_FLOOR_DB };
    };
    const readings: MeterReadings = { [MASTER_METER_ID]: at(MASTER_SLOT) };
    for (const [sourceId, strip] of this.strips) if (strip.slot !== null) readings[sourceId] = at(strip.slot);
    return readings;
  }

  private command(command: TapCommand): void {
    this.tap.port.postMessage(command);
  }

  private assertAlive(): void {
    if (this.destroyed) throw new Error('the mixer was destroyed');
  }
}
