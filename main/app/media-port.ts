/**
 * The engine's end of a window's media MessagePort. Each message is one media
 * message (contract/media.ts), validated before it reaches the Studio; each is
 * acknowledged with the running count so the preload can tell when main is
 * behind. When the port closes (the page reloaded, crashed or closed) and it had
 * been feeding the program, the Studio is told the producer is gone; the engine
 * holds the last picture, then puts its be-right-back slate on air.
 *
 * Written against a minimal port interface (Electron's MessagePortMain fits) so
 * it is tested without Electron.
 */
import { decodeMediaMessage, type MediaMessage } from '../../preload/contract/media';
import type { Logger } from '../engine/logger';
import { TokenBucket } from '../remote/ws-guard';
import { MEDIA_MESSAGES_PER_S } from '../remote/bridge/bridge-server';

export interface MediaPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
  postMessage(message: unknown): void;
}

export interface MediaSink {
  pushMedia(message: MediaMessage): void;
  producerGone(): void;
}

/** Refusals logged per port before going quiet: a broken producer must not flood the log. */
const MAX_LOGGED_REFUSALS = 5;

export class MediaReceiver {
  /** Messages taken off the port (acknowledged), accepted or not. */
  private handled = 0;
  /** Messages that reached the Studio. */
  private received = 0;
  private refusals = 0;
  private closed = false;
  private readonly bucket: TokenBucket;

  constructor(
    private readonly port: MediaPortLike,
    private readonly sink: MediaSink,
    private readonly logger: Pick<Logger, 'warn'>,
    options: { messagesPerS?: number; now?: () => number } = {},
  ) {
    const perS = options.messagesPerS ?? MEDIA_MESSAGES_PER_S;
    this.bucket = new TokenBucket(perS, 2 * perS, options.now);
    port.on('message', (event) => this.onMessage(event.data));
    port.on('close', () => this.onClose());
    port.start();
  }

  get messagesReceived(): number {
    return this.received;
  }

  /** Stop listening (the window navigated or a new port replaced this one). */
  close(): void {
    if (this.closed) return;
    this.port.close();
    this.onClose();
  }

  private onMessage(data: unknown): void {
    if (this.closed) return;
    this.handled += 1;
    // Acknowledged whatever its fate: the count tells the sender how far main has got.
    this.port.postMessage(this.handled);
    const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
    if (!bytes) return this.refuse('a media message must be bytes');
    if (!this.bucket.take()) return this.refuse('too many media messages');
    const message = decodeMediaMessage(bytes);
    if (typeof message === 'string') return this.refuse(message);
    try {
      this.sink.pushMedia(message);
    } catch (err) {
      return this.refuse((err as Error).message);
    }
    this.received += 1;
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.received > 0) this.sink.producerGone();
  }

  private refuse(why: string): void {
    this.refusals += 1;
    if (this.refusals <= MAX_LOGGED_REFUSALS) this.logger.warn(`media: refused a message from the studio window: ${why}${this.refusals === MAX_LOGGED_REFUSALS ? ' (further refusals not logged)' : ''}`);
  }
}
