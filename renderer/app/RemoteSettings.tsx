/**
 * Settings → Remote control: obs-websocket for Stream Deck, Companion and other
 * controllers. The password is masked until revealed; a new one can be made
 * (controllers using the old one must be updated, hence the confirmation).
 */
import { useState } from 'react';
import type { RemoteSettings as Remote } from '../../preload/contract';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorText } from './ErrorText';
import { SecretField } from './SecretField';
import { Toggle } from './Toggle';
import { useStudio } from './studio-context';
import { useAction } from './use-action';

export function RemoteSettings({ remote }: { remote: Remote }) {
  const { api } = useStudio();
  const regenerate = useAction();
  const [confirm, setConfirm] = useState(false);
  // Remounting SecretField hides a revealed password once a new one exists.
  const [generation, setGeneration] = useState(0);

  return (
    <div className="settings-form">
      <Toggle checked={remote.enabled} onToggle={(enabled) => api.setRemoteSettings({ enabled })}>
        <span>Allow remote control (obs-websocket 5)</span>
      </Toggle>
      <p className="muted">
        Address: ws://{remote.lan ? '<this computer>' : '127.0.0.1'}:{remote.port}
      </p>
      <SecretField key={generation} label="Remote control password" reveal={async () => (await api.getRemotePassword({})).password} />
      <button type="button" onClick={() => setConfirm(true)} disabled={regenerate.pending}>
        New password
      </button>
      <ErrorText message={regenerate.error} />
      <ConfirmDialog
        open={confirm}
        title="New remote-control password"
        message="Make a new password? Controllers using the current one will need the new one."
        confirmLabel="Make a new password"
        onConfirm={() => {
          setConfirm(false);
          void regenerate.run(() => api.regenerateRemotePassword({})).then((r) => r && setGeneration((g) => g + 1));
        }}
        onCancel={() => setConfirm(false)}
      />
    </div>
  );
}
