/**
 * One simulated HLS viewer, for the viewer-load bench: it behaves like a live
 * player (hls.js's defaults) without decoding anything.
 *
 * Lifecycle: run() -> loads the playlist -> queues the newest START_SEGMENTS
 * segments (a player starts about three segments behind live) -> downloads queued
 * segments one at a time (woken when one is queued) while reloading the playlist every target duration (half
 * of it when nothing changed), queueing every new segment -> at stopAtMs stops
 * reloading, finishes what is queued (until drainUntilMs), and resolves.
 * Each viewer has its own keep-alive agent with two sockets, like a browser tab
 * fetching the playlist and a segment side by side.
 */
import { Agent, get } from 'node:http';
import { parseMediaPlaylist } from '../helpers/hls-playlist';

/** hls.js starts liveSyncDurationCount (3) target durations behind the live edge. */
const START_SEGMENTS = 3;
const SOCKETS_PER_VIEWER = 2;
/** A request that takes this long has failed, as far as a player is concerned. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Before the first playlist is known (a 404 from a stream not yet live), retry this often. */
const RETRY_MS = 500;
export const VIEWER_USER_AGENT = 'onair-bench-viewer';

export interface SegmentFetch {
  sequence: number;
  uri: string;
  ok: boolean;
  /** Request start to last byte, ms. */
  latencyMs: number;
  bytes: number;
  /** The edge's X-Cache-Status. */
  cacheStatus: string;
}

export interface ViewerResult {
  /** Sequence of the first segment this viewer queued; undefined if it never got a playlist. */
  firstSequence: number | undefined;
  segments: SegmentFetch[];
  playlistFetches: number;
  playlistErrors: number;
  playlistCacheStatuses: Record<string, number>;
}

interface HttpAnswer {
  status: number;
  cacheStatus: string;
  body: Buffer | null;
  bytes: number;
  latencyMs: number;
}

export class SimulatedViewer {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: SOCKETS_PER_VIEWER });
  private readonly queue: Array<{ sequence: number; uri: string }> = [];
  private readonly result: ViewerResult = { firstSequence: undefined, segments: [], playlistFetches: 0, playlistErrors: 0, playlistCacheStatuses: {} };
  private readonly playlistUrl: string;
  private readonly stopAtMs: number;
  private readonly drainUntilMs: number;
  private lastQueued = -1;
  private reloading = true;
  /** Wakes the download loop when a segment is queued or reloading ends. */
  private wake: (() => void) | undefined;

  constructor(playlistUrl: string, stopAtMs: number, drainUntilMs: number) {
    this.playlistUrl = playlistUrl;
    this.stopAtMs = stopAtMs;
    this.drainUntilMs = drainUntilMs;
  }

  async run(): Promise<ViewerResult> {
    try {
      await Promise.all([this.reloadLoop(), this.downloadLoop()]);
    } finally {
      this.agent.destroy();
    }
    return this.result;
  }

  private async reloadLoop(): Promise<void> {
    try {
      await this.reloadUntilStop();
    } finally {
      this.reloading = false;
      this.notify();
    }
  }

  private async reloadUntilStop(): Promise<void> {
    while (Date.now() < this.stopAtMs) {
      const answer = await this.request(this.playlistUrl, true).catch(() => null);
      this.result.playlistFetches++;
      if (answer === null || answer.status !== 200 || answer.body === null) {
        this.result.playlistErrors++;
        await sleepUntil(Math.min(Date.now() + RETRY_MS, this.stopAtMs));
        continue;
      }
      const statuses = this.result.playlistCacheStatuses;
      statuses[answer.cacheStatus] = (statuses[answer.cacheStatus] ?? 0) + 1;
      const playlist = parseMediaPlaylist(answer.body.toString('utf8'));
      const fresh = playlist.segments.filter((s) => s.sequence > this.lastQueued);
      const queued = this.lastQueued < 0 ? fresh.slice(-START_SEGMENTS) : fresh;
      if (queued.length > 0) {
        this.result.firstSequence ??= queued[0]!.sequence;
        this.queue.push(...queued.map(({ sequence, uri }) => ({ sequence, uri })));
        this.lastQueued = queued.at(-1)!.sequence;
        this.notify();
      }
      const reloadMs = (playlist.targetDurationS * 1000) / (queued.length > 0 ? 1 : 2);
      await sleepUntil(Math.min(Date.now() + reloadMs, this.stopAtMs));
    }
  }

  /** One segment at a time, in order, like a player filling its buffer. */
  private async downloadLoop(): Promise<void> {
    for (;;) {
      const next = this.queue.shift();
      if (next === undefined) {
        if (!this.reloading) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      if (Date.now() >= this.drainUntilMs) return;
      const url = new URL(next.uri, this.playlistUrl).toString();
      const started = Date.now();
      const answer = await this.request(url, false).catch(() => null);
      this.result.segments.push({
        sequence: next.sequence,
        uri: next.uri,
        ok: answer?.status === 200 && answer.bytes > 0,
        latencyMs: answer?.latencyMs ?? Date.now() - started,
        bytes: answer?.bytes ?? 0,
        cacheStatus: answer?.cacheStatus ?? 'ERROR',
      });
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** GET with this viewer's agent; keeps the body only when asked (playlists). */
  private request(url: string, keepBody: boolean): Promise<HttpAnswer> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const request = get(url, { agent: this.agent, headers: { 'user-agent': VIEWER_USER_AGENT }, timeout: REQUEST_TIMEOUT_MS }, (response) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (keepBody) chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            cacheStatus: String(response.headers['x-cache-status'] ?? 'NONE'),
            body: keepBody ? Buffer.concat(chunks) : null,
            bytes,
            latencyMs: performance.now() - started,
          }),
        );
        response.on('error', reject);
      });
      request.on('timeout', () => request.destroy(new Error(`timed out after ${REQUEST_TIMEOUT_MS} ms`)));
      request.on('error', reject);
    });
  }
}

function sleepUntil(atMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, atMs - Date.now())));
}
