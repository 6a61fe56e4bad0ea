/**
 * The tap processor run in Node: the AudioWorkletGlobalScope it expects
 * (AudioWorkletProcessor, registerProcessor, currentFrame, sampleRate) is
 * provided by a fake scope, and its port by a fake that records what it posts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METER_FLOOR_DB } from '../../../../renderer/audio/levels';
import { PCM_BYTES_PER_FRAME, PCM_CHUNK_FRAMES } from '../../../../renderer/audio/pcm';
import { METER_VALUES_PER_SLOT, TAP_PROCESSOR_NAME, type TapCommand, type TapMessage, type TapOptions } from '../../../../renderer/audio/worklet-messages';

const QUANTUM = 128;
const SAMPLE_RATE = 48_000;

class FakeWorkletPort {
  readonly posted: TapMessage[] = [];
  onmessage: ((event: { data: TapCommand }) => void) | null = null;
  postMessage(message: TapMessage): void {
    this.posted.push(message);
  }
}

type Processor = { port: FakeWorkletPort; process(inputs: Float32Array[][]): boolean };
type ProcessorClass = new (options: { processorOptions: TapOptions }) => Processor;

const scope = globalThis as unknown as Record<string, unknown>;
const registered = new Map<string, ProcessorClass>();

beforeAll(async () => {
  scope['sampleRate'] = SAMPLE_RATE;
  scope['currentFrame'] = 0;
  scope['AudioWorkletProcessor'] = class {
    readonly port = new FakeWorkletPort();
  };
  scope['registerProcessor'] = (name: string, ctor: ProcessorClass) => registered.set(name, ctor);
  await import('../../../../renderer/audio/mixer-worklet');
});

afterAll(() => {
  for (const name of ['sampleRate', 'currentFrame', 'AudioWorkletProcessor', 'registerProcessor']) delete scope[name];
});

function makeTap(slots = 3, meterIntervalFrames = 1600): Processor {
  const Tap = registered.get(TAP_PROCESSOR_NAME);
  if (!Tap) throw new Error('the worklet registered no processor');
  return new Tap({ processorOptions: { slots, chunkFrames: PCM_CHUNK_FRAMES, meterIntervalFrames } });
}

/** Runs `quanta` render quanta; `inputs(q)` gives each quantum's inputs. */
function render(tap: Processor, quanta: number, inputs: (q: number) => Float32Array[][]): void {
  for (let q = 0; q < quanta; q++) {
    scope['currentFrame'] = q * QUANTUM;
    expect(tap.process(inputs(q))).toBe(true);
  }
}

const constant = (value: number) => new Float32Array(QUANTUM).fill(value);

describe('the mixer tap worklet', () => {
  it('registers under the name the mixer creates it by', () => {
    expect(registered.has(TAP_PROCESSOR_NAME)).toBe(true);
  });

  it('turns the master into 480-frame s16le chunks stamped with their first frame, silence included', () => {
    const tap = makeTap();
    render(tap, 15, (q) => (q < 8 ? [[constant(0.5), constant(-0.5)]] : [[]]));
    const pcm = tap.port.posted.filter((m) => m.type === 'pcm');
    expect(pcm.map((m) => m.startFrame)).toEqual([0, 480, 960, 1440]);
    const first = new Int16Array(pcm[0]!.data);
    expect(pcm[0]!.data.byteLength).toBe(PCM_CHUNK_FRAMES * PCM_BYTES_PER_FRAME);
    expect([first[0], first[1]]).toEqual([16384, -16384]);
    expect(new Int16Array(pcm[3]!.data).every((s) => s === 0)).toBe(true);
  });

  it('meters every slot once per period: peak, RMS and hold in dBFS, the floor for silence', () => {
    const tap = makeTap(3, 1600);
    render(tap, 13, () => [[constant(0.5), constant(0.5)], [constant(0.1)], []]);
    const meters = tap.port.posted.filter((m) => m.type === 'meters');
    expect(meters).toHaveLength(1); // 13 quanta = 1664 frames >= 1600
    const levels = meters[0]!.levels;
    expect(levels.length).toBe(3 * METER_VALUES_PER_SLOT);
    expect(levels[0]).toBeCloseTo(-6.02, 2); // master peak
    expect(levels[1]).toBeCloseTo(-6.02, 2); // master RMS (a constant)
    expect(levels[3]).toBeCloseTo(-20, 2); // slot 1 peak
    expect(levels[2]).toBeCloseTo(-6.02, 2); // master hold
    expect([levels[6], levels[7], levels[8]]).toEqual([METER_FLOOR_DB, METER_FLOOR_DB, METER_FLOOR_DB]);
    expect(meters[0]!.frame).toBe(13 * QUANTUM);
  });

  it('meters at the requested rate on average (periods end on quantum boundaries)', () => {
    const tap = makeTap(1, 1600);
    render(tap, 375 * 4, () => [[constant(0.1)]]); // 4 s
    const count = tap.port.posted.filter((m) => m.type === 'meters').length;
    expect(count).toBeGreaterThanOrEqual(119);
    expect(count).toBeLessThanOrEqual(120);
  });

  it('changes its meter period on command and forgets a slot\'s hold when told', () => {
    const tap = makeTap(2, 1600);
    tap.port.onmessage?.({ data: { type: 'meter-interval', frames: 480 } });
    render(tap, 4, () => [[], [constant(1)]]); // 512 frames: one period
    tap.port.onmessage?.({ data: { type: 'reset-slot', slot: 1 } });
    render(tap, 4, () => [[], [constant(0.01)]]);
    const meters = tap.port.posted.filter((m) => m.type === 'meters');
    expect(meters).toHaveLength(2);
    expect(meters[0]!.levels[5]).toBeCloseTo(0, 3); // hold at the full-scale peak
    expect(meters[1]!.levels[5]).toBeCloseTo(-40, 2); // after the reset: the new source's own peak
  });
});
