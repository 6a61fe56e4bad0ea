/**
 * Small pure decisions the compositor makes at start-up: is the GL a software
 * one (then Canvas 2D composes), and which video path the pre-flight picks.
 */
import type { Backend, BackendPreference, PathMeasurement } from './types';

/** GL renderers that are CPU emulations: compositing and readback there are slower than Canvas 2D. */
const SOFTWARE_GL = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render/i;

export function isSoftwareGl(renderer: string | null): boolean {
  return renderer === null || SOFTWARE_GL.test(renderer);
}

export interface BackendChoice {
  backend: Backend;
  /** Why, in plain words (shown in health). */
  reason: string;
}

/**
 * WebGL2 only where the GPU draws it: a software GL (SwiftShader, llvmpipe) reads
 * back 5-10x slower than Canvas 2D's in-memory canvases. Forcing a backend (tests,
 * the bench, a user who knows better) wins, except that WebGL2 needs a context.
 */
export function chooseBackend(preference: BackendPreference, renderer: string | null): BackendChoice {
  if (renderer === null) {
    return { backend: 'canvas2d', reason: preference === 'webgl2' ? 'WebGL2 was asked for but this browser has none' : 'this browser has no WebGL2' };
  }
  if (preference === 'canvas2d') return { backend: 'canvas2d', reason: 'Canvas 2D was asked for' };
  if (preference === 'webgl2') return { backend: 'webgl2', reason: `WebGL2 was asked for (${renderer})` };
  return isSoftwareGl(renderer)
    ? { backend: 'canvas2d', reason: `the GL is software-rendered (${renderer}): Canvas 2D is faster` }
    : { backend: 'webgl2', reason: `the GPU accelerates WebGL2 (${renderer})` };
}

/** A path "holds" the frame rate when it composed at least this share of the frames fresh. */
export const HOLD_RATIO = 0.95;

export function holdsRate(m: PathMeasurement, fps: number): boolean {
  return m.ok && m.achievedFps >= fps * HOLD_RATIO;
}

/**
 * Raw first when the engine has a working hardware encoder (it encodes better and
 * the CPU is spared), if raw holds the rate; otherwise whichever holds it with the
 * least worker time; if neither holds, the one that came closest.
 */
export function choosePath(
  raw: PathMeasurement,
  encoded: PathMeasurement,
  fps: number,
  engineHasHardwareEncoder: boolean,
): { choice: 'raw' | 'encoded'; reason: string } {
  const rawHolds = holdsRate(raw, fps);
  const encodedHolds = holdsRate(encoded, fps);
  const ms = (m: PathMeasurement) => `${m.workerMsPerFrame.toFixed(1)} ms a frame`;
  if (engineHasHardwareEncoder && rawHolds) return { choice: 'raw', reason: `raw holds ${fps} fps (${ms(raw)}) and the engine has a hardware encoder` };
  if (rawHolds && encodedHolds) {
    return raw.workerMsPerFrame <= encoded.workerMsPerFrame
      ? { choice: 'raw', reason: `both hold ${fps} fps; raw costs less (${ms(raw)} vs ${ms(encoded)})` }
      : { choice: 'encoded', reason: `both hold ${fps} fps; encoded costs less (${ms(encoded)} vs ${ms(raw)})` };
  }
  if (rawHolds) return { choice: 'raw', reason: `only raw holds ${fps} fps (encoded: ${encoded.error ?? `${encoded.achievedFps.toFixed(1)} fps`})` };
  if (encodedHolds) return { choice: 'encoded', reason: `only encoded holds ${fps} fps (raw: ${raw.error ?? `${raw.achievedFps.toFixed(1)} fps`})` };
  if (!encoded.ok) return { choice: 'raw', reason: `neither holds ${fps} fps; encoded failed (${encoded.error ?? 'unknown'}), raw reached ${raw.achievedFps.toFixed(1)} fps` };
  const choice = raw.ok && raw.achievedFps >= encoded.achievedFps ? 'raw' : 'encoded';
  return { choice, reason: `neither holds ${fps} fps; ${choice} came closest (raw ${raw.achievedFps.toFixed(1)}, encoded ${encoded.achievedFps.toFixed(1)} fps)` };
}
