/** Level of one s16le stereo PCM chunk, for the test pages (the samples stay in the page). */
import { gainToDb } from '../../../renderer/audio/levels';

const S16_FULL_SCALE = 32767;

export function pcmLevel(data: Uint8Array): { frames: number; rmsDb: number; allZero: boolean } {
  const samples = new Int16Array(data.buffer, data.byteOffset, data.byteLength >> 1);
  let sum = 0;
  let allZero = true;
  for (const s of samples) {
    sum += s * s;
    if (s !== 0) allZero = false;
  }
  const rms = samples.length > 0 ? Math.sqrt(sum / samples.length) / S16_FULL_SCALE : 0;
  return { frames: samples.length / 2, rmsDb: gainToDb(rms), allZero };
}
