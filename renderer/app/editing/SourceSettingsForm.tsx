/**
 * The source's name and own settings (text, colour, picture or media file,
 * camera), applied with updateSource. Problems show at their field; nothing is
 * sent while any field is invalid.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { Source } from '../../../preload/contract';
import { DeviceSelect } from '../DeviceSelect';
import { ErrorText } from '../ErrorText';
import { keepPickedFile } from '../program/keep-file';
import { useProgram } from '../program/use-program';
import { useStudio } from '../studio-context';
import { useAction } from '../use-action';
import { CAMERA_MODES, cameraModeFromValue, cameraModeValue, type CameraMode } from './camera-modes';
import { isEditableKind, settingsErrors, settingsPatch, type SettingsDraft } from './source-settings';

export function SourceSettingsForm({ source }: { source: Source }) {
  const { api, client } = useStudio();
  const runtime = useProgram();
  const save = useAction();
  const [name, setName] = useState(source.name);
  const [draft, setDraft] = useState<SettingsDraft>({ ...(source.settings as SettingsDraft) });
  const [fileError, setFileError] = useState<string | null>(null);
  const errors = settingsErrors(source.kind, draft);
  const valid = Object.keys(errors).length === 0 && name.trim() !== '';
  const set = (key: string, value: unknown) => setDraft((d) => ({ ...d, [key]: value }));
  const str = (key: string) => (typeof draft[key] === 'string' ? (draft[key] as string) : '');
  const num = (key: string) => (typeof draft[key] === 'number' ? String(draft[key]) : '');
  const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

  const onFile = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    if (source.kind !== 'image' && source.kind !== 'media') return;
    try {
      set('src', await keepPickedFile(source.kind, file, client, runtime));
    } catch (error) {
      setFileError(error instanceof Error ? error.message : String(error));
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    const settings = settingsPatch(source, draft);
    const rename = name.trim() !== source.name ? { name: name.trim() } : {};
    void save.run(() => api.updateSource({ sourceId: source.id, ...rename, ...(Object.keys(settings).length > 0 ? { settings } : {}) }));
  };

  const field = (key: string, label: string, input: ReactNode) => (
    <label className="field" key={key}>
      <span>{label}</span>
      {input}
      {errors[key] && (
        <small className="field-error" role="alert">
          {errors[key]}
        </small>
      )}
    </label>
  );

  return (
    <form className="stack-form" onSubmit={onSubmit} aria-label={`Settings of ${source.name}`}>
      {field('name', 'Source name', <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} aria-invalid={name.trim() === ''} />)}
      {source.kind === 'text' && (
        <>
          {field('text', 'Text', <textarea value={str('text')} rows={2} maxLength={10_000} onChange={(e) => set('text', e.target.value)} />)}
          {field('font', 'Font', <input value={str('font')} onChange={(e) => set('font', e.target.value)} />)}
          <div className="row">
            {field('sizePx', 'Size (px)', <input type="number" value={num('sizePx')} onChange={(e) => set('sizePx', toNumber(e.target.value))} />)}
            {field('color', 'Colour', <input type="color" value={str('color').slice(0, 7)} onChange={(e) => set('color', e.target.value)} />)}
            {field('outlineColor', 'Outline colour', <input type="color" value={str('outlineColor').slice(0, 7)} onChange={(e) => set('outlineColor', e.target.value)} />)}
            {field('outlineWidthPx', 'Outline (px)', <input type="number" value={num('outlineWidthPx')} onChange={(e) => set('outlineWidthPx', toNumber(e.target.value))} />)}
          </div>
          <div className="row">
            <label className="check">
              <input type="checkbox" checked={draft.background !== null} onChange={(e) => set('background', e.target.checked ? '#000000' : null)} />
              <span>Background</span>
            </label>
            {draft.background !== null && field('background', 'Background colour', <input type="color" value={str('background').slice(0, 7)} onChange={(e) => set('background', e.target.value)} />)}
            {field(
              'align',
              'Alignment',
              <select value={str('align')} onChange={(e) => set('align', e.target.value)}>
                <option value="left">Left</option>
                <option value="center">Centre</option>
                <option value="right">Right</option>
              </select>,
            )}
            <label className="check">
              <input type="checkbox" checked={draft.wrapWidthPx !== null} onChange={(e) => set('wrapWidthPx', e.target.checked ? 600 : null)} />
              <span>Wrap</span>
            </label>
            {draft.wrapWidthPx !== null && field('wrapWidthPx', 'Wrap width (px)', <input type="number" value={num('wrapWidthPx')} onChange={(e) => set('wrapWidthPx', toNumber(e.target.value))} />)}
          </div>
        </>
      )}
      {source.kind === 'color' && field('color', 'Colour', <input type="color" value={str('color').slice(0, 7)} onChange={(e) => set('color', e.target.value)} />)}
      {(source.kind === 'image' || source.kind === 'media') && (
        <label className="field">
          <span>{source.kind === 'image' ? 'Replace the picture file' : 'Replace the video or audio file'}</span>
          <input type="file" accept={source.kind === 'image' ? 'image/*' : 'video/*,audio/*'} onChange={(e) => void onFile(e.target.files?.[0])} />
        </label>
      )}
      {source.kind === 'media' && (
        <div className="row">
          <label className="check">
            <input type="checkbox" checked={draft.loop === true} onChange={(e) => set('loop', e.target.checked)} />
            <span>Loop</span>
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.playing === true} onChange={(e) => set('playing', e.target.checked)} />
            <span>Playing</span>
          </label>
        </div>
      )}
      {source.kind === 'camera' && <DeviceSelect kind="videoinput" label="Camera device" value={(draft.deviceId as string | null) ?? null} onChange={(deviceId) => set('deviceId', deviceId)} />}
      {source.kind === 'camera' &&
        field(
          'width',
          'Camera resolution',
          <select
            value={cameraModeValue(draft.width, draft.height)}
            onChange={(e) => setDraft((d) => ({ ...d, ...cameraModeFromValue(e.target.value) }))}
          >
            {[...CAMERA_MODES, ...extraMode(draft.width, draft.height)].map((m) => (
              <option key={m.label} value={cameraModeValue(m.width, m.height)}>
                {m.label}
              </option>
            ))}
          </select>,
        )}
      {!isEditableKind(source.kind) && <p className="muted small">Remove and add this source again to pick another screen, window or device.</p>}
      <ErrorText message={fileError ?? errors[''] ?? null} />
      <button type="submit" disabled={!valid || save.pending}>
        Apply settings
      </button>
      <ErrorText message={save.error} />
    </form>
  );
}

/** A stored size the list does not offer (set by a collection from elsewhere) stays choosable. */
function extraMode(width: unknown, height: unknown): CameraMode[] {
  const value = cameraModeValue(width, height);
  if (value === 'default' || CAMERA_MODES.some((m) => cameraModeValue(m.width, m.height) === value)) return [];
  return [{ label: `${String(width)} × ${String(height)}`, width: width as number, height: height as number }];
}
