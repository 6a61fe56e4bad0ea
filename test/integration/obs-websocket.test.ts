/**
 * The obs-websocket server against the real obs-websocket-js client (msgpack,
 * its default under Node) and a raw JSON client, backed by a real Studio
 * (test/helpers/studio-harness.ts: real engine, real ffmpeg, real local origin)
 * with its generated remote password, as the app runs it. Security and fuzzing
 * run against the fake studio in obs-websocket-security.test.ts and
 * obs-websocket-fuzz.test.ts.
 */
import { EventSubscription, OBSWebSocket, OBSWebSocketError, type OBSEventTypes, type RequestBatchRequest } from 'obs-websocket-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RequestStatus } from '../../main/remote/obs/protocol';
import type { Studio } from '../../main/studio/studio';
import { startObsTestServer, type ObsTestServer } from '../helpers/obs-test-server';
import { RawClient } from '../helpers/raw-ws-client';
import { startTestStudio, type TestStudio } from '../helpers/studio-harness';

const EVENT_TIMEOUT_MS = 3000;
/** Going live probes ffmpeg (the first time) and starts a real encode: give it time, ms. */
const OUTPUT_TIMEOUT_MS = 60_000;

function nextEvent<K extends keyof OBSEventTypes>(obs: OBSWebSocket, type: K, match: (data: OBSEventTypes[K]) => boolean = () => true, timeoutMs = EVENT_TIMEOUT_MS): Promise<OBSEventTypes[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs);
    const listener = (data: OBSEventTypes[K]) => {
      if (!match(data)) return;
      clearTimeout(timer);
      obs.off(type, listener as never);
      resolve(data);
    };
    obs.on(type, listener as never);
  });
}

async function failureCode(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OBSWebSocketError) return error.code;
    throw error;
  }
  throw new Error('the call succeeded');
}

let harness: TestStudio;
let t: ObsTestServer<Studio>;
let password: string;
let obs: OBSWebSocket;
const clients: OBSWebSocket[] = [];

/** The real collection's ids, looked up by name (the studio mints them at random). */
const state = () => t.studio.state();
const sceneId = (name: string) => state().collection.scenes.find((s) => s.name === name)!.id;
const sourceId = (name: string) => state().collection.sources.find((s) => s.name === name)!.id;
const LIVE = 'Live';
const SOON = 'Starting soon';
const MIC = 'Microphone';

async function connect(pass: string | undefined = password, params: { eventSubscriptions?: number } = {}): Promise<OBSWebSocket> {
  const client = new OBSWebSocket();
  clients.push(client);
  await client.connect(t.url, pass, params);
  return client;
}

beforeAll(async () => {
  harness = await startTestStudio();
  // The password the studio generated on first run, as the app's remote control uses it.
  password = await harness.studio.remotePassword();
  t = await startObsTestServer({ studio: harness.studio, password });
  obs = await connect();
});

afterEach(async () => {
  // Leave the studio where the next test expects it: nothing live.
  const live = state().live;
  if (live.streaming === 'live') await t.studio.api.stopLive({});
  if (live.recording === 'recording') await t.studio.api.stopRecording({});
});

afterAll(async () => {
  for (const client of clients) await client.disconnect();
  await t?.stop();
  await harness?.close(true);
  expect(password.length).toBeGreaterThanOrEqual(12);
  expect(t.logs.length).toBeGreaterThan(0);
  expect([...t.logs, ...harness.logs].map((r) => r.message).join('\n')).not.toContain(password);
  expect(t.calls.filter((c) => !c.valid)).toEqual([]);
});

describe('handshake', () => {
  it('identifies with the right password over msgpack and lists what it can do', async () => {
    const version = await obs.call('GetVersion');
    expect(version.rpcVersion).toBe(1);
    expect(version.availableRequests).toEqual(expect.arrayContaining(['GetSceneList', 'SetCurrentProgramScene', 'StartStream', 'ToggleRecord', 'GetStats']));
    expect(version.supportedImageFormats).toEqual([]);
  });

  it('closes with 4009 AuthenticationFailed for a wrong password, and for none', async () => {
    expect(await failureCode(connect('wrong-password'))).toBe(4009);
    // obs-websocket-js sends no authentication for an empty password.
    expect(await failureCode(connect(''))).toBe(4009);
  });

  it('speaks JSON over text frames when asked, and by default', async () => {
    for (const protocol of ['obswebsocket.json', null]) {
      const raw = await RawClient.connect(t.url, { protocol });
      await raw.identify(password);
      expect(raw.binary).toBe(false);
      const reply = await raw.request('GetSceneList');
      expect(reply?.requestStatus).toEqual({ result: true, code: RequestStatus.Success });
      expect((reply?.responseData as { scenes: unknown[] }).scenes).toHaveLength(state().collection.scenes.length);
      raw.close();
    }
  });
});

