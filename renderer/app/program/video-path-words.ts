/**
 * The video path and the encoder in words for the stats: which path carries the
 * program, who chose it, and who encodes what. On the encoded path the browser
 * encodes the video and ffmpeg only encodes the audio (and copies the video), so
 * the engine's encoder name (libx264 or a hardware one) must not be shown as the
 * video's encoder there.
 */
import type { EncoderHealth, PathMeasurement, VideoPathStatus } from '../../../preload/contract';

const PATH_WORDS = {
  raw: 'raw frames, encoded by the studio (ffmpeg)',
  encoded: 'encoded in the browser (WebCodecs)',
} as const;

const held = (m: PathMeasurement) => (m.ok ? `${Math.round(m.achievedFps)} fps` : 'failed');

/** "encoded in the browser (WebCodecs) — chosen by pre-flight: raw held 22 fps, encoded 30 fps". */
export function videoPathWords(v: VideoPathStatus): string {
  const path = PATH_WORDS[v.path];
  if (v.chosenBy === 'user') return `${path} — chosen in Settings`;
  if (v.chosenBy === 'default' || !v.preflight) return `${path} — no pre-flight measurement yet, so raw`;
  return `${path} — chosen by pre-flight: raw held ${held(v.preflight.raw)}, encoded ${held(v.preflight.encoded)}`;
}

/** The pre-flight's cost of each path per frame, for the row's tooltip. */
export function preflightCostWords(v: VideoPathStatus): string {
  const p = v.preflight;
  if (!p) return v.reason;
  const cost = (m: PathMeasurement) => `${m.workerMsPerFrame.toFixed(1)} ms`;
  return `${v.reason} Compositor time a frame at ${p.width}×${p.height}: raw ${cost(p.raw)}, encoded ${cost(p.encoded)}.`;
}

/** Who encodes: ffmpeg's encoder on the raw path; the browser (video) and ffmpeg (audio) on the encoded path. */
export function encoderWords(e: EncoderHealth): string {
  if (e.path === 'encoded') return `video: the browser (WebCodecs H.264, ${e.width}×${e.height}); audio: AAC by ffmpeg`;
  return `${e.encoder} (${e.hardware ? 'hardware' : 'software'}, ${e.width}×${e.height})${e.speed !== null ? `, ${e.speed.toFixed(2)}×` : ''}`;
}
