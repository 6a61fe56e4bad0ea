/**
 * Adds a source to a scene: camera, screen or window, microphone, desktop audio,
 * image, media file, text or colour. Screens and desktop audio are shared from
 * this click (browsers open their picker only from one); cameras and microphones
 * ask for permission the first time the program runtime opens them.
 */
import { useState, type FormEvent } from 'react';
import { DeviceSelect } from './DeviceSelect';
import { ErrorText } from './ErrorText';
import { ADDABLE_KINDS, DEFAULT_NAMES, fitTransform, isAddableKind, nameFromFile, newSource, type AddableKind, type SourceDraft } from './new-source';
import { imageFileProblem } from './program/data-url';
import { keepPickedFile } from './program/keep-file';
import { useProgram } from './program/use-program';
import { useStudio, useStudioView } from './studio-context';
import { useAction } from './use-action';

const EMPTY: SourceDraft = { name: '', text: '', color: '#1e90ff', deviceId: null, screenTarget: 'screen', screenAudio: false, src: '' };

export function AddSourceForm({ sceneId }: { sceneId: string }) {
  const { api, client } = useStudio();
  const { state } = useStudioView();
  const runtime = useProgram();
  const add = useAction();
  const [kind, setKind] = useState<AddableKind>('text');
  const [draft, setDraft] = useState<SourceDraft>(EMPTY);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  /** Share of the picked file the studio has received, while it is being added. */
  const [uploaded, setUploaded] = useState<number | null>(null);
  const set = (patch: Partial<SourceDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const needsFile = kind === 'image' || kind === 'media';

  const onFile = (picked: File | null) => {
    setFile(picked);
    // Kept in the studio's media library (browser mode), a picture of any size works; kept inline it is size-limited.
    setFileError(picked && kind === 'image' && !client.uploadFile ? imageFileProblem(picked) : null);
  };

  const keep = async (picked: File, fileKind: 'image' | 'media'): Promise<string> => {
    setUploaded(client.uploadFile ? 0 : null);
    try {
      return await keepPickedFile(fileKind, picked, client, runtime, setUploaded);
    } finally {
      setUploaded(null);
    }
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (needsFile && (!file || fileError)) return setFileError(fileError ?? 'Choose a file first.');
    const done = await add.run(async () => {
      const name = draft.name.trim() || (file ? nameFromFile(file.name) : '');
      const profile = state?.settings.profile;
      if (kind === 'image' && file) {
        const src = await keep(file, 'image');
        const transform = profile ? await pictureTransform(file, profile) : undefined;
        return api.addSource({ sceneId, source: newSource(kind, { ...draft, name, src }), ...(transform ? { transform } : {}) });
      }
      if (kind === 'media' && file) {
        return api.addSource({ sceneId, source: newSource(kind, { ...draft, name, src: await keep(file, 'media') }) });
      }
      const added = await api.addSource({ sceneId, source: newSource(kind, { ...draft, name }) });
      // Still inside this click's activation: the browser may open its share picker.
      if (kind === 'screen' || kind === 'desktop-audio') runtime?.requestCapture(added.sourceId);
      return added;
    });
    if (done) {
      setDraft((d) => ({ ...d, name: '', text: '' }));
      setFile(null);
    }
  };

  return (
    <form className="stack-form" onSubmit={onSubmit} aria-label="Add a source">
      <div className="row">
        <label className="field">
          <span>Kind</span>
          <select
            value={kind}
            onChange={(e) => {
              if (!isAddableKind(e.target.value)) return;
              setKind(e.target.value);
              set({ deviceId: null });
              onFile(null);
            }}
          >
            {ADDABLE_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>Name</span>
          <input value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder={file ? nameFromFile(file.name) : DEFAULT_NAMES[kind]} maxLength={100} />
        </label>
      </div>
      {kind === 'text' && (
        <label className="field">
          <span>Text</span>
          <input value={draft.text} onChange={(e) => set({ text: e.target.value })} placeholder="What it says" maxLength={10_000} />
        </label>
      )}
      {kind === 'color' && (
        <label className="field">
          <span>Colour</span>
          <input type="color" value={draft.color} onChange={(e) => set({ color: e.target.value })} />
        </label>
      )}
      {kind === 'camera' && <DeviceSelect kind="videoinput" label="Camera device" value={draft.deviceId} onChange={(deviceId) => set({ deviceId })} />}
      {kind === 'microphone' && <DeviceSelect kind="audioinput" label="Microphone device" value={draft.deviceId} onChange={(deviceId) => set({ deviceId })} />}
      {kind === 'screen' && (
        <div className="row">
          <label className="field">
            <span>Share</span>
            <select value={draft.screenTarget} onChange={(e) => set({ screenTarget: e.target.value === 'window' ? 'window' : 'screen' })}>
              <option value="screen">A whole screen</option>
              <option value="window">A window</option>
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.screenAudio} onChange={(e) => set({ screenAudio: e.target.checked })} />
            <span>With its sound</span>
          </label>
        </div>
      )}
      {(kind === 'screen' || kind === 'desktop-audio') && <p className="muted small">The browser asks what to share when you add it.</p>}
      {needsFile && (
        <label className="field">
          <span>{kind === 'image' ? 'Picture file' : 'Video or audio file'}</span>
          <input type="file" accept={kind === 'image' ? 'image/*' : 'video/*,audio/*'} aria-invalid={fileError ? true : undefined} onChange={(e) => onFile(e.target.files?.[0] ?? null)} />
        </label>
      )}
      {kind === 'media' && !client.uploadFile && <p className="muted small">Plays in this window only: after a reload you pick it again.</p>}
      {uploaded !== null && file && (
        <label className="field">
          <span>Adding {file.name} to the studio… {Math.round(uploaded * 100)}%</span>
          <progress value={uploaded} max={1} />
        </label>
      )}
      <ErrorText message={fileError} />
      <button type="submit" disabled={add.pending || (needsFile && (!file || fileError !== null))}>
        Add source
      </button>
      <ErrorText message={add.error} />
    </form>
  );
}

/** Where a picture goes: its own size and shape, centred (decoding it is the only way to learn its size). */
async function pictureTransform(file: Blob, canvas: { width: number; height: number }) {
  try {
    const bitmap = await createImageBitmap(file);
    const natural = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return fitTransform(natural, canvas);
  } catch {
    return undefined; // the studio's default placement (the whole canvas)
  }
}
