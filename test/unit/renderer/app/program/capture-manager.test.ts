import { describe, expect, it } from 'vitest';
import type { Source } from '../../../../../preload/contract';
import { CaptureManager, type CaptureSinks } from '../../../../../renderer/app/program/capture-manager';
import { FakeOpeners, settle, type FakeStream } from './program-fakes';

const AUDIO = { gainDb: 0, muted: false, monitor: false };
const camera: Source = { id: 'cam', name: 'Camera', kind: 'camera', settings: { deviceId: null, width: null, height: null }, audio: AUDIO };
const mic: Source = { id: 'mic', name: 'Mic', kind: 'audio-input', settings: { deviceId: null, target: 'microphone' }, audio: AUDIO };
const screen: Source = { id: 'scr', name: 'Screen', kind: 'screen', settings: { captureId: null, target: 'screen', withAudio: true }, audio: AUDIO };
const desktop: Source = { id: 'desk', name: 'Desktop', kind: 'audio-input', settings: { deviceId: null, target: 'desktop' }, audio: AUDIO };

class RecordingSinks implements CaptureSinks {
  video = new Map<string, MediaStream>();
  audio = new Map<string, MediaStream>();
  constructor(private readonly withVideo = true) {}
  hasVideo = () => this.withVideo;
  hasAudio = () => true;
  attachVideo = (id: string, s: MediaStream) => void this.video.set(id, s);
  detachVideo = (id: string) => void this.video.delete(id);
  attachAudio = (id: string, s: MediaStream) => void this.audio.set(id, s);
  detachAudio = (id: string) => void this.audio.delete(id);
}

function setup(withVideo = true) {
  const openers = new FakeOpeners();
  const sinks = new RecordingSinks(withVideo);
  let changes = 0;
  const manager = new CaptureManager(openers, sinks, () => changes++);
  return { openers, sinks, manager, changes: () => changes };
}

const used = (...ids: string[]) => new Set(ids);
const stopped = (s: FakeStream) => s.tracks.every((t) => t.stopped);

