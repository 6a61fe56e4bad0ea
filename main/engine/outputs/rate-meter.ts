/**
 * An output's bitrate from the bytes handed to its process, not ffmpeg's own
 * count: the HLS muxer reports none, and a stalled socket shows here as the
 * fan-out backing off. Updated at most once per RATE_WINDOW_MS so the figure is steady.
 */
export const RATE_WINDOW_MS = 1_000;

export class RateMeter {
  private at = 0;
  private bytes = 0;
  private kbps = 0;

  /** kb/s over the last complete window, given the running byte count. */
  sample(nowMs: number, totalBytes: number): number {
    if (this.at === 0) {
      this.at = nowMs;
      this.bytes = totalBytes;
    } else if (nowMs - this.at >= RATE_WINDOW_MS) {
      this.kbps = ((totalBytes - this.bytes) * 8) / (nowMs - this.at);
      this.at = nowMs;
      this.bytes = totalBytes;
    }
    return this.kbps;
  }
}
