/**
 * Settings → Scenes: save the scene collection to a file (a download) and load
 * one (a file picker). Loading replaces every scene and source, so it asks
 * first; the studio checks the file and refuses a bad one with the reason,
 * leaving the current scenes as they were.
 */
import { useRef, useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorText } from './ErrorText';
import { exportFileName } from './settings-fields';
import { useStudio } from './studio-context';
import { useAction } from './use-action';

/** Larger than any collection the contract accepts (50 MB of JSON); a bigger file is not one. */
const MAX_IMPORT_BYTES = 50_000_000;

export function SceneCollectionSettings({ collectionName }: { collectionName: string }) {
  const { api } = useStudio();
  const exporting = useAction();
  const importing = useAction();
  const fileInput = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<{ name: string; json: string } | null>(null);
  const [done, setDone] = useState('');

  const onExport = async () => {
    setDone('');
    const result = await exporting.run(() => api.exportCollection({}));
    if (!result) return;
    const url = URL.createObjectURL(new Blob([result.json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = exportFileName(collectionName);
    a.click();
    // The download has taken its copy once click() returns; the next task may free it.
    setTimeout(() => URL.revokeObjectURL(url), 0);
    setDone(`Saved as ${a.download}`);
  };

  const onPicked = async (file: File | undefined) => {
    if (fileInput.current) fileInput.current.value = '';
    if (!file) return;
    importing.clearError();
    setDone('');
    if (file.size > MAX_IMPORT_BYTES) {
      await importing.run(() => Promise.reject(new Error(`"${file.name}" is too big to be a scene collection (${Math.round(file.size / 1_000_000)} MB).`)));
      return;
    }
    setPending({ name: file.name, json: await file.text() });
  };

  const onConfirmImport = async () => {
    const picked = pending;
    setPending(null);
    if (!picked) return;
    const ok = await importing.run(() => api.importCollection({ json: picked.json }));
    if (ok) setDone(`Loaded the scenes from ${picked.name}`);
  };

  return (
    <div className="settings-form">
      <p className="muted">Save your scenes and sources to a file to back them up or move them to another computer. Stream keys and settings are not in it.</p>
      <div className="row">
        <button type="button" onClick={() => void onExport()} disabled={exporting.pending}>
          Export scenes to a file
        </button>
        <label className="button-like">
          Import scenes from a file…
          <input ref={fileInput} className="visually-hidden" type="file" accept=".json,application/json" aria-label="Import scenes from a file" onChange={(e) => void onPicked(e.target.files?.[0])} />
        </label>
        <span role="status" className="muted small">
          {importing.pending ? 'Loading…' : done}
        </span>
      </div>
      <ErrorText message={exporting.error} />
      <ErrorText message={importing.error} />
      <ConfirmDialog
        open={pending !== null}
        title="Replace your scenes"
        message={`Replace every scene and source with the ones in "${pending?.name ?? ''}"? Export first if you want to keep the current ones.`}
        confirmLabel="Replace scenes"
        onConfirm={() => void onConfirmImport()}
        onCancel={() => setPending(null)}
      />
    </div>
  );
}
