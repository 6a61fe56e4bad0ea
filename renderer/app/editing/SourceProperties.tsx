/**
 * The selected item's properties: its transform as numbers (checked at each
 * field), the placement buttons a streamer reaches for (fit, stretch, centre,
 * reset), and the source's own settings. Keyed by item in the dock, so a new
 * selection starts from its own values.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { SceneItem, Source } from '../../../preload/contract';
import { NumberField } from '../NumberField';
import { useStudioView } from '../studio-context';
import { useEditor } from './editing-context';
import { SourceSettingsForm } from './SourceSettingsForm';
import { draftOf, FIELD_LABELS, patchOf, TRANSFORM_FIELDS, transformFieldError, type TransformDraft, type TransformField } from './transform-fields';
import { centreOnScreen, fitToScreen, resetTransform, stretchToScreen } from './transform-ops';
import { useNaturalSize } from './use-natural-size';

export function SourceProperties({ item, source }: { item: SceneItem; source: Source }) {
  const { state } = useStudioView();
  const editor = useEditor();
  const [draft, setDraft] = useState<TransformDraft>(() => draftOf(item));
  // The studio's values replace the fields when the item changes elsewhere (a drag on the monitor).
  const current = JSON.stringify(draftOf(item));
  useEffect(() => setDraft(JSON.parse(current) as TransformDraft), [current]);
  const natural = useNaturalSize(source);
  const profile = state?.settings.profile;
  const canvas = profile ? { width: profile.width, height: profile.height } : null;
  const patch = patchOf(draft);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (patch) void editor.change(item, { transform: item.transform, opacity: item.opacity }, patch);
  };
  const place = (f: (t: SceneItem['transform']) => SceneItem['transform']) => void editor.change(item, { transform: item.transform }, { transform: f(item.transform) });

  return (
    <section className="properties" aria-label={`Properties of ${source.name}`}>
      <h3>Properties: {source.name}</h3>
      <form onSubmit={onSubmit} aria-label={`Transform of ${source.name}`}>
        <div className="grid">
          {TRANSFORM_FIELDS.map((field: TransformField) => (
            <NumberField
              key={field}
              name={field}
              label={FIELD_LABELS[field]}
              value={draft[field]}
              step={1}
              error={transformFieldError(field, draft[field])}
              onChange={(value) => setDraft((d) => ({ ...d, [field]: value }))}
            />
          ))}
        </div>
        <div className="buttons">
          <button type="submit" disabled={!patch}>
            Apply transform
          </button>
        </div>
      </form>
      {canvas && (
        <div className="buttons" role="group" aria-label="Placement">
          <button type="button" onClick={() => place((t) => fitToScreen(t, canvas))}>
            Fit to screen
          </button>
          <button type="button" onClick={() => place((t) => stretchToScreen(t, canvas))}>
            Stretch to screen
          </button>
          <button type="button" onClick={() => place((t) => centreOnScreen(t, canvas))}>
            Centre
          </button>
          <button
            type="button"
            onClick={() => place((t) => resetTransform(t, natural))}
            title={natural ? `Top-left, the source's own size (${natural.width}x${natural.height}), no rotation or crop` : 'Top-left, no rotation or crop (this source has no size of its own here)'}
          >
            Reset transform
          </button>
        </div>
      )}
      <SourceSettingsForm key={source.id} source={source} />
    </section>
  );
}
