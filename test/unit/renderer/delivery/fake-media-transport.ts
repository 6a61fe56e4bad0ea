/**
 * A fake of the studio client's media side: records every message it is given
 * (header decoded with the contract's own decoder) and has a backlog the test
 * sets, like a WebSocket's bufferedAmount. `refuse` makes sendMedia return false,
 * as the real client does when disconnected.
 */
import { decodeMediaMessage, type MediaMessage } from '../../../../preload/contract/media';
import type { MediaTransport } from '../../../../renderer/delivery/program-sender';

export class FakeMediaTransport implements MediaTransport {
  readonly messages: MediaMessage[] = [];
  /** Every call's parts, as given. */
  readonly calls: Array<readonly Uint8Array[]> = [];
  backlog = 0;
  refuse = false;

  sendMedia(parts: readonly Uint8Array[]): boolean {
    this.calls.push(parts);
    if (this.refuse) return false;
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.byteLength;
    }
    const message = decodeMediaMessage(bytes);
    if (typeof message === 'string') throw new Error(`FakeMediaTransport got an invalid media message: ${message}`);
    this.messages.push(message);
    return true;
  }

  backlogBytes = (): number => this.backlog;
}
