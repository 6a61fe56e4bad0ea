/**
 * This window's side of the picture, next to the engine's: the compositor's
 * backend and path, the rate it composes at with the frames it had to repeat,
 * and what the sender dropped on the way to the studio. Read once a second
 * (the compositor refreshes its stats at about that pace). First, from the
 * studio's health: the video path of the broadcast and who chose it.
 */
import type { Backend, VideoPath } from '../compositor/shared/types';
import { formatPercent } from './format';
import { useProgram } from './program/use-program';
import { preflightCostWords, videoPathWords } from './program/video-path-words';
import { useStudioView } from './studio-context';
import { useNow } from './use-now';

const BACKEND_WORDS: Readonly<Record<Backend, string>> = { canvas2d: 'Canvas 2D', webgl2: 'WebGL2' };
const PATH_WORDS: Readonly<Record<VideoPath, string>> = {
  raw: 'raw frames (the studio encodes)',
  encoded: 'H.264 from the browser',
  none: 'monitors only (nothing asked for)',
};

export function CompositorStatsRows() {
  const runtime = useProgram();
  const videoPath = useStudioView().health?.videoPath ?? null;
  useNow(runtime !== null);
  const stats = runtime?.compositorStats() ?? null;
  const pathRow = videoPath && (
    <>
      <dt>Video path</dt>
      <dd title={preflightCostWords(videoPath)}>{videoPathWords(videoPath)}</dd>
    </>
  );
  if (!runtime || !stats) {
    return (
      <>
        {pathRow}
        <dt>Compositor</dt>
        <dd>not running</dd>
      </>
    );
  }
  const sender = runtime.senderStats();
  const sent = sender.videoSent + sender.videoDropped;
  return (
    <>
      {pathRow}
      <dt>Compositor</dt>
      <dd title={`Why ${BACKEND_WORDS[stats.backend]}: ${stats.backendReason}`}>
        {BACKEND_WORDS[stats.backend]}, {PATH_WORDS[stats.path]}
      </dd>
      <dt title="Frames composed per second; repeated: a frame sent again because the next was late">Compositor rate</dt>
      <dd>
        {stats.fps.toFixed(1)} fps, {stats.repeatedFrames} repeated ({formatPercent(stats.repeatedFrames, stats.framesSent)})
      </dd>
      <dt title="Frames this window could not hand to the studio in time (the connection was backed up)">Dropped (sending)</dt>
      <dd>
        {sender.videoDropped} ({formatPercent(sender.videoDropped, sent)})
      </dd>
    </>
  );
}
