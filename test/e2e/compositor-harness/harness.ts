/**
 * The compositor harness: a bare page that runs the real Compositor (worker
 * included, bundled by Vite like the app) and keeps what it outputs where tests
 * can look: recent raw frames by timestamp, encoded units, monitor counts, errors.
 */
import { Compositor } from '../../../renderer/compositor/index';
import type { TransitionInfo } from '../../../renderer/compositor/index';
import { RGBA_ORDER, i420ByteLength, rgbaToI420 } from '../../../renderer/compositor/shared/i420';
import { studioNowUs } from '../../../renderer/compositor/shared/studio-clock';
import { benchGlReadback } from './gl-readback-bench';
import type { EncodedUnit, HarnessApi, Yuv } from './harness-api';

/** Raw frames kept for sampling (at a small test size this is a few MB). */
const KEPT_RAW_FRAMES = 120;
const TRANSITION_POLL_MS = 20;

let compositor: Compositor | null = null;
let width = 0;
let height = 0;
const raw = new Map<number, Uint8Array>();
const times: number[] = [];
let encoded: EncodedUnit[] = [];
const waiters: Array<{ atUs: number; resolve: (ts: number) => void }> = [];
const monitors = { program: 0, preview: 0 };
const errors: string[] = [];
let transition: TransitionInfo | null = null;
let lastTransitionStart = -1;
let hidden = false;

Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });

function need(): Compositor {
  if (!compositor) throw new Error('harness.start first');
  return compositor;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const harness: HarnessApi = {
  async start(output, monitorFps, backend) {
    width = output.width;
    height = output.height;
    compositor = await Compositor.create(output, { ...(monitorFps === undefined ? {} : { monitorFps }), ...(backend === undefined ? {} : { backend }) });
    compositor.onProgramFrame((f) => {
      times.push(f.timestampUs);
      if (f.kind === 'encoded') {
        encoded.push({ timestampUs: f.timestampUs, keyframe: f.keyframe, base64: toBase64(f.data) });
        return;
      }
      raw.set(f.timestampUs, f.data);
      if (raw.size > KEPT_RAW_FRAMES) raw.delete(raw.keys().next().value!);
      for (const w of waiters.splice(0)) {
        if (f.timestampUs >= w.atUs) w.resolve(f.timestampUs);
        else waiters.push(w);
      }
    });
    const canvas = document.getElementById('program-monitor') as HTMLCanvasElement;
    const view = canvas.getContext('bitmaprenderer');
    compositor.onMonitor((m) => {
      monitors.program++;
      if (m.preview) monitors.preview++;
      view?.transferFromImageBitmap(m.program);
    });
    compositor.onError((e) => errors.push(`${e.sourceId ?? '-'}: ${e.message}`));
    setInterval(() => {
      const t = compositor?.stats().transition ?? null;
      if (t && t.startUs !== lastTransitionStart) {
        lastTransitionStart = t.startUs;
        transition = t;
      }
    }, TRANSITION_POLL_MS);
    return compositor.stats();
  },
  setCollection: (c) => need().setCollection(c),
  setOutput: (o) => {
    width = o.width;
    height = o.height;
    need().setOutput(o);
  },
  requestKeyframe: () => need().requestKeyframe(),
  async setQuadrantImage(sourceId, w, h, colors) {
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d')!;
    const [tl, tr, bl, br] = colors;
    const quads: Array<[string, number, number]> = [[tl, 0, 0], [tr, w / 2, 0], [bl, 0, h / 2], [br, w / 2, h / 2]];
    for (const [color, x, y] of quads) {
      ctx.fillStyle = color;
      ctx.fillRect(x, y, w / 2, h / 2);
    }
    need().setImage(sourceId, await canvas.convertToBlob({ type: 'image/png' }));
  },
  async attachCamera(sourceId) {
    need().attachStream(sourceId, await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } }));
  },
  rawFrameAfter(atUs) {
    for (const ts of raw.keys()) if (ts >= atUs) return Promise.resolve(ts);
    return new Promise((resolve) => waiters.push({ atUs, resolve }));
  },
  sample(timestampUs, points) {
    const frame = raw.get(timestampUs);
    if (!frame) throw new Error(`no kept frame at ${timestampUs}`);
    const cw = width / 2;
    const uBase = width * height;
    const vBase = uBase + cw * (height / 2);
    return points.map(([x, y]): Yuv => {
      const c = Math.floor(y / 2) * cw + Math.floor(x / 2);
      return { y: frame[y * width + x]!, u: frame[uBase + c]!, v: frame[vBase + c]! };
    });
  },
  timestamps: () => times.slice(),
  takeEncoded() {
    const out = encoded;
    encoded = [];
    return out;
  },
  takeTransition() {
    const t = transition;
    transition = null;
    return t;
  },
  monitorCount: () => ({ ...monitors }),
  stats: () => need().stats(),
  preflight: (engineHasHardwareEncoder, durationMs) => need().preflight({ engineHasHardwareEncoder, durationMs }),
  now: () => studioNowUs(),
  setHidden(value) {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  },
  busyMainThread(ms) {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      // spin: nothing on this thread runs meanwhile
    }
  },
  errors: () => errors.slice(),
  async benchReadback(w, h, rounds) {
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d', { alpha: false, willReadFrequently: true })!;
    const rgba = new Uint8Array(w * h * 4);
    const i420 = new Uint8Array(i420ByteLength(w, h));
    let getImageDataMs = 0;
    let videoFrameCopyMs = 0;
    let i420Ms = 0;
    for (let i = 0; i < rounds; i++) {
      ctx.fillStyle = `hsl(${i * 37} 80% 50%)`;
      ctx.fillRect(0, 0, w, h);
      let t = performance.now();
      const image = ctx.getImageData(0, 0, w, h);
      getImageDataMs += performance.now() - t;
      t = performance.now();
      const frame = new VideoFrame(canvas, { timestamp: 0 });
      await frame.copyTo(rgba);
      frame.close();
      videoFrameCopyMs += performance.now() - t;
      t = performance.now();
      rgbaToI420(image.data, w, h, i420, RGBA_ORDER);
      i420Ms += performance.now() - t;
    }
    return { width: w, height: h, getImageDataMs: getImageDataMs / rounds, videoFrameCopyMs: videoFrameCopyMs / rounds, i420Ms: i420Ms / rounds };
  },
  benchGlReadback,
  destroy() {
    compositor?.destroy();
    compositor = null;
  },
};

window.harness = harness;
