/**
 * State diff -> obs-websocket events, one row per rule. Each row starts from the
 * fake studio's initial state (two scenes, a camera, a mic, a colour card).
 */
import { describe, expect, it } from 'vitest';
import type { SceneCollection, StudioState } from '../../../../../preload/contract/model';
import { exitStartedEvent, translateState } from '../../../../../main/remote/obs/event-translator';
import { SceneItemIds } from '../../../../../main/remote/obs/item-ids';
import { EventSubscription, type ObsEvent } from '../../../../../main/remote/obs/protocol';
import { fakeInitialState } from '../../../../helpers/fake-studio-port';

const base = fakeInitialState();
const withCollection = (patch: (c: SceneCollection) => Partial<SceneCollection>): StudioState => ({ ...base, collection: { ...base.collection, ...patch(base.collection) } });
const withLive = (live: Partial<StudioState['live']>, from: StudioState = base): StudioState => ({ ...from, live: { ...from.live, ...live } });
const mapSources = (c: SceneCollection, id: string, f: (s: SceneCollection['sources'][number]) => SceneCollection['sources'][number]) => ({
  sources: c.sources.map((s) => (s.id === id ? f(s) : s)),
});
const mapItem = (c: SceneCollection, sceneId: string, itemId: string, patch: object) => ({
  scenes: c.scenes.map((s) => (s.id === sceneId ? { ...s, items: s.items.map((i) => (i.id === itemId ? { ...i, ...patch } : i)) } : s)),
});

function events(prev: StudioState, next: StudioState, ids = new SceneItemIds()): ObsEvent[] {
  ids.register(prev.collection.scenes);
  return translateState(prev, next, ids);
}
const types = (list: ObsEvent[]) => list.map((e) => e.eventType);

