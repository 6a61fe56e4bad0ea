/**
 * The program scene's items, top of the picture first (the scene stores them
 * bottom first), each with a visibility switch and, when its capture or file
 * needs the streamer (permission refused, sharing stopped, a file to pick
 * again), what happened and the button that fixes it; and a form to add a source.
 */
import type { SceneItem, Source } from '../../preload/contract';
import { AddSourceForm } from './AddSourceForm';
import { Dock } from './Dock';
import { SourceFeedNote } from './SourceFeedNote';
import { useProgramStatus } from './program/use-program';
import { useStudio, useStudioView } from './studio-context';
import { Toggle } from './Toggle';

const KIND_WORDS: Readonly<Record<Source['kind'], string>> = {
  camera: 'Camera',
  screen: 'Screen',
  image: 'Image',
  text: 'Text',
  color: 'Colour',
  media: 'Media file',
  'audio-input': 'Audio',
};

export function SourcesDock() {
  const { api } = useStudio();
  const { state } = useStudioView();
  const { sources: feeds } = useProgramStatus();
  const c = state?.collection;
  const scene = c?.scenes.find((s) => s.id === c.programSceneId);
  const sourceOf = (item: SceneItem) => c?.sources.find((s) => s.id === item.sourceId);

  return (
    <Dock title={scene ? `Sources in ${scene.name}` : 'Sources'} className="sources-dock">
      {scene && scene.items.length === 0 && <p className="muted">This scene is empty: add a source below.</p>}
      {scene && (
        <ul className="list" aria-label={`Sources in ${scene.name}`}>
          {[...scene.items].reverse().map((item) => {
            const source = sourceOf(item);
            const name = source?.name ?? 'Missing source';
            const feed = source ? feeds[source.id] : undefined;
            return (
              <li key={item.id} className="list-row source-row">
                <div className="row grow">
                  <Toggle
                    checked={item.visible}
                    ariaLabel={`Show ${name}`}
                    onToggle={(visible) => api.updateSceneItem({ sceneId: scene.id, itemId: item.id, patch: { visible } })}
                  >
                    <span className={item.visible ? '' : 'muted'}>{name}</span>
                  </Toggle>
                  <span className="muted small">{source ? KIND_WORDS[source.kind] : ''}</span>
                </div>
                {source && feed && <SourceFeedNote source={source} feed={feed} />}
              </li>
            );
          })}
        </ul>
      )}
      {scene && <AddSourceForm sceneId={scene.id} />}
    </Dock>
  );
}
