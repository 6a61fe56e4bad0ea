/**
 * The studio sends its whole state after every change; obs-websocket clients
 * expect one event per thing that changed. This turns two successive states
 * into those events, in the order OBS would send them: scenes, program and
 * preview, studio mode, transitions, inputs, scene items, outputs.
 *
 * Pure (the item numbering aside, which only grows), so each rule is a row in a
 * table test.
 */
import type { Scene, SceneCollection, Source, StudioState } from '../../../preload/contract/model';
import type { SceneItemIds } from './item-ids';
import { dbToMul, inputKindOf, isActiveState, recordStateOf, sceneListOf, streamStateOf, transitionRefOf } from './obs-shapes';
import { EventSubscription, type ObsEvent } from './protocol';

const event = (eventType: string, eventIntent: number, eventData?: Record<string, unknown>): ObsEvent =>
  eventData === undefined ? { eventType, eventIntent } : { eventType, eventIntent, eventData };

const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((x) => [x.id, x] as const));

export function translateState(prev: StudioState, next: StudioState, ids: SceneItemIds): ObsEvent[] {
  ids.register(next.collection.scenes);
  return [
    ...sceneEvents(prev.collection, next.collection),
    ...programPreviewEvents(prev.collection, next.collection),
    ...transitionEvents(prev.collection, next.collection),
    ...inputEvents(prev.collection.sources, next.collection.sources),
    ...sceneItemEvents(prev.collection, next.collection, ids),
    ...outputEvents(prev, next),
  ];
}

/** Sent once when the studio starts to quit; not derived from state. */
export function exitStartedEvent(): ObsEvent {
  return event('ExitStarted', EventSubscription.General);
}

function sceneEvents(prev: SceneCollection, next: SceneCollection): ObsEvent[] {
  const before = byId(prev.scenes);
  const after = byId(next.scenes);
  const out: ObsEvent[] = [];
  for (const scene of next.scenes) {
    const old = before.get(scene.id);
    if (!old) out.push(event('SceneCreated', EventSubscription.Scenes, { sceneName: scene.name, sceneUuid: scene.id, isGroup: false }));
    else if (old.name !== scene.name) out.push(event('SceneNameChanged', EventSubscription.Scenes, { sceneUuid: scene.id, oldSceneName: old.name, sceneName: scene.name }));
  }
  for (const scene of prev.scenes) {
    if (!after.has(scene.id)) out.push(event('SceneRemoved', EventSubscription.Scenes, { sceneName: scene.name, sceneUuid: scene.id, isGroup: false }));
  }
  const listed = (c: SceneCollection) => JSON.stringify(c.scenes.map((s) => [s.id, s.name]));
  if (listed(prev) !== listed(next)) out.push(event('SceneListChanged', EventSubscription.Scenes, { scenes: sceneListOf(next) }));
  return out;
}

function sceneRef(c: SceneCollection, id: string): { sceneName: string; sceneUuid: string } {
  return { sceneName: c.scenes.find((s) => s.id === id)?.name ?? '', sceneUuid: id };
}

/**
 * With studio mode off the studio keeps preview equal to program; OBS has no
 * preview then, so preview events are only sent in studio mode (and once when
 * it is switched on, since the preview appears).
 */
function programPreviewEvents(prev: SceneCollection, next: SceneCollection): ObsEvent[] {
  const out: ObsEvent[] = [];
  if (prev.programSceneId !== next.programSceneId) out.push(event('CurrentProgramSceneChanged', EventSubscription.Scenes, sceneRef(next, next.programSceneId)));
  if (prev.studioMode !== next.studioMode) out.push(event('StudioModeStateChanged', EventSubscription.Ui, { studioModeEnabled: next.studioMode }));
  const previewAppeared = next.studioMode && !prev.studioMode;
  if (next.studioMode && (previewAppeared || prev.previewSceneId !== next.previewSceneId)) {
    out.push(event('CurrentPreviewSceneChanged', EventSubscription.Scenes, sceneRef(next, next.previewSceneId)));
  }
  return out;
}

function transitionEvents(prev: SceneCollection, next: SceneCollection): ObsEvent[] {
  const out: ObsEvent[] = [];
  const kind = next.transition.kind;
  if (prev.transition.kind !== kind) {
    out.push(event('CurrentSceneTransitionChanged', EventSubscription.Transitions, transitionRefOf(kind)));
  }
  if (prev.transition.durationMs !== next.transition.durationMs) {
    out.push(event('CurrentSceneTransitionDurationChanged', EventSubscription.Transitions, { transitionDuration: next.transition.durationMs }));
  }
  return out;
}

