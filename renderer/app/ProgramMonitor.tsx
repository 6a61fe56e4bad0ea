/**
 * The program monitor. Until the compositor is connected (its own issue) it names
 * the scene on program (and on preview in studio mode), and never shows fake video.
 */
import type { StudioState } from '../../preload/contract';

export function ProgramMonitor({ state }: { state: StudioState | null }) {
  const c = state?.collection;
  const sceneName = (id: string | undefined) => c?.scenes.find((s) => s.id === id)?.name ?? '–';
  const live = state?.live;
  return (
    <section className="monitors" aria-label="Monitors">
      {c?.studioMode && (
        <figure className="monitor" aria-label="Preview monitor">
          <div className="monitor-screen">
            <p className="monitor-scene">{sceneName(c.previewSceneId)}</p>
            <p className="monitor-note">Preview appears when the compositor is connected</p>
          </div>
          <figcaption>Preview: {sceneName(c.previewSceneId)}</figcaption>
        </figure>
      )}
      <figure className="monitor" aria-label="Program monitor">
        <div className="monitor-screen">
          <p className="monitor-scene" data-testid="program-scene">
            {sceneName(c?.programSceneId)}
          </p>
          <p className="monitor-note">Preview appears when the compositor is connected</p>
          {live?.streaming === 'live' && live.producer === 'none' && <p className="monitor-note">Viewers see the studio's stand-by slate.</p>}
        </div>
        <figcaption>
          Program: {sceneName(c?.programSceneId)}
          {live?.streaming === 'live' && <span className="on-air"> · ON AIR</span>}
        </figcaption>
      </figure>
    </section>
  );
}
