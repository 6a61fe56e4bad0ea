/**
 * The studio window: scenes and sources on the left, the monitors with the audio
 * mixer under them in the centre, controls, transitions, destinations and stats
 * on the right, in panes the streamer resizes (layout/StudioLayout.tsx). Laid
 * out for 1280×720 and up. It owns the window's program runtime (compositor,
 * mixer, captures, sending), made once and shared by context.
 */
import { useState } from 'react';
import { ConnectionBanner } from './ConnectionBanner';
import { ControlsDock } from './ControlsDock';
import { useWindowHotkeys } from './hotkeys/use-window-hotkeys';
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
import { StudioLayout } from './layout/StudioLayout';
import { TransitionsDock } from './TransitionsDock';
import { useStudio, useStudioView } from './studio-context';

export function App() {
  const { store } = useStudio();
  const view = useStudioView();
  const runtime = useProgramRuntime();
  useWindowHotkeys();
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
          <StudioLayout
            leftLabel="Scenes and sources"
            left={
              <>
                <ScenesDock />
                <SourcesDock />
              </>
            }
            monitors={<ProgramMonitor />}
            bottom={<MixerDock />}
            rightLabel="Controls, transitions, destinations and stats"
            right={
              <>
                <ControlsDock onOpenSettings={() => setSettingsOpen(true)} />
                <TransitionsDock />
                <DestinationsDock />
                <StatsDock />
              </>
            }
          />
        </EditingProvider>
        <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      </div>
    </ProgramContext.Provider>
  );
}
