/**
 * Adds a destination from a service preset (listPresets): the preset gives the
 * kind, the ingest servers and where to find the stream key. The server address
 * is checked at the field; the studio's own refusal shows under the button.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Preset } from '../../preload/contract';
import { ErrorText } from './ErrorText';
import { serverUrlError } from './field-validation';
import { useStudio } from './studio-context';
import { useAction } from './use-action';

/** The server <select>'s choice meaning "type an address yourself". */
const CUSTOM_SERVER = '__custom__';

export function AddDestinationForm() {
  const { api } = useStudio();
  const load = useAction();
  const add = useAction();
  const [presets, setPresets] = useState<Preset[]>([]);
  const [presetId, setPresetId] = useState('');
  const [name, setName] = useState('');
  const [server, setServer] = useState(CUSTOM_SERVER);
  const [customUrl, setCustomUrl] = useState('');
  const [streamKey, setStreamKey] = useState('');
  const [showUrlError, setShowUrlError] = useState(false);
  const ids = { url: useId(), urlError: useId(), keyHelp: useId() };

  // Once, when the form appears (`api` and `run` are stable): presets do not change while the studio runs.
  const runLoad = load.run;
  useEffect(() => {
    void runLoad(() => api.listPresets({})).then((r) => r && setPresets(r.presets));
  }, [api, runLoad]);

  const preset = presets.find((p) => p.id === presetId);
  const serverUrl = server === CUSTOM_SERVER ? customUrl.trim() : server;
  const urlError = preset ? serverUrlError(preset.kind, serverUrl) : null;

  const choosePreset = (id: string) => {
    const next = presets.find((p) => p.id === id);
    setPresetId(id);
    setName(next?.name ?? '');
    setServer(next?.servers[0]?.url ?? CUSTOM_SERVER);
    setShowUrlError(false);
    add.clearError();
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!preset) return;
    setShowUrlError(true);
    if (urlError) return;
    const done = await add.run(() =>
      api.addDestination({
        name: name.trim() || preset.name,
        presetId: preset.id,
        kind: preset.kind,
        serverUrl,
        backupServerUrl: preset.backupServerUrl,
        ...(streamKey ? { streamKey } : {}),
        enabled: true,
      }),
    );
    if (done) {
      setPresetId('');
      setStreamKey('');
      setCustomUrl('');
      setShowUrlError(false);
    }
  };

  return (
    <form className="settings-form add-destination" onSubmit={onSubmit} aria-label="Add a destination" noValidate>
      <h3>Add a destination</h3>
      <label className="field">
        <span>Service</span>
        <select value={presetId} onChange={(e) => choosePreset(e.target.value)} disabled={presets.length === 0}>
          <option value="">Choose a service…</option>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <ErrorText message={load.error} />
      {preset && (
        <>
          <label className="field">
            <span>Name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
          </label>
          {preset.servers.length > 0 && (
            <label className="field">
              <span>Server</span>
              <select value={server} onChange={(e) => setServer(e.target.value)}>
                {preset.servers.map((s) => (
                  <option key={s.url} value={s.url}>
                    {s.name}
                  </option>
                ))}
                <option value={CUSTOM_SERVER}>Another address…</option>
              </select>
            </label>
          )}
          {server === CUSTOM_SERVER && (
            <div className="field">
              <label htmlFor={ids.url}>Server address</label>
              <input
                id={ids.url}
                value={customUrl}
                onChange={(e) => setCustomUrl(e.target.value)}
                onBlur={() => setShowUrlError(customUrl.trim() !== '')}
                placeholder={preset.kind === 'srt' ? 'srt://host:port' : preset.kind === 'rtmp' ? 'rtmp://host/app' : 'https://host/path'}
                aria-invalid={showUrlError && urlError !== null}
                aria-describedby={showUrlError && urlError ? ids.urlError : undefined}
              />
              {showUrlError && urlError && (
                <small id={ids.urlError} className="field-error" role="alert">
                  {urlError}
                </small>
              )}
            </div>
          )}
          <label className="field">
            <span>Stream key</span>
            <input type="password" autoComplete="off" value={streamKey} onChange={(e) => setStreamKey(e.target.value)} aria-describedby={ids.keyHelp} />
            <small id={ids.keyHelp} className="muted">
              {preset.keyHelp}
            </small>
          </label>
          <button type="submit" className="primary" disabled={add.pending}>
            Add destination
          </button>
          <ErrorText message={add.error} />
        </>
      )}
    </form>
  );
}
