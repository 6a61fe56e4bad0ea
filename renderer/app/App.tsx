/**
 * The studio window: scenes and sources on the left, the monitors in the centre,
 * controls, destinations and stats on the right. Laid out for 1280×720 and up.
 */
import { useState } from 'react';
import { ConnectionBanner } from './ConnectionBanner';
import { ControlsDock } from './ControlsDock';
import { DestinationsDock } from './DestinationsDock';
import { NoticeList } from './NoticeList';
import { ProgramMonitor } from './ProgramMonitor';
import { ScenesDock } from './ScenesDock';
import { SettingsDialog } from './SettingsDialog';
import { SourcesDock } from './SourcesDock';
import { StatsDock } from './StatsDock';
import { useStudio, useStudioView } from './studio-context';

export function App() {
  const { store } = useStudio();
  const view = useStudioView();
  const [settingsOpen, setSettingsOpen] = useState(false);
  return (
    <div className="app">
      <header className="topbar">
        <h1>OnAir Studio</h1>
        <span className="muted">{view.state?.collection.name}</span>
        <ConnectionBanner connection={view.connection} />
      </header>
      <NoticeList notices={view.notices} onDismiss={(id) => store.dismissNotice(id)} />
      <main className="layout">
        <aside className="left-dock" aria-label="Scenes and sources">
          <ScenesDock />
          <SourcesDock />
        </aside>
        <ProgramMonitor state={view.state} />
        <aside className="right-dock" aria-label="Controls, destinations and stats">
          <ControlsDock onOpenSettings={() => setSettingsOpen(true)} />
          <DestinationsDock />
          <StatsDock />
        </aside>
      </main>
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </div>
  );
}