describe('translateState', () => {
  it('sends nothing when nothing changed', () => {
    expect(events(base, structuredClone(base))).toEqual([]);
  });

  it.each<[string, StudioState, string[]]>([
    ['program scene switched', withCollection(() => ({ programSceneId: 'sc_brb', previewSceneId: 'sc_brb' })), ['CurrentProgramSceneChanged']],
    ['studio mode on: the preview appears', withCollection(() => ({ studioMode: true })), ['StudioModeStateChanged', 'CurrentPreviewSceneChanged']],
    ['scene created', withCollection((c) => ({ scenes: [...c.scenes, { id: 'sc_new', name: 'New', items: [] }] })), ['SceneCreated', 'SceneListChanged']],
    ['scene removed (its items go silently)', withCollection((c) => ({ scenes: c.scenes.filter((s) => s.id !== 'sc_brb') })), ['SceneRemoved', 'SceneListChanged']],
    ['scene renamed', withCollection((c) => ({ scenes: c.scenes.map((s) => (s.id === 'sc_brb' ? { ...s, name: 'Pause' } : s)) })), ['SceneNameChanged', 'SceneListChanged']],
    ['scenes reordered', withCollection((c) => ({ scenes: [...c.scenes].reverse() })), ['SceneListChanged']],
    ['input muted', withCollection((c) => mapSources(c, 'src_mic', (s) => ({ ...s, audio: { ...s.audio, muted: true } }))), ['InputMuteStateChanged']],
    ['input volume', withCollection((c) => mapSources(c, 'src_mic', (s) => ({ ...s, audio: { ...s.audio, gainDb: -6 } }))), ['InputVolumeChanged']],
    ['input renamed', withCollection((c) => mapSources(c, 'src_cam', (s) => ({ ...s, name: 'Webcam' }))), ['InputNameChanged']],
    ['item hidden', withCollection((c) => mapItem(c, 'sc_main', 'it_cam', { visible: false })), ['SceneItemEnableStateChanged']],
    ['item locked', withCollection((c) => mapItem(c, 'sc_main', 'it_cam', { locked: true })), ['SceneItemLockStateChanged']],
    ['item moved (no event: transform events are high-volume and not sent)', withCollection((c) => mapItem(c, 'sc_main', 'it_cam', { opacity: 0.5 })), []],
    ['items restacked', withCollection((c) => ({ scenes: c.scenes.map((s) => (s.id === 'sc_main' ? { ...s, items: [...s.items].reverse() } : s)) })), ['SceneItemListReindexed']],
    ['transition changed', withCollection(() => ({ transition: { kind: 'cut', durationMs: 500 } })), ['CurrentSceneTransitionChanged', 'CurrentSceneTransitionDurationChanged']],
    ['stream starting', withLive({ streaming: 'starting' }), ['StreamStateChanged']],
    ['recording started', withLive({ recording: 'recording', recordingFile: '/r/a.mkv' }), ['RecordStateChanged']],
  ])('%s', (_what, next, expected) => {
    expect(types(events(base, next))).toEqual(expected);
  });

  it('program change with studio mode off says nothing about the preview that follows it', () => {
    const [only, ...rest] = events(base, withCollection(() => ({ programSceneId: 'sc_brb', previewSceneId: 'sc_brb' })));
    expect(rest).toEqual([]);
    expect(only).toEqual({ eventType: 'CurrentProgramSceneChanged', eventIntent: EventSubscription.Scenes, eventData: { sceneName: 'Be Right Back', sceneUuid: 'sc_brb' } });
  });

  it('preview change in studio mode names the scene', () => {
    const studio = withCollection(() => ({ studioMode: true }));
    const next = { ...studio, collection: { ...studio.collection, previewSceneId: 'sc_brb' } };
    expect(events(studio, next)).toEqual([{ eventType: 'CurrentPreviewSceneChanged', eventIntent: EventSubscription.Scenes, eventData: { sceneName: 'Be Right Back', sceneUuid: 'sc_brb' } }]);
  });

  it('studio mode off: only the mode changes (the preview goes away, no preview event)', () => {
    const studio = { ...base, collection: { ...base.collection, studioMode: true, previewSceneId: 'sc_brb' } };
    const off = { ...studio, collection: { ...studio.collection, studioMode: false, previewSceneId: 'sc_main' } };
    expect(types(events(studio, off))).toEqual(['StudioModeStateChanged']);
  });

  it('studio mode changes travel on the Ui intent', () => {
    const [first] = events(base, withCollection(() => ({ studioMode: true })));
    expect(first).toEqual({ eventType: 'StudioModeStateChanged', eventIntent: EventSubscription.Ui, eventData: { studioModeEnabled: true } });
  });

  it('mute and volume events carry name, uuid and both volume scales', () => {
    const next = withCollection((c) => mapSources(c, 'src_mic', (s) => ({ ...s, audio: { ...s.audio, muted: true, gainDb: -20 } })));
    expect(events(base, next)).toEqual([
      { eventType: 'InputMuteStateChanged', eventIntent: EventSubscription.Inputs, eventData: { inputName: 'Mic', inputUuid: 'src_mic', inputMuted: true } },
      { eventType: 'InputVolumeChanged', eventIntent: EventSubscription.Inputs, eventData: { inputName: 'Mic', inputUuid: 'src_mic', inputVolumeMul: 0.1, inputVolumeDb: -20 } },
    ]);
  });

  it('scene items keep their numbers across changes, and a new item gets the next one', () => {
    const ids = new SceneItemIds();
    const hidden = withCollection((c) => mapItem(c, 'sc_main', 'it_mic', { visible: false }));
    const [enable] = events(base, hidden, ids);
    expect(enable?.eventData).toMatchObject({ sceneUuid: 'sc_main', sceneItemId: 2, sceneItemEnabled: false });
    const added: StudioState = {
      ...hidden,
      collection: { ...hidden.collection, scenes: hidden.collection.scenes.map((s) => (s.id === 'sc_brb' ? { ...s, items: [...s.items, { ...s.items[0]!, id: 'it_cam2', sourceId: 'src_cam' }] } : s)) },
    };
    expect(events(hidden, added, ids)).toEqual([
      { eventType: 'SceneItemCreated', eventIntent: EventSubscription.SceneItems, eventData: { sceneName: 'Be Right Back', sceneUuid: 'sc_brb', sourceName: 'Camera', sourceUuid: 'src_cam', sceneItemId: 4, sceneItemIndex: 1 } },
    ]);
    expect(events(added, hidden, ids)).toEqual([
      { eventType: 'SceneItemRemoved', eventIntent: EventSubscription.SceneItems, eventData: { sceneName: 'Be Right Back', sceneUuid: 'sc_brb', sourceName: 'Camera', sourceUuid: 'src_cam', sceneItemId: 4 } },
    ]);
  });

  it.each<[string, Partial<StudioState['live']>, Partial<StudioState['live']>, Record<string, unknown>]>([
    ['offline -> starting', {}, { streaming: 'starting' }, { outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTING' }],
    ['starting -> live', { streaming: 'starting' }, { streaming: 'live' }, { outputActive: true, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED' }],
    ['live -> ending', { streaming: 'live' }, { streaming: 'ending' }, { outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPING' }],
    ['ending -> offline', { streaming: 'ending' }, { streaming: 'offline' }, { outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPED' }],
  ])('stream %s', (_what, from, to, data) => {
    const prev = withLive(from);
    expect(events(prev, withLive(to, prev))).toEqual([{ eventType: 'StreamStateChanged', eventIntent: EventSubscription.Outputs, eventData: data }]);
  });

  it.each<[string, Partial<StudioState['live']>, Partial<StudioState['live']>, Record<string, unknown>]>([
    ['off -> starting', {}, { recording: 'starting' }, { outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTING', outputPath: null }],
    ['starting -> recording', { recording: 'starting' }, { recording: 'recording', recordingFile: '/r/a.mkv' }, { outputActive: true, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED', outputPath: null }],
    ['recording -> stopping', { recording: 'recording', recordingFile: '/r/a.mkv' }, { recording: 'stopping' }, { outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPING', outputPath: null }],
    ['stopping -> off names the file', { recording: 'stopping', recordingFile: '/r/a.mkv' }, { recording: 'off', recordingFile: null }, { outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPED', outputPath: '/r/a.mkv' }],
  ])('record %s', (_what, from, to, data) => {
    const prev = withLive(from);
    expect(events(prev, withLive(to, prev))).toEqual([{ eventType: 'RecordStateChanged', eventIntent: EventSubscription.Outputs, eventData: data }]);
  });

  it('ExitStarted is a General event without data', () => {
    expect(exitStartedEvent()).toEqual({ eventType: 'ExitStarted', eventIntent: EventSubscription.General });
  });
});
