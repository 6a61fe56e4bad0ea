/**
 * The obs-websocket server against the real obs-websocket-js client (msgpack,
 * its default under Node) and a raw JSON client, backed by the fake studio
 * (test/helpers/fake-studio-port.ts). Security and fuzzing are in
 * obs-websocket-security.test.ts and obs-websocket-fuzz.test.ts.
 */
import { EventSubscription, OBSWebSocket, OBSWebSocketError, type OBSEventTypes, type RequestBatchRequest } from 'obs-websocket-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RequestStatus } from '../../main/remote/obs/protocol';
import { TEST_PASSWORD, startObsTestServer, type ObsTestServer } from '../helpers/obs-test-server';
import { RawClient } from '../helpers/raw-ws-client';

const EVENT_TIMEOUT_MS = 3000;

function nextEvent<K extends keyof OBSEventTypes>(obs: OBSWebSocket, type: K, match: (data: OBSEventTypes[K]) => boolean = () => true): Promise<OBSEventTypes[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${EVENT_TIMEOUT_MS} ms`)), EVENT_TIMEOUT_MS);
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

let t: ObsTestServer;
let obs: OBSWebSocket;
const clients: OBSWebSocket[] = [];

async function connect(password: string | undefined = TEST_PASSWORD, params: { eventSubscriptions?: number } = {}): Promise<OBSWebSocket> {
  const client = new OBSWebSocket();
  clients.push(client);
  await client.connect(t.url, password, params);
  return client;
}

beforeAll(async () => {
  t = await startObsTestServer();
  obs = await connect();
});

afterEach(async () => {
  // Leave the fake where the next test expects it: nothing live.
  const live = t.studio.current().live;
  if (live.streaming === 'live') await t.studio.api.stopLive({});
  if (live.recording === 'recording') await t.studio.api.stopRecording({});
});

afterAll(async () => {
  for (const client of clients) await client.disconnect();
  await t.stop();
  expect(t.logs.length).toBeGreaterThan(0);
  expect(t.logs.map((r) => r.message).join('\n')).not.toContain(TEST_PASSWORD);
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
      await raw.identify(TEST_PASSWORD);
      expect(raw.binary).toBe(false);
      const reply = await raw.request('GetSceneList');
      expect(reply?.requestStatus).toEqual({ result: true, code: RequestStatus.Success });
      expect((reply?.responseData as { scenes: unknown[] }).scenes).toHaveLength(t.studio.current().collection.scenes.length);
      raw.close();
    }
  });
});

describe('scenes', () => {
  it('lists scenes and switches the program scene, with CurrentProgramSceneChanged', async () => {
    const list = await obs.call('GetSceneList');
    expect(list.currentProgramSceneName).toBe('Main');
    expect(list.currentPreviewSceneName).toBeNull();
    expect(list.scenes.map((s) => s.sceneName)).toEqual(['Be Right Back', 'Main']);
    const changed = nextEvent(obs, 'CurrentProgramSceneChanged');
    await obs.call('SetCurrentProgramScene', { sceneName: 'Be Right Back' });
    expect(await changed).toEqual({ sceneName: 'Be Right Back', sceneUuid: 'sc_brb' });
    expect(await obs.call('GetCurrentProgramScene')).toMatchObject({ sceneName: 'Be Right Back', sceneUuid: 'sc_brb' });
    await obs.call('SetCurrentProgramScene', { sceneUuid: 'sc_main' });
    expect(t.studio.current().collection.programSceneId).toBe('sc_main');
  });

  it('creates, renames and removes a scene, with their events', async () => {
    const created = nextEvent(obs, 'SceneCreated');
    const { sceneUuid } = await obs.call('CreateScene', { sceneName: 'Interview' });
    expect(await created).toEqual({ sceneName: 'Interview', sceneUuid, isGroup: false });
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
    const preview = nextEvent(obs, 'CurrentPreviewSceneChanged', (d) => d.sceneName === 'Be Right Back');
    await obs.call('SetCurrentPreviewScene', { sceneName: 'Be Right Back' });
    await preview;
    const program = nextEvent(obs, 'CurrentProgramSceneChanged');
    await obs.call('TriggerStudioModeTransition');
    expect((await program).sceneName).toBe('Be Right Back');
    expect((await obs.call('GetCurrentPreviewScene')).sceneName).toBe('Main');
    await obs.call('SetStudioModeEnabled', { studioModeEnabled: false });
    await obs.call('SetCurrentProgramScene', { sceneName: 'Main' });
  });
});

describe('inputs and scene items', () => {
  it('mutes and unmutes an input, with InputMuteStateChanged', async () => {
    expect(await obs.call('GetInputMute', { inputName: 'Mic' })).toEqual({ inputMuted: false });
    const muted = nextEvent(obs, 'InputMuteStateChanged');
    await obs.call('SetInputMute', { inputName: 'Mic', inputMuted: true });
    expect(await muted).toEqual({ inputName: 'Mic', inputUuid: 'src_mic', inputMuted: true });
    expect(await obs.call('GetInputMute', { inputUuid: 'src_mic' })).toEqual({ inputMuted: true });
    expect(await obs.call('ToggleInputMute', { inputName: 'Mic' })).toEqual({ inputMuted: false });
    expect(t.studio.current().collection.sources.find((s) => s.id === 'src_mic')?.audio.muted).toBe(false);
    expect(await failureCode(obs.call('GetInputMute', { inputName: 'Nobody' }))).toBe(RequestStatus.ResourceNotFound);
  });

  it('sets volume in dB or as a multiplier, with InputVolumeChanged', async () => {
    const changed = nextEvent(obs, 'InputVolumeChanged');
    await obs.call('SetInputVolume', { inputName: 'Mic', inputVolumeDb: -20 });
    expect(await changed).toMatchObject({ inputName: 'Mic', inputVolumeDb: -20 });
    const volume = await obs.call('GetInputVolume', { inputName: 'Mic' });
    expect(volume.inputVolumeMul).toBeCloseTo(0.1, 6);
    await obs.call('SetInputVolume', { inputName: 'Mic', inputVolumeMul: 1 });
    expect((await obs.call('GetInputVolume', { inputName: 'Mic' })).inputVolumeDb).toBeCloseTo(0, 6);
    expect(await failureCode(obs.call('SetInputVolume', { inputName: 'Mic', inputVolumeDb: 99 }))).toBe(RequestStatus.RequestFieldOutOfRange);
    expect(await failureCode(obs.call('SetInputVolume', { inputName: 'Mic' }))).toBe(RequestStatus.MissingRequestField);
  });

  it('lists inputs and scene items, and shows or hides an item by its number', async () => {
    const { inputs } = await obs.call('GetInputList');
    expect(inputs.map((i) => [i.inputName, i.inputKind])).toEqual([['Camera', 'onair_camera'], ['Mic', 'onair_audio_input'], ['BRB card', 'onair_color']]);
    const { sceneItems } = await obs.call('GetSceneItemList', { sceneName: 'Main' });
    const camera = sceneItems.find((i) => i.sourceName === 'Camera');
    const id = camera?.sceneItemId as number;
    expect(Number.isInteger(id)).toBe(true);
    expect(await obs.call('GetSceneItemId', { sceneName: 'Main', sourceName: 'Camera' })).toEqual({ sceneItemId: id });
    const hidden = nextEvent(obs, 'SceneItemEnableStateChanged');
    await obs.call('SetSceneItemEnabled', { sceneName: 'Main', sceneItemId: id, sceneItemEnabled: false });
    expect(await hidden).toEqual({ sceneName: 'Main', sceneUuid: 'sc_main', sceneItemId: id, sceneItemEnabled: false });
    expect(await obs.call('GetSceneItemEnabled', { sceneName: 'Main', sceneItemId: id })).toEqual({ sceneItemEnabled: false });
    await obs.call('SetSceneItemEnabled', { sceneName: 'Main', sceneItemId: id, sceneItemEnabled: true });
    // The same number in another scene is not that item.
    expect(await failureCode(obs.call('GetSceneItemEnabled', { sceneName: 'Be Right Back', sceneItemId: id }))).toBe(RequestStatus.ResourceNotFound);
  });
});

describe('stream and record', () => {
  it('starts and stops the stream, reflected in GetStreamStatus and StreamStateChanged', async () => {
    expect((await obs.call('GetStreamStatus')).outputActive).toBe(false);
    const started = nextEvent(obs, 'StreamStateChanged', (d) => d.outputState === 'OBS_WEBSOCKET_OUTPUT_STARTED');
    const starting = nextEvent(obs, 'StreamStateChanged', (d) => d.outputState === 'OBS_WEBSOCKET_OUTPUT_STARTING');
    await obs.call('StartStream');
    expect(await starting).toEqual({ outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTING' });
    expect(await started).toEqual({ outputActive: true, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED' });
    const status = await obs.call('GetStreamStatus');
    expect(status).toMatchObject({ outputActive: true, outputReconnecting: false });
    expect(status.outputTimecode).toMatch(/^\d\d:\d\d:\d\d\.\d\d\d$/);
    expect(await failureCode(obs.call('StartStream'))).toBe(RequestStatus.OutputRunning);

    const stopped = nextEvent(obs, 'StreamStateChanged', (d) => d.outputState === 'OBS_WEBSOCKET_OUTPUT_STOPPED');
    await obs.call('StopStream');
    expect(await stopped).toEqual({ outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPED' });
    expect((await obs.call('GetStreamStatus')).outputActive).toBe(false);
    expect(await failureCode(obs.call('StopStream'))).toBe(RequestStatus.OutputNotRunning);
  });

  it('starts and stops the recording, with RecordStateChanged naming the file', async () => {
    const started = nextEvent(obs, 'RecordStateChanged', (d) => d.outputState === 'OBS_WEBSOCKET_OUTPUT_STARTED');
    expect(await obs.call('ToggleRecord')).toEqual({ outputActive: true });
    await started;
    expect((await obs.call('GetRecordStatus')).outputActive).toBe(true);
    const file = t.studio.current().live.recordingFile;
    expect(file).toMatch(/\.mkv$/);
    const stopped = nextEvent(obs, 'RecordStateChanged', (d) => d.outputState === 'OBS_WEBSOCKET_OUTPUT_STOPPED');
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
    const quiet = await connect(TEST_PASSWORD, { eventSubscriptions: EventSubscription.None });
    let heard = 0;
    quiet.on('InputMuteStateChanged', () => (heard += 1));
    const everyone = nextEvent(obs, 'InputMuteStateChanged');
    await obs.call('ToggleInputMute', { inputName: 'Mic' });
    await everyone;
    expect(heard).toBe(0);
    await quiet.reidentify({ eventSubscriptions: EventSubscription.Inputs });
    const now = nextEvent(quiet, 'InputMuteStateChanged');
    await obs.call('ToggleInputMute', { inputName: 'Mic' });
    expect((await now).inputName).toBe('Mic');
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
