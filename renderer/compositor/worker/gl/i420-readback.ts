/**
 * The WebGL2 raw path's GPU half: converts the program texture to a packed I420
 * frame (shared/i420-glsl.ts) and reads it back without stalling. readPixels
 * goes into a PIXEL_PACK_BUFFER (the copy is queued on the GPU, the call returns
 * at once), a fence follows it, and the bytes are fetched with getBufferSubData
 * only once the fence has signalled, so neither the worker nor the GPU ever waits
 * for the other. A small ring of buffers lets a few frames be in flight.
 */
import { FULLSCREEN_VERTEX_SHADER, I420_FRAGMENT_SHADER, i420TargetSize } from '../../shared/i420-glsl';
import { i420ByteLength } from '../../shared/i420';
import { linkProgram, RenderTarget, uniforms } from './gl-resources';

/** Frames that may be in flight between the GPU and the worker. */
export const READBACK_BUFFERS = 3;

export interface PendingRead {
  readonly buffer: WebGLBuffer;
  readonly sync: WebGLSync;
  readonly startedMs: number;
}

export class I420Readback {
  private readonly program: WebGLProgram;
  private readonly u: Record<'u_src' | 'u_width' | 'u_height', WebGLUniformLocation | null>;
  private readonly target: RenderTarget;
  private readonly free: WebGLBuffer[] = [];
  private readonly all: WebGLBuffer[] = [];
  readonly byteLength: number;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    readonly width: number,
    readonly height: number,
  ) {
    this.program = linkProgram(gl, FULLSCREEN_VERTEX_SHADER, I420_FRAGMENT_SHADER);
    this.u = uniforms(gl, this.program, ['u_src', 'u_width', 'u_height']);
    const size = i420TargetSize(width, height);
    this.target = new RenderTarget(gl, size.width, size.height, gl.NEAREST);
    this.byteLength = i420ByteLength(width, height);
    for (let i = 0; i < READBACK_BUFFERS; i++) {
      const buffer = gl.createBuffer();
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
      gl.bufferData(gl.PIXEL_PACK_BUFFER, this.byteLength, gl.STREAM_READ);
      this.all.push(buffer);
      this.free.push(buffer);
    }
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
  }

  get hasFreeBuffer(): boolean {
    return this.free.length > 0;
  }

  /** Queues the conversion of `source` and its copy into a free buffer. Call only when hasFreeBuffer. */
  start(source: WebGLTexture): PendingRead {
    const gl = this.gl;
    const buffer = this.free.pop();
    if (!buffer) throw new Error('no free readback buffer');
    this.target.bind();
    gl.disable(gl.BLEND);
    gl.disable(gl.SCISSOR_TEST);
    gl.useProgram(this.program);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, source);
    gl.uniform1i(this.u.u_src, 0);
    gl.uniform1i(this.u.u_width, this.width);
    gl.uniform1i(this.u.u_height, this.height);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
    gl.pixelStorei(gl.PACK_ALIGNMENT, 4);
    gl.readPixels(0, 0, this.target.width, this.target.height, gl.RGBA, gl.UNSIGNED_BYTE, 0);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    if (!sync) throw new Error('WebGL2 could not create a fence (the GPU context may be lost)');
    gl.flush(); // the fence must reach the GPU, or it never signals
    return { buffer, sync, startedMs: performance.now() };
  }

  /** Whether the GPU has finished the read (never blocks: a zero timeout). */
  done(read: PendingRead): boolean {
    const status = this.gl.clientWaitSync(read.sync, 0, 0);
    return status === this.gl.ALREADY_SIGNALED || status === this.gl.CONDITION_SATISFIED;
  }

  /** Copies a finished read into `dst` and frees its buffer. */
  finish(read: PendingRead, dst: Uint8Array): void {
    const gl = this.gl;
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, read.buffer);
    gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, dst, 0, this.byteLength);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    this.release(read);
  }

  /** Gives a read's buffer back without copying (closing, or a lost context). */
  release(read: PendingRead): void {
    this.gl.deleteSync(read.sync);
    this.free.push(read.buffer);
  }

  delete(): void {
    for (const buffer of this.all) this.gl.deleteBuffer(buffer);
    this.target.delete();
    this.gl.deleteProgram(this.program);
  }
}
