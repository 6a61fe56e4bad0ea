/**
 * The WebGL2 readback on its own, for the bench: a frame cleared to a new colour
 * each round, read back (1) with a blocking readPixels and (2) the raw path's way,
 * converted to I420 on the GPU and read through a fenced pixel buffer
 * (I420Readback), timing the queueing, the wait (polled, as the sink does) and the fetch.
 */
import { I420Readback } from '../../../renderer/compositor/worker/gl/i420-readback';
import { RenderTarget } from '../../../renderer/compositor/worker/gl/gl-resources';
import type { GlReadbackBench } from './harness-api';

const POLL_MS = 1;

export async function benchGlReadback(width: number, height: number, rounds: number): Promise<GlReadbackBench> {
  const gl = new OffscreenCanvas(width, height).getContext('webgl2', { antialias: false, depth: false, stencil: false });
  if (!gl) throw new Error('no WebGL2 in this browser (launch it with softwareWebGl)');
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  const target = new RenderTarget(gl, width, height, gl.NEAREST);
  const readback = new I420Readback(gl, width, height);
  const rgba = new Uint8Array(width * height * 4);
  const i420 = new Uint8Array(readback.byteLength);
  const totals = { sync: 0, issue: 0, latency: 0, fetch: 0 };
  for (let i = 0; i < rounds; i++) {
    const paint = () => {
      target.bind();
      gl.clearColor((i % 7) / 7, (i % 5) / 5, (i % 3) / 3, 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
    };
    paint();
    let t = performance.now();
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
    totals.sync += performance.now() - t;
    paint();
    t = performance.now();
    const read = readback.start(target.texture);
    const issued = performance.now();
    totals.issue += issued - t;
    while (!readback.done(read)) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const signalled = performance.now();
    totals.latency += signalled - issued;
    readback.finish(read, i420);
    totals.fetch += performance.now() - signalled;
  }
  readback.delete();
  target.delete();
  return {
    width,
    height,
    renderer,
    syncReadPixelsMs: totals.sync / rounds,
    i420IssueMs: totals.issue / rounds,
    i420LatencyMs: totals.latency / rounds,
    i420FetchMs: totals.fetch / rounds,
  };
}
