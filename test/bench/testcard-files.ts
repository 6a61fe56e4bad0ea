/**
 * The test card rendered once into raw files (I420 .yuv and s16le .pcm), so
 * baselines can read exactly the pictures and sound the engine is fed, at no
 * rendering cost. Rendering CPU is measured on the way, because in the engine
 * run the CLI renders the card live and that cost lands in the engine's figure.
 */
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { i420FrameBytes } from '../../main/engine/sources/media-source';
import { renderTestcardAudio, renderTestcardFrame } from '../../main/engine/sources/testcard';
import { AUDIO_BYTES_PER_FRAME, AUDIO_SAMPLE_RATE, type VideoFormat } from '../../main/engine/types';

export interface TestcardFiles {
  format: VideoFormat;
  videoFile: string;
  /** 48 kHz stereo s16le, as long as the video. */
  audioFile: string;
  frames: number;
  /** CPU time renderTestcardFrame took per frame, µs (rendering only, not the file writes). */
  renderCpuUsPerFrame: number;
  /** CPU time renderTestcardAudio took per second of audio, µs. */
  renderCpuUsPerAudioS: number;
}

/** Files already rendered, by size and frame rate; a request for more frames renders again. */
export class TestcardFileCache {
  private readonly rendered = new Map<string, TestcardFiles>();

  constructor(private readonly dir: string) {}

  async get(format: VideoFormat, frames: number): Promise<TestcardFiles> {
    const key = `${format.width}x${format.height}@${format.fps}`;
    const have = this.rendered.get(key);
    if (have && have.frames >= frames) return have;
    const files = await renderFiles(this.dir, key, format, frames);
    this.rendered.set(key, files);
    return files;
  }
}

async function renderFiles(dir: string, key: string, format: VideoFormat, frames: number): Promise<TestcardFiles> {
  const videoFile = join(dir, `testcard-${key}.yuv`);
  const audioFile = join(dir, `testcard-${key}.pcm`);
  const frame = new Uint8Array(i420FrameBytes(format.width, format.height));
  let renderCpuUs = 0;
  const handle = await open(videoFile, 'w');
  try {
    for (let n = 0; n < frames; n++) {
      const before = process.cpuUsage();
      renderTestcardFrame(format, n, frame);
      const spent = process.cpuUsage(before);
      renderCpuUs += spent.user + spent.system;
      await handle.write(frame);
    }
  } finally {
    await handle.close();
  }
  const samples = Math.round((frames * AUDIO_SAMPLE_RATE) / format.fps);
  const audio = new Uint8Array(samples * AUDIO_BYTES_PER_FRAME);
  const before = process.cpuUsage();
  renderTestcardAudio(0, samples, audio);
  const audioCpu = process.cpuUsage(before);
  await writeFile(audioFile, audio);
  return {
    format,
    videoFile,
    audioFile,
    frames,
    renderCpuUsPerFrame: renderCpuUs / frames,
    renderCpuUsPerAudioS: ((audioCpu.user + audioCpu.system) * AUDIO_SAMPLE_RATE) / samples,
  };
}
