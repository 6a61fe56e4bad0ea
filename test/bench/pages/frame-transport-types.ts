/** What the frame-transport bench page exposes on `window` for the bench to drive (types only). */
import type { ProgramSenderStats } from '../../../renderer/delivery';

export interface FrameTransportPage {
  ready: boolean;
  error: string | null;
  connected(): boolean;
  /** A contract call through the page's own studio client (result as JSON). */
  call(method: string, params: unknown): Promise<unknown>;
  stats(): ProgramSenderStats & {
    framesMade: number;
    /** The socket's bufferedAmount now, bytes. */
    backlogBytes: number;
    /** Largest bufferedAmount seen when a frame was offered, bytes. */
    backlogMaxBytes: number;
    /** Bytes handed to the socket since the page started (headers included). */
    bytesSent: number;
    lastRequest: unknown;
  };
}

declare global {
  interface Window {
    frameTransport?: FrameTransportPage;
  }
}
