import { describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, MethodName, MethodParams, MethodResult } from '../../../../preload/contract';
import { ConnectionListeners, EventListeners, StudioClientError, type ConnectionState, type StudioClient } from '../../../../renderer/bridge/studio-client';
import { MAX_NOTICES, createStudioStore } from '../../../../renderer/app/studio-store';
import { healthFixture, outputFixture, studioStateFixture } from '../../../helpers/studio-fixtures';

/** A StudioClient the test drives by hand: answers from `answers`, events and connection changes on demand. */
class FakeStudioClient implements StudioClient {
  connection: ConnectionState = 'connecting';
  readonly calls: MethodName[] = [];
  readonly events = new EventListeners();
  readonly connections = new ConnectionListeners();
  constructor(private readonly answers: Partial<{ [M in MethodName]: () => MethodResult<M> }>) {}

  async call<M extends MethodName>(method: M, _params: MethodParams<M>): Promise<MethodResult<M>> {
    this.calls.push(method);
    const answer = this.answers[method] as (() => MethodResult<M>) | undefined;
    if (!answer) throw new StudioClientError('INTERNAL', `no answer for ${method}`);
    return answer();
  }
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
    return this.events.add(event, cb);
  }
  onConnection(cb: (state: ConnectionState) => void): () => void {
    return this.connections.add(cb);
  }
  mediaBacklogBytes(): number {
    return 0;
  }
  sendMedia(): boolean {
    return false;
  }
  close(): void {}
  setConnection(state: ConnectionState): void {
    this.connection = state;
    this.connections.emit(state);
  }
}

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

describe('createStudioStore', () => {
  it('asks for the state and health every time the connection opens', async () => {
    const client = new FakeStudioClient({ getState: () => studioStateFixture(), getHealth: () => ({ health: healthFixture() }) });
    const store = createStudioStore(client);
    expect(store.getSnapshot()).toMatchObject({ connection: 'connecting', state: null, health: null });
    client.setConnection('open');
    await flush();
    expect(store.getSnapshot().state?.collection.scenes).toHaveLength(2);
    expect(store.getSnapshot().outputs.local?.state).toBe('live');
    client.setConnection('closed');
    client.setConnection('open');
    await flush();
    expect(client.calls).toEqual(['getState', 'getHealth', 'getState', 'getHealth']);
  });

  it('reports a failed state read as a notice in the studio words', async () => {
    const client = new FakeStudioClient({ getHealth: () => ({ health: null }) });
    const store = createStudioStore(client);
    client.setConnection('open');
    await flush();
    expect(store.getSnapshot().notices.map((n) => n.message)).toEqual(["Could not read the studio's state: no answer for getState"]);
  });

  it('follows state, health, output and notice events, telling subscribers each time', () => {
    const client = new FakeStudioClient({});
    const store = createStudioStore(client);
    const listener = vi.fn();
    store.subscribe(listener);
    client.events.emit('state', studioStateFixture({ streaming: 'live' }));
    client.events.emit('output', outputFixture({ state: 'reconnecting', reconnects: 1 }));
    client.events.emit('notice', { level: 'warning', message: 'The encoder is behind.' });
    const view = store.getSnapshot();
    expect(view.state?.live.streaming).toBe('live');
    expect(view.outputs.local).toMatchObject({ state: 'reconnecting', reconnects: 1 });
    expect(view.notices).toEqual([{ id: 1, level: 'warning', message: 'The encoder is behind.' }]);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('keeps an output the latest snapshot no longer lists (its failure stays readable)', () => {
    const client = new FakeStudioClient({});
    const store = createStudioStore(client);
    client.events.emit('output', outputFixture({ id: 'dst_1', state: 'failed', lastError: 'The server refused the stream key.' }));
    client.events.emit('health', healthFixture());
    expect(Object.keys(store.getSnapshot().outputs).sort()).toEqual(['dst_1', 'local']);
  });

  it('forgets the last stream outputs when going live again', () => {
    const client = new FakeStudioClient({});
    const store = createStudioStore(client);
    client.events.emit('state', studioStateFixture({ streaming: 'offline' }));
    client.events.emit('output', outputFixture({ state: 'failed', lastError: 'refused' }));
    client.events.emit('state', studioStateFixture({ streaming: 'starting' }));
    expect(store.getSnapshot().outputs).toEqual({});
  });

  it('keeps the last MAX_NOTICES notices and dismisses by id', () => {
    const client = new FakeStudioClient({});
    const store = createStudioStore(client);
    for (let i = 1; i <= MAX_NOTICES + 2; i++) client.events.emit('notice', { level: 'info', message: `n${i}` });
    const shown = store.getSnapshot().notices;
    expect(shown.map((n) => n.message)).toEqual(Array.from({ length: MAX_NOTICES }, (_, i) => `n${i + 3}`));
    store.dismissNotice(shown[0]!.id);
    expect(store.getSnapshot().notices).toHaveLength(MAX_NOTICES - 1);
  });

  it("adds this window's own notices among the studio's, in order", () => {
    const client = new FakeStudioClient({});
    const store = createStudioStore(client);
    client.events.emit('notice', { level: 'info', message: 'from the studio' });
    store.addNotice('warning', 'Program picture: the worker failed');
    expect(store.getSnapshot().notices.map((n) => [n.level, n.message])).toEqual([
      ['info', 'from the studio'],
      ['warning', 'Program picture: the worker failed'],
    ]);
  });

  it('returns the same snapshot until something changes (React relies on it)', () => {
    const client = new FakeStudioClient({});
    const store = createStudioStore(client);
    const a = store.getSnapshot();
    expect(store.getSnapshot()).toBe(a);
    client.events.emit('health', healthFixture());
    expect(store.getSnapshot()).not.toBe(a);
  });

  it('stops listening when disposed', () => {
    const client = new FakeStudioClient({});
    const store = createStudioStore(client);
    store.dispose();
    client.events.emit('health', healthFixture());
    expect(store.getSnapshot().health).toBeNull();
  });
});