describe('scenes', () => {
  it('lists scenes and switches the program scene, with CurrentProgramSceneChanged', async () => {
    const list = await obs.call('GetSceneList');
    expect(list.currentProgramSceneName).toBe(LIVE);
    expect(list.currentPreviewSceneName).toBeNull();
    // obs-websocket order: the bottom of the UI list first.
    expect(list.scenes.map((s) => s.sceneName)).toEqual([SOON, LIVE]);
    const changed = nextEvent(obs, 'CurrentProgramSceneChanged');
    await obs.call('SetCurrentProgramScene', { sceneName: SOON });
    expect(await changed).toEqual({ sceneName: SOON, sceneUuid: sceneId(SOON) });
    expect(await obs.call('GetCurrentProgramScene')).toMatchObject({ sceneName: SOON, sceneUuid: sceneId(SOON) });
    await obs.call('SetCurrentProgramScene', { sceneUuid: sceneId(LIVE) });
    expect(state().collection.programSceneId).toBe(sceneId(LIVE));
  });

  it('creates, renames and removes a scene, with their events', async () => {
    const created = nextEvent(obs, 'SceneCreated');
    const { sceneUuid } = await obs.call('CreateScene', { sceneName: 'Interview' });
    expect(await created).toEqual({ sceneName: 'Interview', sceneUuid, isGroup: false });
    expect(sceneId('Interview')).toBe(sceneUuid);
    expect(await failureCode(obs.call('CreateScene', { sceneName: 'interview' }))).toBe(RequestStatus.ResourceAlreadyExists);

    const renamed = nextEvent(obs, 'SceneNameChanged');
    await obs.call('SetSceneName', { sceneUuid, newSceneName: 'Guest' });
    expect(await renamed).toEqual({ sceneUuid, oldSceneName: 'Interview', sceneName: 'Guest' });

    const removed = nextEvent(obs, 'SceneRemoved');
    await obs.call('RemoveScene', { sceneName: 'Guest' });
    expect(await removed).toEqual({ sceneName: 'Guest', sceneUuid, isGroup: false });
    expect(await failureCode(obs.call('RemoveScene', { sceneName: 'Guest' }))).toBe(RequestStatus.ResourceNotFound);
  });

  it('refuses bad scene requests with the spec codes, and nothing reaches the studio', async () => {
    const before = t.calls.length;
    expect(await failureCode(obs.call('SetCurrentProgramScene', {}))).toBe(RequestStatus.MissingRequestField);
    expect(await failureCode(obs.call('CreateScene', { sceneName: 42 as unknown as string }))).toBe(RequestStatus.InvalidRequestFieldType);
    expect(await failureCode(obs.call('CreateScene', { sceneName: '' }))).toBe(RequestStatus.RequestFieldEmpty);
    expect(await failureCode(obs.call('CreateScene', { sceneName: 'x'.repeat(300) }))).toBe(RequestStatus.InvalidRequestField);
    expect(t.calls.slice(before).map((c) => c.method).filter((m) => m !== 'getState')).toEqual([]);
  });

  it('has studio mode: preview only when it is on, transition swaps', async () => {
    expect(await failureCode(obs.call('GetCurrentPreviewScene'))).toBe(RequestStatus.StudioModeNotActive);
    expect(await failureCode(obs.call('TriggerStudioModeTransition'))).toBe(RequestStatus.StudioModeNotActive);
    const modeChanged = nextEvent(obs, 'StudioModeStateChanged');
    await obs.call('SetStudioModeEnabled', { studioModeEnabled: true });
    expect(await modeChanged).toEqual({ studioModeEnabled: true });
    expect(await obs.call('GetStudioModeEnabled')).toEqual({ studioModeEnabled: true });
    const preview = nextEvent(obs, 'CurrentPreviewSceneChanged', (d) => d.sceneName === SOON);
    await obs.call('SetCurrentPreviewScene', { sceneName: SOON });
    await preview;
    const program = nextEvent(obs, 'CurrentProgramSceneChanged');
    await obs.call('TriggerStudioModeTransition');
    expect((await program).sceneName).toBe(SOON);
    expect((await obs.call('GetCurrentPreviewScene')).sceneName).toBe(LIVE);
    await obs.call('SetStudioModeEnabled', { studioModeEnabled: false });
    await obs.call('SetCurrentProgramScene', { sceneName: LIVE });
  });
});

