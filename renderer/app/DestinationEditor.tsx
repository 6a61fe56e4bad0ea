/**
 * One destination in Settings: its server address and stream key can be changed,
 * the stored key revealed on request, and the destination removed (after
 * confirmation). The built-in local origin has no address or key to edit.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Destination } from '../../preload/contract';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorText } from './ErrorText';
import { serverUrlError } from './field-validation';
import { SecretField } from './SecretField';
import { useStudio } from './studio-context';
import { useAction } from './use-action';

export function DestinationEditor({ destination: d }: { destination: Destination }) {
  const { api } = useStudio();
  const save = useAction();
  const remove = useAction();
  const [serverUrl, setServerUrl] = useState(d.serverUrl);
  const [streamKey, setStreamKey] = useState('');
  const [confirmRemove, setConfirmRemove] = useState(false);
  const urlErrorId = useId();
  const urlError = serverUrlError(d.kind, serverUrl);
  const dirty = serverUrl.trim() !== d.serverUrl || streamKey !== '';

  if (d.kind === 'local') {
    return (
      <li className="list-row destination-editor">
        <strong>{d.name}</strong>
        <p className="muted small">Built in: serves a watch page from this computer. Turn it on or off in the Destinations panel.</p>
      </li>
    );
  }

  const onSave = async (e: FormEvent) => {
    e.preventDefault();
    if (urlError) return;
    const done = await save.run(() =>
      api.updateDestination({ id: d.id, ...(serverUrl.trim() !== d.serverUrl ? { serverUrl: serverUrl.trim() } : {}), ...(streamKey ? { streamKey } : {}) }),
    );
    if (done) setStreamKey('');
  };

  return (
    <li className="list-row destination-editor">
      <form onSubmit={onSave} aria-label={`Edit ${d.name}`} noValidate>
        <strong>{d.name}</strong> <span className="muted small">({d.kind.toUpperCase()})</span>
        <label className="field">
          <span>Server address</span>
          <input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} aria-invalid={urlError !== null} aria-describedby={urlError ? urlErrorId : undefined} />
          {urlError && (
            <small id={urlErrorId} className="field-error" role="alert">
              {urlError}
            </small>
          )}
        </label>
        {d.hasKey && <SecretField label={`Stream key for ${d.name}`} reveal={async () => (await api.revealStreamKey({ id: d.id })).streamKey} />}
        <label className="field">
          <span>{d.hasKey ? 'Replace the stream key' : 'Stream key'}</span>
          <input type="password" autoComplete="off" value={streamKey} onChange={(e) => setStreamKey(e.target.value)} placeholder={d.hasKey ? 'Leave empty to keep it' : ''} />
        </label>
        <div className="row">
          <button type="submit" disabled={!dirty || urlError !== null || save.pending}>
            Save changes
          </button>
          <button type="button" className="danger" onClick={() => setConfirmRemove(true)} disabled={remove.pending}>
            Remove
          </button>
        </div>
        <ErrorText message={save.error ?? remove.error} />
      </form>
      <ConfirmDialog
        open={confirmRemove}
        title="Remove destination"
        message={`Remove "${d.name}" and its stored stream key?`}
        confirmLabel="Remove"
        onConfirm={() => {
          setConfirmRemove(false);
          void remove.run(() => api.removeDestination({ id: d.id }));
        }}
        onCancel={() => setConfirmRemove(false)}
      />
    </li>
  );
}
