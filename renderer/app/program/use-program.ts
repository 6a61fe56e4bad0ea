/**
 * The program runtime in React: App makes one per window (useProgramRuntime)
 * and provides it; monitors, the mixer, sources and stats read it through
 * useProgram / useProgramStatus. The runtime follows the store, so it sees
 * every state the UI sees, and is destroyed when App unmounts.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { AudioMixer, audioOnly, openDesktopAudio, openMicrophone } from '../../audio';
import type { StudioClient } from '../../bridge/studio-client';
import { Compositor, openCapture } from '../../compositor';
import { useStudio } from '../studio-context';
import type { MediaRequests } from './media-requests';
import { ProgramRuntime, type ProgramDeps, type ProgramStatus } from './program-runtime';

export const ProgramContext = createContext<ProgramRuntime | null>(null);

/** One producer per studio, whatever the tabs: the lock is per origin, and each studio has its own. */
const PRODUCER_LOCK = 'onair-program-producer';

/** The real compositor, mixer and capture devices of this browser. */
export function browserProgramDeps(client: StudioClient, requests: MediaRequests, report: (message: string) => void): ProgramDeps {
  return {
    report,
    videoPath: {
      engineHasHardwareEncoder: async () => (await client.call('getProbeReport', {})).engineHasHardwareEncoder,
      report: (result) => client.call('reportPreflight', result),
    },
    claimProducer: (granted) => claimLock(PRODUCER_LOCK, granted),
    transport: client,
    requests,
    onConnection: (cb) => client.onConnection(cb),
    createCompositor: (output) => Compositor.create(output),
    createMixer: () => AudioMixer.create(),
    openers: {
      video: (source) => openCapture(source),
      microphone: (deviceId) => openMicrophone(deviceId),
      desktopAudio: () => openDesktopAudio(),
      audioOf: (stream) => audioOnly(stream),
    },
  };
}

/** Holds a Web Lock until released, calling `granted` when it is ours; without Web Locks (old browsers), at once. */
function claimLock(name: string, granted: () => void): () => void {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) {
    granted();
    return () => undefined;
  }
  const aborter = new AbortController();
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  locks
    .request(name, { signal: aborter.signal }, () => {
      granted();
      return held;
    })
    .catch(() => undefined); // aborted while waiting: the window went away
  return () => {
    aborter.abort();
    release();
  };
}

/** Makes the window's one runtime once mounted; null on the first render. */
export function useProgramRuntime(): ProgramRuntime | null {
  const { client, mediaRequests, store } = useStudio();
  const [runtime, setRuntime] = useState<ProgramRuntime | null>(null);
  useEffect(() => {
    const r = new ProgramRuntime(browserProgramDeps(client, mediaRequests, (message) => store.addNotice('warning', message)));
    // Starts once connected: the first state arrives only over an open connection.
    const follow = () => {
      const state = store.getSnapshot().state;
      if (state) r.update(state.collection, state.settings.profile);
    };
    const unsubscribe = store.subscribe(follow);
    follow();
    // Browsers hold audio until the page is clicked: the first click anywhere lets it run.
    const resume = () => r.resumeAudio();
    document.addEventListener('pointerdown', resume, true);
    setRuntime(r);
    return () => {
      unsubscribe();
      document.removeEventListener('pointerdown', resume, true);
      r.destroy();
      setRuntime(null);
    };
  }, [client, mediaRequests, store]);
  return runtime;
}

export function useProgram(): ProgramRuntime | null {
  return useContext(ProgramContext);
}

const NOT_STARTED: ProgramStatus = { video: 'idle', videoError: null, audio: 'idle', audioError: null, sources: {}, sending: false, otherWindowSends: false };
const noSubscription = () => () => undefined;
const notStarted = () => NOT_STARTED;

/** The runtime's status; re-renders when it changes. */
export function useProgramStatus(): ProgramStatus {
  const runtime = useProgram();
  return useSyncExternalStore(runtime?.subscribe ?? noSubscription, runtime?.getStatus ?? notStarted);
}
