/**
 * Gets a MediaStream's video frames into the compositor worker without the page's
 * main thread touching each frame where possible:
 * - MediaStreamTrackProcessor (Chromium): its ReadableStream of VideoFrames is
 *   transferred once to the frame converter worker, which sends each frame's
 *   pixels straight to the compositor worker.
 * - otherwise: a muted <video> plays the stream and requestVideoFrameCallback
 *   turns each new frame into an ImageBitmap that is transferred to the worker.
 *   This one runs on the main thread, so it slows down when the page is hidden.
 * Either way nothing goes through React.
 */
import type { ToConverter } from './shared/converter-protocol';
import type { ToWorker } from './shared/protocol';

export interface FeedTargets {
  converter(message: ToConverter, transfer?: Transferable[]): void;
  compositor(message: ToWorker, transfer?: Transferable[]): void;
}

interface TrackProcessor {
  readable: ReadableStream<VideoFrame>;
}
type TrackProcessorConstructor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => TrackProcessor;

/** Frames a processor may queue before it drops old ones; the worker only wants the newest. */
const PROCESSOR_BUFFER_FRAMES = 2;

function trackProcessor(): TrackProcessorConstructor | undefined {
  return (globalThis as { MediaStreamTrackProcessor?: TrackProcessorConstructor }).MediaStreamTrackProcessor;
}

/** Starts feeding; returns a stop function (the track itself stays the caller's). */
export function feedStream(sourceId: string, stream: MediaStream, to: FeedTargets): () => void {
  const track = stream.getVideoTracks()[0];
  if (!track) throw new Error(`the stream for source ${sourceId} has no video track`);
  const Processor = trackProcessor();
  if (Processor) {
    const { readable } = new Processor({ track, maxBufferSize: PROCESSOR_BUFFER_FRAMES });
    to.converter({ type: 'stream', sourceId, readable }, [readable]);
    return () => to.converter({ type: 'detach', sourceId });
  }
  return feedByVideoElement(sourceId, stream, to);
}

function feedByVideoElement(sourceId: string, stream: MediaStream, to: FeedTargets): () => void {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  let stopped = false;
  let handle = 0;
  const onFrame = () => {
    if (stopped) return;
    createImageBitmap(video).then(
      (frame) => (stopped ? frame.close() : to.compositor({ type: 'frame', sourceId, frame }, [frame])),
      () => undefined, // no picture yet (size 0 while the stream starts)
    );
    handle = video.requestVideoFrameCallback(onFrame);
  };
  handle = video.requestVideoFrameCallback(onFrame);
  void video.play().catch(() => undefined);
  return () => {
    stopped = true;
    video.cancelVideoFrameCallback(handle);
    video.srcObject = null;
  };
}
