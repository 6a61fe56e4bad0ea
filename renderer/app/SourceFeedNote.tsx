/**
 * What a source's capture or file is doing when the streamer should know:
 * starting, refused, stopped, or a file to pick again, with the one button
 * that fixes it (a click, so a browser may show its share picker).
 */
import type { Source } from '../../preload/contract';
import type { SourceFeed } from './program/capture-manager';
import { PICK_AGAIN } from './program/source-pictures';
import { useProgram } from './program/use-program';
import { useStudio } from './studio-context';
import { useAction } from './use-action';
import { ErrorText } from './ErrorText';

export function SourceFeedNote({ source, feed }: { source: Source; feed: SourceFeed }) {
  const runtime = useProgram();
  const { api } = useStudio();
  const pick = useAction();
  if (feed.state === 'live' && !feed.message) return null;
  const trouble = feed.state === 'failed' || feed.state === 'ended';
  return (
    <div className="feed-note">
      {feed.state === 'opening' && <span className="muted small">Starting…</span>}
      {feed.message && (
        <p className={`small ${trouble ? 'error-text' : 'warn-text'}`} role={trouble ? 'alert' : 'status'}>
          {feed.message}
        </p>
      )}
      {feed.action === PICK_AGAIN && source.kind === 'media' && runtime ? (
        <label className="file-button small">
          {PICK_AGAIN}
          <input
            type="file"
            accept="video/*,audio/*"
            aria-label={`${PICK_AGAIN} for ${source.name}`}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void pick.run(() => api.updateSource({ sourceId: source.id, settings: { src: runtime.localFileUrl(file) } }));
            }}
          />
        </label>
      ) : (
        feed.action && (
          <button type="button" className="small" aria-label={`${feed.action}: ${source.name}`} onClick={() => runtime?.requestCapture(source.id)}>
            {feed.action}
          </button>
        )
      )}
      <ErrorText message={pick.error} />
    </div>
  );
}
