import { describe, expect, it } from 'vitest';
import { LateSubscriptions } from '../../../../../renderer/app/program/late-subscriptions';
import { rememberMediaRequests } from '../../../../../renderer/app/program/media-requests';
import { ConnectionListeners, EventListeners } from '../../../../../renderer/bridge/studio-client';

class Target {
  readonly listeners = new Set<string>();
  on(name: string): () => void {
    this.listeners.add(name);
    return () => this.listeners.delete(name);
  }
}

describe('LateSubscriptions', () => {
  it('attaches early subscriptions when the target arrives, moves them to a new target, and detaches on unsubscribe', () => {
    const subs = new LateSubscriptions<Target>();
    const off = subs.add((t) => t.on('a'));
    const first = new Target();
    subs.setTarget(first);
    expect([...first.listeners]).toEqual(['a']);
    subs.add((t) => t.on('b'));
    expect([...first.listeners]).toEqual(['a', 'b']);
    const second = new Target();
    subs.setTarget(second);
    expect(first.listeners.size).toBe(0);
    off();
    expect([...second.listeners]).toEqual(['b']);
    subs.clear();
    expect(second.listeners.size).toBe(0);
  });
});

describe('rememberMediaRequests', () => {
  const request = { send: true, path: 'raw' as const, width: 2, height: 2, fps: 30, keyframeIntervalS: 2, videoBitrateKbps: 100 };

  it('replays the last request to a late listener, and forgets it when the connection drops', () => {
    const events = new EventListeners();
    const connections = new ConnectionListeners();
    const requests = rememberMediaRequests({ on: (e, cb) => events.add(e, cb), onConnection: (cb) => connections.add(cb) });
    events.emit('mediaRequest', request);
    const heard: boolean[] = [];
    requests.on('mediaRequest', (r) => heard.push(r.send));
    expect(heard).toEqual([true]);
    connections.emit('closed');
    const later: boolean[] = [];
    requests.on('mediaRequest', (r) => later.push(r.send));
    expect(later).toEqual([]);
    events.emit('mediaRequest', { ...request, send: false });
    expect(heard).toEqual([true, false]);
  });
});
