/**
 * Messages between the compositor's main-thread side (renderer/compositor/index.ts)
 * and its worker. Heavy payloads (frames, bitmaps, buffers, streams) are transferred,
 * never copied.
 */
import type { SceneCollection } from '../../../preload/contract/model';
import type { BackendPreference, CompositorStats, OutputOptions, PreflightResult } from './types';

export type ToWorker =
  /** `converterPort`: where the frame converter worker sends sources' pixels. */
  | { type: 'init'; output: OutputOptions; monitorFps: number; converterPort: MessagePort; backend: BackendPreference }
  | { type: 'collection'; collection: SceneCollection }
  | { type: 'output'; output: OutputOptions }
  /** One picture of a source (the fallback feed, where frame streams cannot be transferred). */
  | { type: 'frame'; sourceId: string; frame: ImageBitmap }
  | { type: 'image'; sourceId: string; blob: Blob }
  | { type: 'monitors'; enabled: boolean }
  /** Encoded path: make the next frame a keyframe (the delivery dropped frames). */
  | { type: 'keyframe' }
  | { type: 'preflight'; requestId: number; durationMs: number; engineHasHardwareEncoder: boolean }
  | { type: 'destroy' };

export type FromWorker =
  | { type: 'ready'; stats: CompositorStats }
  | { type: 'raw'; data: ArrayBuffer; timestampUs: number; preflight: boolean }
  | { type: 'encoded'; data: ArrayBuffer; keyframe: boolean; timestampUs: number; preflight: boolean }
  | { type: 'monitor'; program: ImageBitmap; preview: ImageBitmap | null }
  | { type: 'stats'; stats: CompositorStats }
  | { type: 'preflight-result'; requestId: number; result: PreflightResult }
  /** The program started going out during the pre-flight: it stopped early, measuring nothing. */
  | { type: 'preflight-cancelled'; requestId: number }
  | { type: 'error'; message: string; sourceId: string | null }
  /** The worker could not start at all (create() rejects with it). */
  | { type: 'failed'; message: string };
