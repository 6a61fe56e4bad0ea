/**
 * Settings → Local origin: the built-in watch page. Whether Go Live sends to it
 * (it is a destination like the others), its port, whether other computers on
 * the network may watch, and the link viewers open. The origin starts with the
 * studio, so a new port or network setting takes effect at the next start.
 */
import { useState, type FormEvent } from 'react';
import type { Destination, LocalOriginSettings as Origin } from '../../preload/contract';
import { ErrorText } from './ErrorText';
import { NumberField } from './NumberField';
import { originPortError } from './settings-fields';
import { Toggle } from './Toggle';
import { useStudio } from './studio-context';
import { useAction } from './use-action';

/** The watch page's path on the origin (main/origin/watch-page.ts WATCH_PATH). */
const WATCH_PATH = '/watch';

export interface LocalOriginSettingsProps {
  origin: Origin;
  local: Destination | undefined;
  /** The watch page as the running origin serves it (LiveState.watchUrl). */
  watchUrl: string | null;
}

export function LocalOriginSettings({ origin, local, watchUrl }: LocalOriginSettingsProps) {
  const { api } = useStudio();
  const save = useAction();
  const [port, setPort] = useState(String(origin.port));
  const [saved, setSaved] = useState(false);
  const portError = originPortError(port);
  const dirty = portError === null && Number(port) !== origin.port;
  const runningPort = watchUrl ? new URL(watchUrl).port : null;
  const restartNeeded = runningPort !== null && origin.port !== 0 && runningPort !== String(origin.port);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!dirty) return;
    const done = await save.run(() => api.setLocalOriginSettings({ port: Number(port) }));
    setSaved(done !== undefined);
  };

  return (
    <form className="settings-form" onSubmit={onSubmit} aria-label="Local origin" noValidate>
      {local ? (
        <Toggle checked={local.enabled} onToggle={(enabled) => api.setDestinationEnabled({ id: local.id, enabled })}>
          <span>Send the stream to the local origin when I go live</span>
        </Toggle>
      ) : (
        <p className="muted">The local origin is not in your destinations.</p>
      )}
      <div className="row">
        <NumberField
          name="originPort"
          label="Port"
          value={port}
          error={portError}
          onChange={(value) => {
            setSaved(false);
            setPort(value);
          }}
        />
        <button type="submit" className="primary" disabled={!dirty || save.pending}>
          Save port
        </button>
        <span role="status" className="muted small">
          {saved ? 'Saved: used from the next start of the studio' : ''}
        </span>
      </div>
      <ErrorText message={save.error} />
      <Toggle checked={origin.lan} onToggle={(lan) => api.setLocalOriginSettings({ lan })}>
        <span>Let other computers on my network watch (from the next start)</span>
      </Toggle>
      <dl className="watch-link-preview">
        <dt>Watch link now</dt>
        <dd data-testid="watch-link-now">{watchUrl ?? 'not available: the origin is not running'}</dd>
        {(restartNeeded || dirty) && (
          <>
            <dt>After the next start</dt>
            <dd>{nextWatchUrl(dirty ? Number(port) : origin.port, origin.lan)}</dd>
          </>
        )}
      </dl>
      <p className="muted small">
        Viewers on this computer open the link in any browser{origin.lan ? '; others on your network use this computer’s address in place of 127.0.0.1' : ''}. For more viewers than
        one computer can serve, see Self-hosting in the docs.
      </p>
    </form>
  );
}

function nextWatchUrl(port: number, lan: boolean): string {
  const host = lan ? '<this computer’s address>' : '127.0.0.1';
  return port === 0 ? `http://${host}:<a free port>${WATCH_PATH}` : `http://${host}:${port}${WATCH_PATH}`;
}
