/**
 * The UI's one store: what the studio last told this window, kept as one
 * immutable snapshot for React's useSyncExternalStore. It listens to the
 * client's 'state', 'health', 'output' and 'notice' events and, each time the
 * connection opens, asks for the state and health afresh (a reconnected window
 * may have missed changes). No React here, so it is tested with a fake client.
 */
import type { HealthSnapshot, OutputHealth, StudioState } from '../../preload/contract';
import type { ConnectionState, StudioClient } from '../bridge/studio-client';

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
}

export interface StudioView {
  connection: ConnectionState;
  state: StudioState | null;
  health: HealthSnapshot | null;
  /** Latest known health of each output, by output id (a destination's id). */
  outputs: Readonly<Record<string, OutputHealth>>;
  notices: readonly Notice[];
}

/** Notices kept on screen at once; older ones scroll away. */
export const MAX_NOTICES = 4;

export interface StudioStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): StudioView;
  dismissNotice(id: number): void;
  /** A notice from this window itself (the program runtime's problems), shown like the studio's own. */
  addNotice(level: Notice['level'], message: string): void;
  dispose(): void;
}

export function createStudioStore(client: StudioClient): StudioStore {
  let view: StudioView = { connection: client.connection, state: null, health: null, outputs: {}, notices: [] };
  let nextNoticeId = 1;
  const listeners = new Set<() => void>();
  const update = (patch: Partial<StudioView>) => {
    view = { ...view, ...patch };
    for (const l of [...listeners]) l();
  };
  const notice = (level: Notice['level'], message: string) =>
    update({ notices: [...view.notices, { id: nextNoticeId++, level, message }].slice(-MAX_NOTICES) });

  const refresh = () => {
    client.call('getState', {}).then(
      (state) => update({ state }),
      (err: Error) => notice('error', `Could not read the studio's state: ${err.message}`),
    );
    client.call('getHealth', {}).then(
      ({ health }) => {
        if (health) update({ health, outputs: withOutputs(view.outputs, health.outputs) });
      },
      () => undefined, // health is a nicety at start; the next snapshot arrives within a second
    );
  };

  const offs = [
    client.on('state', (state) => {
      // A new go-live starts every destination afresh: last stream's failures no longer apply.
      const wentLive = view.state?.live.streaming === 'offline' && state.live.streaming !== 'offline';
      update(wentLive ? { state, outputs: {} } : { state });
    }),
    // The snapshot lists every running output; keep the others (a failed one's reason stays readable).
    client.on('health', (health) => update({ health, outputs: withOutputs(view.outputs, health.outputs) })),
    client.on('output', (output) => update({ outputs: withOutputs(view.outputs, [output]) })),
    client.on('notice', (n) => notice(n.level, n.message)),
    client.onConnection((connection) => {
      update({ connection });
      if (connection === 'open') refresh();
    }),
  ];
  if (client.connection === 'open') refresh();

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => view,
    addNotice: notice,
    dismissNotice(id) {
      update({ notices: view.notices.filter((n) => n.id !== id) });
    },
    dispose() {
      for (const off of offs) off();
      listeners.clear();
    },
  };
}

function withOutputs(current: Readonly<Record<string, OutputHealth>>, outputs: readonly OutputHealth[]): Record<string, OutputHealth> {
  const next = { ...current };
  for (const o of outputs) next[o.id] = o;
  return next;
}
