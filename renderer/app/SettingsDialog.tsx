/**
 * Settings, in a modal dialog with three tabs: destinations, the output profile,
 * and remote control. Every change is saved by the studio as it is made, so a
 * reload (or another window) shows the same settings.
 */
import { useEffect, useRef, useState } from 'react';
import { DestinationSettings } from './DestinationSettings';
import { ProfileSettings } from './ProfileSettings';
import { RemoteSettings } from './RemoteSettings';
import { useStudioView } from './studio-context';

const TABS = [
  { id: 'destinations', label: 'Destinations' },
  { id: 'output', label: 'Output' },
  { id: 'remote', label: 'Remote control' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function SettingsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [tab, setTab] = useState<TabId>('destinations');
  const { state } = useStudioView();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="settings-dialog"
      aria-labelledby="settings-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2 id="settings-title">Settings</h2>
        <button type="button" onClick={onClose} aria-label="Close settings">
          Close
        </button>
      </header>
      <div role="tablist" aria-label="Settings sections" className="tabs">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`panel-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {/* Panels mount only while open, so drafts start from the studio's current values each time. */}
      {open && state && (
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
          {tab === 'destinations' && <DestinationSettings destinations={state.settings.destinations} />}
          {tab === 'output' && <ProfileSettings profile={state.settings.profile} live={state.live.streaming !== 'offline' || state.live.recording !== 'off'} />}
          {tab === 'remote' && <RemoteSettings remote={state.settings.remote} />}
        </div>
      )}
    </dialog>
  );
}
