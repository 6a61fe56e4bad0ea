/**
 * The studio window: scenes and sources on the left, the monitors with the audio
 * mixer under them in the centre, controls, destinations and stats on the
 * right. Laid out for 1280×720 and up. It owns the window's program runtime
 * (compositor, mixer, captures, sending), made once and shared by context.
 */
import { useState } from 'react';
import { ConnectionBanner } from './ConnectionBanner';
import { ControlsDock } from './ControlsDock';
import { DestinationsDock } from './DestinationsDock';
import { MixerDock } from './MixerDock';
import { NoticeList } from './NoticeList';
import { ProgramContext, useProgramRuntime } from './program/use-program';
import { ProgramMonitor } from './ProgramMonitor';
import { ScenesDock } from './ScenesDock';
import { SettingsDialog } from './SettingsDialog';
import { SourcesDock } from './SourcesDock';
import { EditingProvider } from './editing/editing-context';
import { StatsDock } from './StatsDock';
import { useStudio, useStudioView } from './studio-context';

export function App() {
  const { store } = useStudio();
  const view = useStudioView();
  const runtime = useProgramRuntime();
  const [settingsOpen, setSettingsOpen] = useState(false);
  return (
    <ProgramContext.Provider value={runtime}>
      <div className="app">
        <header className="topbar">
          <h1>OnAir Studio</h1>
          <span className="muted">{view.state?.collection.name}</span>
          <ConnectionBanner connection={view.connection} />
        </header>
        <NoticeList notices={view.notices} onDismiss={(id) => store.dismissNotice(id)} />
        <EditingProvider>
          <main className="layout">
            <aside className="left-dock" aria-label="Scenes and sources">
              <ScenesDock />
              <SourcesDock />
            </aside>
            <div className="centre">
              <ProgramMonitor />
              <MixerDock />
            </div>
            <aside className="right-dock" aria-label="Controls, destinations and stats">
              <ControlsDock onOpenSettings={() => setSettingsOpen(true)} />
              <DestinationsDock />
              <StatsDock />
            </aside>
          </main>
        </EditingProvider>
        <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      </div>
    </ProgramContext.Provider>
  );
}
