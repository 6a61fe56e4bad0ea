/**
 * Settings, in a modal dialog with a tab per subject: destinations, the output
 * profile, recording, the local origin, hotkeys, the scene collection's file,
 * and remote control. Every change is saved by the studio as it is made, so a
 * reload (or another window) shows the same settings.
 */
import { useEffect, useRef, useState } from 'react';
import { DestinationSettings } from './DestinationSettings';
import { HotkeySettings } from './HotkeySettings';
import { LocalOriginSettings } from './LocalOriginSettings';
import { ProfileSettings } from './ProfileSettings';
import { RecordingSettings } from './RecordingSettings';
import { RemoteSettings } from './RemoteSettings';
import { SceneCollectionSettings } from './SceneCollectionSettings';
import './settings.css';
import type { StudioState } from '../../preload/contract';
import { useStudioView } from './studio-context';

const TABS = [
  { id: 'destinations', label: 'Destinations' },
  { id: 'output', label: 'Output' },
  { id: 'recording', label: 'Recording' },
  { id: 'origin', label: 'Local origin' },
  { id: 'hotkeys', label: 'Hotkeys' },
  { id: 'scenes', label: 'Scenes' },
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
          {tab === 'recording' && <RecordingSettings recording={state.settings.recording} sceneName={programSceneName(state)} />}
          {tab === 'origin' && <LocalOriginSettings origin={state.settings.localOrigin} local={state.settings.destinations.find((d) => d.kind === 'local')} watchUrl={state.live.watchUrl} />}
          {tab === 'hotkeys' && <HotkeySettings hotkeys={state.settings.hotkeys} />}
          {tab === 'scenes' && <SceneCollectionSettings collectionName={state.collection.name} />}
          {tab === 'remote' && <RemoteSettings remote={state.settings.remote} />}
        </div>
      )}
    </dialog>
  );
}

function programSceneName(state: StudioState): string {
  return state.collection.scenes.find((s) => s.id === state.collection.programSceneId)?.name ?? '';
}
