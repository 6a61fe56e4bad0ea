import { describe, expect, it } from 'vitest';
import type { OutputProfile, PreflightReport, SceneCollection, Source } from '../../../../../preload/contract';
import { MEDIA_KIND } from '../../../../../preload/contract/media';
import { ConnectionListeners, EventListeners, type ConnectionState } from '../../../../../renderer/bridge/studio-client';
import { rememberMediaRequests, type MediaRequest } from '../../../../../renderer/app/program/media-requests';
import { ProgramRuntime } from '../../../../../renderer/app/program/program-runtime';
import { studioStateFixture } from '../../../../helpers/studio-fixtures';
import { FakeMediaTransport } from '../../delivery/fake-media-transport';
import { PREFLIGHT_CANCELLED_CODE } from '../../../../../renderer/compositor/shared/types';
import { FakeCompositor, FakeMixer, FakeOpeners, deferred, preflightResult, settle } from './program-fakes';

class FakeClient {
  readonly events = new EventListeners();
  readonly connections = new ConnectionListeners();
  on = this.events.add.bind(this.events);
  onConnection = (cb: (s: ConnectionState) => void) => this.connections.add(cb);
  request(patch: Partial<MediaRequest>): void {
    this.events.emit('mediaRequest', { send: true, path: 'raw', width: 16, height: 8, fps: 30, keyframeIntervalS: 2, videoBitrateKbps: 1000, ...patch });
  }
}

function setup(options: { compositorFails?: boolean; otherWindowFirst?: boolean; hardwareEncoder?: boolean } = {}) {
  const client = new FakeClient();
  const reports: string[] = [];
  const preflights: PreflightReport[] = [];
  let grant: () => void = () => undefined;
  let released = false;
  const requests = rememberMediaRequests(client);
  const transport = new FakeMediaTransport();
  const openers = new FakeOpeners();
  const compositors: FakeCompositor[] = [];
  const mixer = new FakeMixer();
  const runtime = new ProgramRuntime({
    transport,
    requests,
    onConnection: (cb) => client.connections.add(cb),
    createCompositor: async (output) => {
      if (options.compositorFails) throw new Error('VideoFrame is not defined');
      const c = new FakeCompositor(output);
      compositors.push(c);
      return c;
    },
    createMixer: async () => mixer,
    openers,
    claimProducer: (granted) => {
      if (options.otherWindowFirst) grant = granted;
      else granted();
      return () => {
        released = true;
      };
    },
    report: (message) => reports.push(message),
    videoPath: {
      engineHasHardwareEncoder: async () => options.hardwareEncoder ?? false,
      report: async (r) => preflights.push(r),
    },
  });
  const state = studioStateFixture();
  return { client, transport, openers, compositors, mixer, runtime, reports, preflights, grant: () => grant(), released: () => released, collection: state.collection, profile: state.settings.profile };
}

const withSource = (c: SceneCollection, source: Source): SceneCollection => ({
  ...c,
  sources: [...c.sources, source],
  scenes: c.scenes.map((s, i) => (i === 0 ? { ...s, items: [...s.items, { id: `item-${source.id}`, sourceId: source.id, transform: { x: 0, y: 0, width: 10, height: 10, rotationDeg: 0, crop: { top: 0, right: 0, bottom: 0, left: 0 } }, opacity: 1, visible: true, locked: false }] } : s)),
});
const AUDIO = { gainDb: 0, muted: false, monitor: false };
const rawFrame = (bytes: number) => ({ kind: 'raw' as const, data: new Uint8Array(bytes), timestampUs: 1_000_000 });