function inputEvents(prev: readonly Source[], next: readonly Source[]): ObsEvent[] {
  const before = byId(prev);
  const after = byId(next);
  const out: ObsEvent[] = [];
  for (const source of next) {
    const input = { inputName: source.name, inputUuid: source.id };
    const old = before.get(source.id);
    if (!old) {
      const kind = inputKindOf(source.kind);
      out.push(event('InputCreated', EventSubscription.Inputs, { ...input, inputKind: kind, unversionedInputKind: kind, inputKindCaps: 0, inputSettings: {}, defaultInputSettings: {} }));
      continue;
    }
    if (old.name !== source.name) out.push(event('InputNameChanged', EventSubscription.Inputs, { inputUuid: source.id, oldInputName: old.name, inputName: source.name }));
    if (old.audio.muted !== source.audio.muted) out.push(event('InputMuteStateChanged', EventSubscription.Inputs, { ...input, inputMuted: source.audio.muted }));
    if (old.audio.gainDb !== source.audio.gainDb) {
      out.push(event('InputVolumeChanged', EventSubscription.Inputs, { ...input, inputVolumeMul: dbToMul(source.audio.gainDb), inputVolumeDb: source.audio.gainDb }));
    }
  }
  for (const source of prev) {
    if (!after.has(source.id)) out.push(event('InputRemoved', EventSubscription.Inputs, { inputName: source.name, inputUuid: source.id }));
  }
  return out;
}

function sceneItemEvents(prev: SceneCollection, next: SceneCollection, ids: SceneItemIds): ObsEvent[] {
  const before = byId(prev.scenes);
  const out: ObsEvent[] = [];
  for (const scene of next.scenes) {
    // A new scene's items are all new; a removed scene's items go without events (as in OBS).
    out.push(...itemChanges(before.get(scene.id) ?? { ...scene, items: [] }, scene, prev.sources, next.sources, ids));
  }
  return out;
}

function itemChanges(old: Scene, scene: Scene, prevSources: readonly Source[], sources: readonly Source[], ids: SceneItemIds): ObsEvent[] {
  const out: ObsEvent[] = [];
  const ref = { sceneName: scene.name, sceneUuid: scene.id };
  const oldItems = byId(old.items);
  const newItems = byId(scene.items);
  const sourceRef = (list: readonly Source[], sourceId: string) => ({ sourceName: list.find((s) => s.id === sourceId)?.name ?? '', sourceUuid: sourceId });
  scene.items.forEach((item, index) => {
    const sceneItemId = ids.numberFor(scene.id, item.id);
    const was = oldItems.get(item.id);
    if (!was) {
      out.push(event('SceneItemCreated', EventSubscription.SceneItems, { ...ref, ...sourceRef(sources, item.sourceId), sceneItemId, sceneItemIndex: index }));
      return;
    }
    if (was.visible !== item.visible) out.push(event('SceneItemEnableStateChanged', EventSubscription.SceneItems, { ...ref, sceneItemId, sceneItemEnabled: item.visible }));
    if (was.locked !== item.locked) out.push(event('SceneItemLockStateChanged', EventSubscription.SceneItems, { ...ref, sceneItemId, sceneItemLocked: item.locked }));
  });
  for (const item of old.items) {
    if (!newItems.has(item.id)) {
      out.push(event('SceneItemRemoved', EventSubscription.SceneItems, { ...ref, ...sourceRef(prevSources, item.sourceId), sceneItemId: ids.numberFor(old.id, item.id) }));
    }
  }
  const kept = (items: Scene['items'], other: Map<string, unknown>) => items.filter((i) => other.has(i.id)).map((i) => i.id).join('/');
  if (kept(old.items, newItems) !== kept(scene.items, oldItems)) {
    const sceneItems = scene.items.map((item, index) => ({ sceneItemId: ids.numberFor(scene.id, item.id), sceneItemIndex: index }));
    out.push(event('SceneItemListReindexed', EventSubscription.SceneItems, { ...ref, sceneItems }));
  }
  return out;
}

function outputEvents(prev: StudioState, next: StudioState): ObsEvent[] {
  const out: ObsEvent[] = [];
  if (prev.live.streaming !== next.live.streaming) {
    const outputState = streamStateOf(next.live.streaming);
    out.push(event('StreamStateChanged', EventSubscription.Outputs, { outputActive: isActiveState(outputState), outputState }));
  }
  if (prev.live.recording !== next.live.recording) {
    const outputState = recordStateOf(next.live.recording);
    // The spec gives the file only once the recording has stopped; the stopping state still names it.
    const outputPath = next.live.recording === 'off' ? (next.live.recordingFile ?? prev.live.recordingFile) : null;
    out.push(event('RecordStateChanged', EventSubscription.Outputs, { outputActive: isActiveState(outputState), outputState, outputPath }));
  }
  return out;
}