describe('inputs and scene items', () => {
  it('mutes and unmutes an input, with InputMuteStateChanged', async () => {
    expect(await obs.call('GetInputMute', { inputName: MIC })).toEqual({ inputMuted: false });
    const muted = nextEvent(obs, 'InputMuteStateChanged');
    await obs.call('SetInputMute', { inputName: MIC, inputMuted: true });
    expect(await muted).toEqual({ inputName: MIC, inputUuid: sourceId(MIC), inputMuted: true });
    expect(await obs.call('GetInputMute', { inputUuid: sourceId(MIC) })).toEqual({ inputMuted: true });
    expect(await obs.call('ToggleInputMute', { inputName: MIC })).toEqual({ inputMuted: false });
    expect(state().collection.sources.find((s) => s.name === MIC)?.audio.muted).toBe(false);
    expect(await failureCode(obs.call('GetInputMute', { inputName: 'Nobody' }))).toBe(RequestStatus.ResourceNotFound);
  });

  it('sets volume in dB or as a multiplier, with InputVolumeChanged', async () => {
    const changed = nextEvent(obs, 'InputVolumeChanged');
    await obs.call('SetInputVolume', { inputName: MIC, inputVolumeDb: -20 });
    expect(await changed).toMatchObject({ inputName: MIC, inputVolumeDb: -20 });
    const volume = await obs.call('GetInputVolume', { inputName: MIC });
    expect(volume.inputVolumeMul).toBeCloseTo(0.1, 6);
    await obs.call('SetInputVolume', { inputName: MIC, inputVolumeMul: 1 });
    expect((await obs.call('GetInputVolume', { inputName: MIC })).inputVolumeDb).toBeCloseTo(0, 6);
    expect(await failureCode(obs.call('SetInputVolume', { inputName: MIC, inputVolumeDb: 99 }))).toBe(RequestStatus.RequestFieldOutOfRange);
    expect(await failureCode(obs.call('SetInputVolume', { inputName: MIC }))).toBe(RequestStatus.MissingRequestField);
  });

  it('lists inputs and scene items, and shows or hides an item by its number', async () => {
    const { inputs } = await obs.call('GetInputList');
    expect(inputs.map((i) => i.inputName)).toEqual(state().collection.sources.map((s) => s.name));
    expect(inputs.find((i) => i.inputName === MIC)?.inputKind).toBe('onair_audio_input');
    const { sceneItems } = await obs.call('GetSceneItemList', { sceneName: LIVE });
    expect(sceneItems.map((i) => i.sourceName)).toEqual(['Background', 'Camera', 'Title', MIC]);
    const id = sceneItems.find((i) => i.sourceName === 'Camera')?.sceneItemId as number;
    expect(Number.isInteger(id)).toBe(true);
    expect(await obs.call('GetSceneItemId', { sceneName: LIVE, sourceName: 'Camera' })).toEqual({ sceneItemId: id });
    const hidden = nextEvent(obs, 'SceneItemEnableStateChanged');
    await obs.call('SetSceneItemEnabled', { sceneName: LIVE, sceneItemId: id, sceneItemEnabled: false });
    expect(await hidden).toEqual({ sceneName: LIVE, sceneUuid: sceneId(LIVE), sceneItemId: id, sceneItemEnabled: false });
    expect(await obs.call('GetSceneItemEnabled', { sceneName: LIVE, sceneItemId: id })).toEqual({ sceneItemEnabled: false });
    await obs.call('SetSceneItemEnabled', { sceneName: LIVE, sceneItemId: id, sceneItemEnabled: true });
    // The same number in another scene is not that item.
    expect(await failureCode(obs.call('GetSceneItemEnabled', { sceneName: SOON, sceneItemId: id }))).toBe(RequestStatus.ResourceNotFound);
  });
});

