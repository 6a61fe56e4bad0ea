/**
 * What the mixer (main thread) and its tap worklet (audio thread) say to each
 * other over the worklet's MessagePort. Types only, plus the names both sides use.
 *
 * The tap node has one input per meter slot: slot 0 is the master bus (metered
 * and captured as PCM), slots 1..MAX_METERED_SOURCES are sources (metered).
 */

export const TAP_PROCESSOR_NAME = 'onair-mixer-tap';
/** Sources beyond this many are mixed but not metered (one worklet input each). */
export const MAX_METERED_SOURCES = 31;
export const MASTER_SLOT = 0;
/** Values per slot in a meters message: peak dB, RMS dB, peak-hold dB. */
export const METER_VALUES_PER_SLOT = 3;

export interface TapOptions {
  /** Inputs of the node, master included. */
  slots: number;
  chunkFrames: number;
  meterIntervalFrames: number;
}

export type TapMessage =
  /** One PCM chunk of the master: s16le stereo interleaved (ownership transferred). */
  | { type: 'pcm'; startFrame: number; data: ArrayBuffer }
  /**
   * Levels of every slot over the last meter period, METER_VALUES_PER_SLOT per
   * slot in slot order; `frame` is the audio-clock frame at the period's end.
   */
  | { type: 'meters'; frame: number; levels: Float32Array<ArrayBuffer> };

export type TapCommand =
  /** Meter period in frames (the fastest rate any subscriber asked for). */
  | { type: 'meter-interval'; frames: number }
  /** The slot now belongs to another source: forget its peak hold. */
  | { type: 'reset-slot'; slot: number };
