/**
 * The mixer's stand-in for the frame-transport bench: 10 ms chunks of silence
 * (s16le 48 kHz stereo, the engine's audio format) stamped on the studio clock.
 * Audio is the engine's master clock, so the page sends it as the real mixer
 * would; silence keeps the page's audio cost out of the transport figure.
 */
import { studioNowUs } from '../../../renderer/compositor/shared/studio-clock';
import type { PcmSource } from '../../../renderer/delivery';

const CHUNK_US = 10_000;
const SAMPLE_RATE = 48_000;
const CHANNELS = 2;
const BYTES_PER_SAMPLE = 2;
const US_PER_S = 1_000_000;
/** How often the source looks at the clock, ms. */
const TICK_MS = 5;
/** Further behind than this (a throttled timer), it skips ahead instead of bursting. */
const MAX_CATCH_UP_CHUNKS = 10;

export class SilentPcm implements PcmSource {
  private readonly listeners = new Set<(chunk: { data: Uint8Array; timestampUs: number }) => void>();
  private readonly silence = new Uint8Array(((SAMPLE_RATE * CHUNK_US) / US_PER_S) * CHANNELS * BYTES_PER_SAMPLE);
  private timer: ReturnType<typeof setInterval> | null = null;
  private next = 0;

  onPcm(cb: (chunk: { data: Uint8Array; timestampUs: number }) => void): () => void {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  }

  start(): void {
    this.stop();
    this.next = Math.ceil(studioNowUs() / CHUNK_US);
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const due = Math.floor(studioNowUs() / CHUNK_US);
    if (due - this.next > MAX_CATCH_UP_CHUNKS) this.next = due - MAX_CATCH_UP_CHUNKS;
    for (; this.next <= due; this.next++) {
      for (const cb of this.listeners) cb({ data: this.silence, timestampUs: this.next * CHUNK_US });
    }
  }
}