describe('ProgramRuntime', () => {
  it('starts one compositor at the profile size (monitors only) and one mixer, and keeps both in step', async () => {
    const { runtime, compositors, mixer, collection, profile } = setup();
    runtime.update(collection, profile);
    await settle();
    expect(compositors).toHaveLength(1);
    expect(compositors[0]!.created).toMatchObject({ width: profile.width, height: profile.height, fps: profile.fps, path: 'none' });
    expect(compositors[0]!.collections.at(-1)).toBe(collection);
    expect(mixer.applied.at(-1)).toBe(collection);
    const next = { ...collection, programSceneId: collection.scenes[1]!.id };
    runtime.update(next, profile);
    expect(compositors[0]!.collections.at(-1)).toBe(next);
    expect(mixer.applied.at(-1)).toBe(next);
    expect(runtime.getStatus()).toMatchObject({ video: 'running', audio: 'running', sending: false });
  });

  it('opens the default camera and microphone and attaches them', async () => {
    const { runtime, openers, compositors, mixer, collection, profile } = setup();
    runtime.update(collection, profile);
    await settle();
    const cam = openers.answer('camera', 'video');
    const mic = openers.answer('microphone:default', 'audio');
    await settle();
    const camId = collection.sources.find((s) => s.kind === 'camera')!.id;
    const micId = collection.sources.find((s) => s.kind === 'audio-input')!.id;
    expect(compositors[0]!.streams.get(camId)).toBe(cam);
    expect(mixer.streams.get(micId)).toBe(mic);
  });

  it('sends the program on the requested path and size while the engine asks, then goes back to monitors only', async () => {
    const { runtime, client, compositors, transport, collection, profile } = setup();
    runtime.update(collection, profile);
    await settle();
    const c = compositors[0]!;
    client.request({ path: 'raw', width: 16, height: 8 });
    expect(c.outputs.at(-1)).toEqual({ width: 16, height: 8, fps: 30, keyframeIntervalS: 2, videoBitrateKbps: 1000, path: 'raw' });
    expect(runtime.getStatus().sending).toBe(true);
    c.emitFrame(rawFrame(16 * 8 * 1.5));
    expect(transport.messages.map((m) => m.kind)).toEqual([MEDIA_KIND.rawVideo]);
    client.request({ send: false });
    expect(c.outputs.at(-1)).toMatchObject({ width: profile.width, height: profile.height, path: 'none' });
    c.emitFrame(rawFrame(16 * 8 * 1.5));
    expect(transport.messages).toHaveLength(1);
    expect(runtime.getStatus().sending).toBe(false);
  });

  it('acts on a request that came before the compositor was ready', async () => {
    const { runtime, client, compositors, transport, collection, profile } = setup();
    client.request({ path: 'raw', width: 16, height: 8 });
    runtime.update(collection, profile);
    await settle();
    expect(compositors[0]!.outputs.at(-1)).toMatchObject({ path: 'raw', width: 16 });
    compositors[0]!.emitFrame(rawFrame(16 * 8 * 1.5));
    expect(transport.messages).toHaveLength(1);
  });

  it('stops sending when the connection drops, and follows the fresh request after the reconnect', async () => {
    const { runtime, client, compositors, transport, collection, profile } = setup();
    runtime.update(collection, profile);
    await settle();
    client.request({});
    client.connections.emit('closed');
    expect(runtime.getStatus().sending).toBe(false);
    expect(compositors[0]!.outputs.at(-1)?.path).toBe('none');
    compositors[0]!.emitFrame(rawFrame(16 * 8 * 1.5));
    expect(transport.messages).toHaveLength(0);
    client.connections.emit('open');
    client.request({});
    compositors[0]!.emitFrame(rawFrame(16 * 8 * 1.5));
    expect(transport.messages).toHaveLength(1);
  });

  it('follows a new profile size while idle, but not while sending (the engine fixed the size)', async () => {
    const { runtime, client, compositors, collection, profile } = setup();
    runtime.update(collection, profile);
    await settle();
    const small: OutputProfile = { ...profile, width: 640, height: 360 };
    runtime.update(collection, small);
    expect(compositors[0]!.outputs.at(-1)).toMatchObject({ width: 640, height: 360, path: 'none' });
    client.request({ width: 16, height: 8 });
    runtime.update(collection, { ...small, width: 1920, height: 1080 });
    expect(compositors[0]!.outputs.at(-1)).toMatchObject({ width: 16, height: 8, path: 'raw' });
  });

  it('keeps the mixer when the compositor cannot start, says why, and opens no camera', async () => {
    const { runtime, openers, collection, profile } = setup({ compositorFails: true });
    runtime.update(collection, profile);
    await settle();
    expect(runtime.getStatus()).toMatchObject({ video: 'failed', videoError: 'The program picture cannot be shown: VideoFrame is not defined', audio: 'running' });
    expect(openers.pending.map((p) => p.what)).toEqual(['microphone:default']);
    const camId = collection.sources.find((s) => s.kind === 'camera')!.id;
    expect(runtime.getStatus().sources[camId]?.state).toBe('failed');
  });

  it('gives an image kept as a data: URL to the compositor as a Blob before the collection names it', async () => {
    const { runtime, compositors, collection, profile } = setup();
    const image: Source = { id: 'img', name: 'Logo', kind: 'image', settings: { src: 'data:image/png;base64,iVBORw0K' }, audio: AUDIO };
    runtime.update(withSource(collection, image), profile);
    await settle();
    const log = compositors[0]!.log;
    expect(log.indexOf('image:img')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('image:img')).toBeLessThan(log.findIndex((l) => l.startsWith('collection:') && l.includes('img')));
    expect(compositors[0]!.images.get('img')?.type).toBe('image/png');
  });

  it('plays a media file picked in this page and takes its sound into the mixer; one from elsewhere asks to be picked again', async () => {
    const { runtime, compositors, mixer, collection, profile } = setup();
    runtime.update(collection, profile);
    await settle();
    const url = runtime.localFileUrl(new Blob(['x']));
    const element = { muted: true } as HTMLMediaElement;
    compositors[0]!.elements.set('vid', element);
    const mine: Source = { id: 'vid', name: 'Intro', kind: 'media', settings: { src: url, loop: true, playing: true }, audio: AUDIO };
    const foreign: Source = { id: 'old', name: 'Outro', kind: 'media', settings: { src: 'blob:http://127.0.0.1:1/gone', loop: true, playing: true }, audio: AUDIO };
    runtime.update(withSource(withSource(collection, mine), foreign), profile);
    expect(mixer.elements.get('vid')).toBe(element);
    // Its sound now goes only into the mixer, which hears nothing from a muted element.
    expect(element.muted).toBe(false);
    expect(runtime.getStatus().sources.vid).toBeUndefined();
    expect(runtime.getStatus().sources.old).toMatchObject({ state: 'failed', action: 'Pick the file again' });
  });

  it('shows a compositor error about a source next to that source', async () => {
    const { runtime, compositors, collection, profile } = setup();
    const media: Source = { id: 'vid', name: 'Intro', kind: 'media', settings: { src: 'http://127.0.0.1/x.mp4', loop: true, playing: true }, audio: AUDIO };
    runtime.update(withSource(collection, media), profile);
    await settle();
    compositors[0]!.fail('the media file could not be opened: 404', 'vid');
    expect(runtime.getStatus().sources.vid?.message).toBe('Media file: the media file could not be opened: 404.');
  });

  it('sends nothing while another window is the producer, then takes over with the request it remembered', async () => {
    const { runtime, client, compositors, transport, collection, profile, grant, released } = setup({ otherWindowFirst: true });
    runtime.update(collection, profile);
    await settle();
    client.request({ width: 16, height: 8 });
    compositors[0]!.emitFrame(rawFrame(16 * 8 * 1.5));
    expect(transport.messages).toHaveLength(0);
    expect(runtime.getStatus()).toMatchObject({ otherWindowSends: true, sending: false });
    grant();
    expect(runtime.getStatus()).toMatchObject({ otherWindowSends: false, sending: true });
    compositors[0]!.emitFrame(rawFrame(16 * 8 * 1.5));
    expect(transport.messages).toHaveLength(1);
    runtime.destroy();
    expect(released()).toBe(true);
  });

  it('reports compositor errors that belong to no source as notices', async () => {
    const { runtime, compositors, reports, collection, profile } = setup();
    runtime.update(collection, profile);
    await settle();
    compositors[0]!.fail('the frame converter failed: out of memory', null);
    expect(reports).toEqual(['Program picture: the frame converter failed: out of memory']);
    expect(runtime.getStatus().videoError).toBeNull();
  });

  it('reports audio held by the browser until a click resumes it', async () => {
    const { runtime, mixer, collection, profile } = setup();
    mixer.running = false;
    runtime.update(collection, profile);
    await settle();
    expect(runtime.getStatus().audio).toBe('suspended');
    runtime.resumeAudio();
    await settle();
    expect(mixer.resumed).toBe(1);
    expect(runtime.getStatus().audio).toBe('running');
  });

  it('attaches monitor subscriptions made before the compositor existed', async () => {
    const { runtime, compositors, collection, profile } = setup();
    const off = runtime.onMonitor(() => undefined);
    runtime.update(collection, profile);
    await settle();
    expect(compositors[0]!.monitorListeners.size).toBe(1);
    off();
    expect(compositors[0]!.monitorListeners.size).toBe(0);
  });

  it('destroys a compositor that finished starting after the runtime was destroyed', async () => {
    const client = new FakeClient();
    const late = deferred<FakeCompositor>();
    const runtime = new ProgramRuntime({
      transport: new FakeMediaTransport(),
      requests: rememberMediaRequests(client),
      onConnection: (cb) => client.connections.add(cb),
      createCompositor: () => late.promise,
      createMixer: async () => new FakeMixer(),
      openers: new FakeOpeners(),
      claimProducer: (granted) => {
        granted();
        return () => undefined;
      },
      report: () => undefined,
      videoPath: { engineHasHardwareEncoder: async () => false, report: async () => undefined },
    });
    const { collection, settings } = studioStateFixture();
    runtime.update(collection, settings.profile);
    runtime.destroy();
    const c = new FakeCompositor({ width: 2, height: 2, fps: 1, keyframeIntervalS: 1, videoBitrateKbps: 1, path: 'none' });
    late.resolve(c);
    await settle();
    expect(c.destroyed).toBe(true);
  });

  describe("the video path pre-flight (profile 'auto')", () => {
    const auto = (p: OutputProfile, patch: Partial<OutputProfile> = {}): OutputProfile => ({ ...p, videoPath: 'auto', ...patch });
    /** Answers the compositor's oldest open pre-flight as a 2-core machine would. */
    const answer = (c: FakeCompositor) => {
      const p = c.preflights.find((x) => !x.answered);
      if (!p) throw new Error('no pre-flight is waiting');
      p.answered = true;
      p.answer.resolve(preflightResult(p.output, p.engineHasHardwareEncoder));
    };

    it('measures once the compositor runs, at the profile, with the engine hardware answer, and reports it with the bitrate', async () => {
      const { runtime, compositors, preflights, collection, profile } = setup({ hardwareEncoder: true });
      runtime.update(collection, auto(profile, { width: 1280, height: 720, fps: 30, videoBitrateKbps: 2500 }));
      await settle();
      const c = compositors[0]!;
      expect(c.preflights).toHaveLength(1);
      expect(c.preflights[0]).toMatchObject({ engineHasHardwareEncoder: true, output: { width: 1280, height: 720, fps: 30, path: 'none' } });
      answer(c);
      await settle();
      expect(preflights).toEqual([expect.objectContaining({ width: 1280, height: 720, fps: 30, videoBitrateKbps: 2500, choice: 'encoded', engineHasHardwareEncoder: true })]);
    });

    it('measures again when the size, rate or bitrate changes, not for a scene change, and a change mid-run after the run', async () => {
      const { runtime, compositors, preflights, collection, profile } = setup();
      const first = auto(profile);
      runtime.update(collection, first);
      await settle();
      const c = compositors[0]!;
      runtime.update({ ...collection, programSceneId: collection.scenes[1]?.id ?? collection.programSceneId }, first);
      runtime.update(collection, auto(profile, { width: 640, height: 360 }));
      runtime.update(collection, auto(profile, { width: 640, height: 360, videoBitrateKbps: 900 }));
      expect(c.preflights).toHaveLength(1); // one at a time
      answer(c);
      await settle();
      expect(c.preflights).toHaveLength(2);
      expect(c.preflights[1]!.output).toMatchObject({ width: 640, height: 360 });
      answer(c);
      await settle();
      expect(preflights.map((r) => `${r.width}x${r.height}/${r.videoBitrateKbps}`)).toEqual([`${profile.width}x${profile.height}/${profile.videoBitrateKbps}`, '640x360/900']);
      runtime.update(collection, auto(profile, { width: 640, height: 360, videoBitrateKbps: 900, fps: 25 }));
      await settle();
      expect(c.preflights).toHaveLength(3);
    });

    it('never measures while the program is sent; a change made meanwhile is measured once it stops', async () => {
      const { runtime, client, compositors, collection, profile } = setup();
      client.request({});
      runtime.update(collection, auto(profile));
      await settle();
      const c = compositors[0]!;
      runtime.update(collection, auto(profile, { fps: 60 }));
      await settle();
      expect(c.preflights).toHaveLength(0);
      client.request({ send: false });
      await settle();
      expect(c.preflights).toHaveLength(1);
      expect(c.preflights[0]!.output).toMatchObject({ fps: 60, path: 'none' });
    });

    it('does not measure when the profile forces a path, nor in a window that does not feed the engine', async () => {
      const forced = setup();
      forced.runtime.update(forced.collection, { ...forced.profile, videoPath: 'raw' });
      forced.runtime.update(forced.collection, { ...forced.profile, videoPath: 'encoded', width: 640, height: 360 });
      await settle();
      expect(forced.compositors[0]!.preflights).toHaveLength(0);
      const waiting = setup({ otherWindowFirst: true });
      waiting.runtime.update(waiting.collection, auto(waiting.profile));
      await settle();
      expect(waiting.compositors[0]!.preflights).toHaveLength(0);
      waiting.grant();
      await settle();
      expect(waiting.compositors[0]!.preflights).toHaveLength(1);
    });

    it('stays quiet when going live cancelled a run, and measures again once the program stops', async () => {
      const { runtime, client, compositors, preflights, reports, collection, profile } = setup();
      runtime.update(collection, auto(profile));
      await settle();
      const c = compositors[0]!;
      expect(c.preflights).toHaveLength(1);
      client.request({});
      await settle();
      // The real compositor cancels a run when the program starts going out (runtime.ts, 'output').
      c.preflights[0]!.answered = true;
      c.preflights[0]!.answer.reject(Object.assign(new Error('cancelled'), { code: PREFLIGHT_CANCELLED_CODE }));
      await settle();
      expect(reports.filter((r) => /could not be measured/.test(r))).toEqual([]);
      expect(preflights).toHaveLength(0);
      client.request({ send: false });
      await settle();
      expect(c.preflights).toHaveLength(2);
      answer(c);
      await settle();
      expect(preflights).toHaveLength(1);
    });

    it('tells a studio that came back (maybe restarted) the last result again, and says when a measurement failed', async () => {
      const { runtime, client, compositors, preflights, reports, collection, profile } = setup();
      runtime.update(collection, auto(profile));
      await settle();
      answer(compositors[0]!);
      await settle();
      client.connections.emit('closed');
      client.connections.emit('open');
      await settle();
      expect(preflights).toHaveLength(2);
      expect(preflights[1]).toEqual(preflights[0]);
      runtime.update(collection, auto(profile, { fps: 25 }));
      await settle();
      compositors[0]!.preflights.at(-1)!.answer.reject(new Error('the pre-flight did not finish'));
      await settle();
      expect(reports.at(-1)).toMatch(/could not be measured, so raw frames go to the studio: the pre-flight did not finish/);
    });
  });
});