describe('CaptureManager', () => {
  it('opens a camera a scene uses and gives its picture to the compositor', async () => {
    const { openers, sinks, manager } = setup();
    manager.sync([camera], used('cam'));
    expect(manager.feeds().get('cam')?.state).toBe('opening');
    const s = openers.answer('camera', 'video');
    await settle();
    expect(sinks.video.get('cam')).toBe(s);
    expect(manager.feeds().get('cam')).toEqual({ state: 'live', message: null, action: null });
  });

  it('knows the size of the picture a capture delivers, once it is open', async () => {
    const { openers, manager } = setup();
    manager.sync([camera], used('cam'));
    expect(manager.videoSize('cam')).toBeNull();
    openers.answer('camera', 'video').getVideoTracks()[0]!.settings = { width: 1280, height: 720 };
    await settle();
    expect(manager.videoSize('cam')).toEqual({ width: 1280, height: 720 });
    expect(manager.videoSize('nope')).toBeNull();
  });

  it('leaves a camera no scene uses closed, but opens an audio input used nowhere (a global device)', () => {
    const { openers, manager } = setup();
    manager.sync([camera, mic], used());
    expect(openers.pending.map((p) => p.what)).toEqual(['microphone:default']);
    expect(manager.feeds().has('cam')).toBe(false);
  });

  it('says a refused permission in words and retries on request', async () => {
    const { openers, sinks, manager } = setup();
    manager.sync([camera], used('cam'));
    openers.refuse('camera', Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' }));
    await settle();
    expect(manager.feeds().get('cam')).toEqual({
      state: 'failed',
      message: "Camera: permission denied — allow the camera in your browser's site settings, then click \"Try again\".",
      action: 'Try again',
    });
    manager.request('cam');
    openers.answer('camera', 'video');
    await settle();
    expect(manager.feeds().get('cam')?.state).toBe('live');
    expect(sinks.video.has('cam')).toBe(true);
  });

  it('waits for a click before sharing a screen, then takes its sound too', async () => {
    const { openers, sinks, manager } = setup();
    manager.sync([screen], used('scr'));
    expect(openers.pending).toEqual([]);
    expect(manager.feeds().get('scr')).toMatchObject({ state: 'needs-click', action: 'Share screen' });
    manager.request('scr');
    openers.answer('screen', 'video', 'audio');
    await settle();
    expect(sinks.video.has('scr')).toBe(true);
    expect(sinks.audio.get('scr')?.getAudioTracks()).toHaveLength(1);
    expect(manager.feeds().get('scr')).toEqual({ state: 'live', message: null, action: null });
  });

  it('warns when a screen meant to carry sound was shared without it', async () => {
    const { openers, sinks, manager } = setup();
    manager.sync([screen], used('scr'));
    manager.request('scr');
    openers.answer('screen', 'video');
    await settle();
    expect(sinks.audio.has('scr')).toBe(false);
    expect(manager.feeds().get('scr')).toMatchObject({ state: 'live', message: expect.stringMatching(/without sound/) });
  });

  it('remembers a click on a source the collection does not list yet, and opens it when it arrives', () => {
    const { openers, manager } = setup();
    manager.request('desk');
    manager.sync([desktop], used());
    expect(openers.pending.map((p) => p.what)).toEqual(['desktop-audio']);
  });

  it('detaches, stops and explains a capture whose track ended', async () => {
    const { openers, sinks, manager } = setup();
    manager.sync([screen], used('scr'));
    manager.request('scr');
    const s = openers.answer('screen', 'video', 'audio');
    await settle();
    s.getVideoTracks()[0]!.end();
    expect(sinks.video.has('scr')).toBe(false);
    expect(sinks.audio.has('scr')).toBe(false);
    expect(stopped(s)).toBe(true);
    expect(manager.feeds().get('scr')).toEqual({ state: 'ended', message: 'Screen: sharing stopped — click "Share screen" to share again.', action: 'Share screen' });
  });

  it('stops a capture that arrives after its source was removed, without attaching it', async () => {
    const { openers, sinks, manager } = setup();
    manager.sync([camera], used('cam'));
    manager.sync([], used());
    const late = openers.answer('camera', 'video');
    await settle();
    expect(stopped(late)).toBe(true);
    expect(sinks.video.size).toBe(0);
    expect(manager.feeds().size).toBe(0);
  });

  it('reopens when a device setting changes, stopping the old capture', async () => {
    const { openers, sinks, manager } = setup();
    manager.sync([mic], used('mic'));
    const first = openers.answer('microphone:default', 'audio');
    await settle();
    manager.sync([{ ...mic, settings: { deviceId: 'usb', target: 'microphone' } }], used('mic'));
    expect(stopped(first)).toBe(true);
    const second = openers.answer('microphone:usb', 'audio');
    await settle();
    expect(sinks.audio.get('mic')).toBe(second);
    // A change to something else (its name, its gain) keeps the capture.
    manager.sync([{ ...mic, name: 'Voice', settings: { deviceId: 'usb', target: 'microphone' } }], used('mic'));
    expect(openers.pending).toEqual([]);
    expect(stopped(second)).toBe(false);
  });

  it('opens no camera when the compositor did not start, and says why', () => {
    const { openers, manager } = setup(false);
    manager.sync([camera], used('cam'));
    expect(openers.pending).toEqual([]);
    expect(manager.feeds().get('cam')).toMatchObject({ state: 'failed', message: expect.stringMatching(/^Camera: not opened/) });
  });

  it('stops every capture on destroy', async () => {
    const { openers, manager } = setup();
    manager.sync([camera, mic], used('cam'));
    const cam = openers.answer('camera', 'video');
    const m = openers.answer('microphone:default', 'audio');
    await settle();
    manager.destroy();
    expect(stopped(cam) && stopped(m)).toBe(true);
  });
});
