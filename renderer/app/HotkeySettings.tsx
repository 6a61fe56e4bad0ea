/**
 * Settings → Hotkeys: every action with its keys, rebindable one by one,
 * clearable, and resettable to the defaults. Hotkeys work in this window, and in
 * the desktop app also while another app has focus (global shortcuts).
 */
import { useState } from 'react';
import { DEFAULT_HOTKEYS } from '../../preload/contract/hotkeys';
import { HOTKEY_ACTIONS, type HotkeyAction, type Hotkeys } from '../../preload/contract';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorText } from './ErrorText';
import { HotkeyRow } from './hotkeys/HotkeyRow';
import { keyPlatform } from './hotkeys/platform';
import { useStudio } from './studio-context';
import { useAction } from './use-action';

export function HotkeySettings({ hotkeys }: { hotkeys: Hotkeys }) {
  const { api } = useStudio();
  const save = useAction();
  const [confirmReset, setConfirmReset] = useState(false);
  const platform = keyPlatform();
  const onBind = async (action: HotkeyAction, accelerator: string) => (await save.run(() => api.setHotkeys({ ...hotkeys, [action]: accelerator }))) !== undefined;

  return (
    <div className="settings-form">
      <p className="muted">
        Hotkeys work while this window has focus (not while you type in a field); in the desktop app they also work while another app has focus, so choose
        combinations other apps do not use.
      </p>
      <ul className="hotkey-list" aria-label="Hotkeys">
        {HOTKEY_ACTIONS.map((action) => (
          <HotkeyRow key={action} action={action} hotkeys={hotkeys} platform={platform} busy={save.pending} onBind={onBind} />
        ))}
      </ul>
      <ErrorText message={save.error} />
      <div className="row">
        <button type="button" onClick={() => setConfirmReset(true)} disabled={save.pending}>
          Reset to defaults
        </button>
      </div>
      <ConfirmDialog
        open={confirmReset}
        title="Reset hotkeys"
        message="Put every hotkey back to its default? The ones you changed are lost."
        confirmLabel="Reset hotkeys"
        onConfirm={() => {
          setConfirmReset(false);
          void save.run(() => api.setHotkeys({ ...DEFAULT_HOTKEYS }));
        }}
        onCancel={() => setConfirmReset(false)}
      />
    </div>
  );
}