describe('stream and record', () => {
  it('starts and stops the stream, reflected in GetStreamStatus and StreamStateChanged', async () => {
    expect((await obs.call('GetStreamStatus')).outputActive).toBe(false);
    const started = nextEvent(obs, 'StreamStateChanged', (d) => d.outputState === 'OBS_WEBSOCKET_OUTPUT_STARTED', OUTPUT_TIMEOUT_MS);
    const starting = nextEvent(obs, 'StreamStateChanged', (d) => d.outputState === 'OBS_WEBSOCKET_OUTPUT_STARTING');
    await obs.call('StartStream');
    expect(await starting).toEqual({ outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTING' });
    expect(await started).toEqual({ outputActive: true, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED' });
    const status = await obs.call('GetStreamStatus');
    expect(status).toMatchObject({ outputActive: true, outputReconnecting: false });
    expect(status.outputTimecode).toMatch(/^\d\d:\d\d:\d\d\.\d\d\d$/);
    expect(await failureCode(obs.call('StartStream'))).toBe(RequestStatus.OutputRunning);

    const stopped = nextEvent(obs, 'StreamStateChanged', (d) => d.outputState === 'OBS_WEBSOCKET_OUTPUT_STOPPED', OUTPUT_TIMEOUT_MS);
    await obs.call('StopStream');
    expect(await stopped).toEqual({ outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPED' });
    expect((await obs.call('GetStreamStatus')).outputActive).toBe(false);
    expect(await failureCode(obs.call('StopStream'))).toBe(RequestStatus.OutputNotRunning);
  });

  it('starts and stops the recording, with RecordStateChanged naming the file', async () => {
    const started = nextEvent(obs, 'RecordStateChanged', (d) => d.outputState === 'OBS_WEBSOCKET_OUTPUT_STARTED', OUTPUT_TIMEOUT_MS);
    expect(await obs.call('ToggleRecord')).toEqual({ outputActive: true });
    await started;
    expect((await obs.call('GetRecordStatus')).outputActive).toBe(true);
    const file = state().live.recordingFile;
    expect(file).toMatch(/\.mkv$/);
    const stopped = nextEvent(obs, 'RecordStateChanged', (d) => d.outputState === 'OBS_WEBSOCKET_OUTPUT_STOPPED', OUTPUT_TIMEOUT_MS);
    expect(await obs.call('StopRecord')).toEqual({ outputPath: file });
    expect(await stopped).toEqual({ outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPED', outputPath: file });
    expect(await failureCode(obs.call('StopRecord'))).toBe(RequestStatus.OutputNotRunning);
  });
});

describe('batches, unknown requests, subscriptions', () => {
  it('runs a RequestBatch in order, halting on failure when asked', async () => {
    const requests: RequestBatchRequest[] = [
      { requestType: 'GetVersion' },
      { requestType: 'SetCurrentProgramScene', requestData: { sceneName: 'No such scene' } },
      { requestType: 'GetSceneList', requestData: {} },
    ];
    const all = await obs.callBatch(requests);
    expect(all.map((r) => [r.requestType, r.requestStatus.code])).toEqual([
      ['GetVersion', RequestStatus.Success],
      ['SetCurrentProgramScene', RequestStatus.ResourceNotFound],
      ['GetSceneList', RequestStatus.Success],
    ]);
    const halted = await obs.callBatch(requests, { haltOnFailure: true });
    expect(halted.map((r) => r.requestStatus.code)).toEqual([RequestStatus.Success, RequestStatus.ResourceNotFound]);
  });

  it('answers an unknown request type with 204 and stays connected', async () => {
    const call = obs.call as (type: string) => Promise<unknown>;
    expect(await failureCode(call.call(obs, 'MakeCoffee'))).toBe(RequestStatus.UnknownRequestType);
    expect((await obs.call('GetVersion')).rpcVersion).toBe(1);
  });

  it('sends only the events a client subscribed to, and Reidentify changes that', async () => {
    const quiet = await connect(password, { eventSubscriptions: EventSubscription.None });
    let heard = 0;
    quiet.on('InputMuteStateChanged', () => (heard += 1));
    const everyone = nextEvent(obs, 'InputMuteStateChanged');
    await obs.call('ToggleInputMute', { inputName: MIC });
    await everyone;
    expect(heard).toBe(0);
    await quiet.reidentify({ eventSubscriptions: EventSubscription.Inputs });
    const now = nextEvent(quiet, 'InputMuteStateChanged');
    await obs.call('ToggleInputMute', { inputName: MIC });
    expect((await now).inputName).toBe(MIC);
    const stats = await quiet.call('GetStats');
    expect(stats.webSocketSessionIncomingMessages).toBeGreaterThanOrEqual(3);
    expect(stats.webSocketSessionOutgoingMessages).toBeGreaterThanOrEqual(4);
  });

  it('sends ExitStarted to subscribers when the studio quits', async () => {
    const exit = nextEvent(obs, 'ExitStarted');
    t.server.notifyExit();
    await expect(exit).resolves.toBeUndefined();
  });
});
