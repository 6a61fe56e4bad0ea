/**
 * Sends the program into the engine: every compositor frame and every mixer PCM
 * chunk as one media message (preload/contract/media.ts: 16-byte header, then
 * the payload) through the studio client, while the engine asks for it.
 *
 * Lifecycle: idle -> start(request, sources) -> sending -> stop() -> idle.
 * follow() drives that from the engine's 'mediaRequest' events: send true starts
 * (or restarts, when the path, size or rate changed), send false stops.
 *
 * Backpressure (video-drop-policy.ts): past a backlog limit, video frames are
 * dropped and counted; audio always goes (the engine's master clock). Frames the
 * engine would refuse (wrong path, wrong size, a bad timestamp) are not sent.
 */
import type { EventPayload } from '../../preload/contract/events';
import { MEDIA_KIND, encodeMediaHeader } from '../../preload/contract/media';
import type { ProgramFrame } from '../compositor/shared/types';
import { RateMeter } from './rate-meter';
import { VideoDropPolicy, rawFrameBytes, videoBacklogLimitBytes } from './video-drop-policy';

export type MediaRequest = EventPayload<'mediaRequest'>;

/** What the sender needs of the studio client (StudioClient fits). */
export interface MediaTransport {
  /** One message as parts (header, payload); false when the transport dropped it. */
  sendMedia(parts: readonly Uint8Array[]): boolean | void;
  /** Bytes waiting to go out (the StudioClient has it); used when no backlogBytes option is given. */
  mediaBacklogBytes?(): number;
}

export interface ProgramFrameSource {
  onProgramFrame(cb: (frame: ProgramFrame) => void): () => void;
  /** Encoded path: make the next frame a keyframe (after drops, so the picture recovers sooner). */
  requestKeyframe?(): void;
}

export interface PcmSource {
  onPcm(cb: (chunk: { data: Uint8Array; timestampUs: number }) => void): () => void;
}

export interface ProgramSources {
  compositor: ProgramFrameSource;
  mixer: PcmSource;
}

export interface ProgramSenderOptions {
  /**
   * Bytes queued in the transport and not yet sent (a WebSocket's bufferedAmount).
   * Without it, only the transport's own refusals (sendMedia returning false) count.
   */
  backlogBytes?: () => number;
  /** Clock for bytesPerS, ms. */
  nowMs?: () => number;
}

export interface ProgramSenderStats {
  sending: boolean;
  videoSent: number;
  /** Dropped for backpressure (and, encoded, the frames up to the next keyframe). */
  videoDropped: number;
  /** Not sendable: another path than requested, a raw frame of the wrong size, a bad timestamp. */
  videoRejected: number;
  audioSent: number;
  /** Audio the transport refused (disconnected, or its own limit): never dropped by choice. */
  audioRefused: number;
  /** Media bytes handed to the transport per second (headers included). */
  bytesPerS: number;
}

const ZERO_COUNTS = { videoSent: 0, videoDropped: 0, videoRejected: 0, audioSent: 0, audioRefused: 0 };

export class ProgramSender {
  private request: MediaRequest | null = null;
  private policy: VideoDropPolicy | null = null;
  private unsubscribe: Array<() => void> = [];
  private counts = { ...ZERO_COUNTS };
  private readonly rate: RateMeter;
  private keyframeRequested = false;

  constructor(
    private readonly client: MediaTransport,
    private readonly options: ProgramSenderOptions = {},
  ) {
    this.rate = new RateMeter(options.nowMs);
  }

  get sending(): boolean {
    return this.request !== null;
  }

  /** Starts sending the program in the requested format (stopping what was sent before). */
  start(request: MediaRequest, sources: ProgramSources): void {
    this.stop();
    this.request = request;
    this.policy = new VideoDropPolicy(videoBacklogLimitBytes(request));
    this.keyframeRequested = false;
    this.unsubscribe = [sources.compositor.onProgramFrame((frame) => this.onFrame(frame, sources.compositor)), sources.mixer.onPcm((chunk) => this.onPcm(chunk))];
  }

  stop(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.request = null;
    this.policy = null;
  }

  /**
   * Follows the engine's media requests until the returned function is called.
   * `onRequest` sees every request first, so the caller can set the compositor
   * to the requested path, size and rate.
   */
  follow(
    events: { on(event: 'mediaRequest', cb: (request: MediaRequest) => void): () => void },
    sources: ProgramSources,
    onRequest: (request: MediaRequest) => void = () => undefined,
  ): () => void {
    const off = events.on('mediaRequest', (request) => {
      onRequest(request);
      if (!request.send) this.stop();
      else if (!this.request || !sameFormat(this.request, request)) this.start(request, sources);
    });
    return () => {
      off();
      this.stop();
    };
  }

  stats(): ProgramSenderStats {
    return { sending: this.sending, ...this.counts, bytesPerS: this.rate.perSecond() };
  }

  resetStats(): void {
    this.counts = { ...ZERO_COUNTS };
    this.rate.reset();
  }

  private onFrame(frame: ProgramFrame, compositor: ProgramFrameSource): void {
    const request = this.request;
    const policy = this.policy;
    if (!request || !policy) return;
    if (!this.sendable(frame, request)) {
      this.counts.videoRejected++;
      return;
    }
    if (policy.decide(frame, this.options.backlogBytes?.() ?? this.client.mediaBacklogBytes?.() ?? 0) === 'drop') {
      this.counts.videoDropped++;
      this.askForKeyframe(frame, compositor);
      return;
    }
    const kind = frame.kind === 'raw' ? MEDIA_KIND.rawVideo : MEDIA_KIND.encodedVideo;
    const keyframe = frame.kind === 'encoded' && frame.keyframe;
    if (this.send(encodeMediaHeader(kind, frame.timestampUs, keyframe), frame.data)) {
      this.counts.videoSent++;
      if (keyframe) this.keyframeRequested = false;
    } else {
      this.counts.videoDropped++;
      policy.lost(frame);
      this.askForKeyframe(frame, compositor);
    }
  }

  private onPcm(chunk: { data: Uint8Array; timestampUs: number }): void {
    if (!this.request) return;
    if (this.send(encodeMediaHeader(MEDIA_KIND.audio, chunk.timestampUs), chunk.data)) this.counts.audioSent++;
    else this.counts.audioRefused++;
  }

  private send(header: Uint8Array, payload: Uint8Array): boolean {
    const ok = this.client.sendMedia([header, payload]) !== false;
    if (ok) this.rate.add(header.byteLength + payload.byteLength);
    return ok;
  }

  /** What the engine would accept for this request (it refuses the rest with an error per frame). */
  private sendable(frame: ProgramFrame, request: MediaRequest): boolean {
    if (frame.kind !== request.path) return false;
    if (!Number.isFinite(frame.timestampUs) || frame.timestampUs < 0) return false;
    return frame.kind !== 'raw' || frame.data.byteLength === rawFrameBytes(request);
  }

  private askForKeyframe(frame: ProgramFrame, compositor: ProgramFrameSource): void {
    if (frame.kind !== 'encoded' || this.keyframeRequested || !compositor.requestKeyframe) return;
    this.keyframeRequested = true;
    compositor.requestKeyframe();
  }
}

/** Whether two requests ask for the same stream (then a repeat changes nothing). */
function sameFormat(a: MediaRequest, b: MediaRequest): boolean {
  return a.path === b.path && a.width === b.width && a.height === b.height && a.fps === b.fps && a.keyframeIntervalS === b.keyframeIntervalS && a.videoBitrateKbps === b.videoBitrateKbps;
}
