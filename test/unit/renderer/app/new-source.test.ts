import { describe, expect, it } from 'vitest';
import { NewSourceSchema } from '../../../../preload/contract';
import { ADDABLE_KINDS, fitTransform, nameFromFile, newSource, type SourceDraft } from '../../../../renderer/app/new-source';

const draft: SourceDraft = { name: '', text: 'Hi', color: '#112233', deviceId: null, screenTarget: 'window', screenAudio: true, src: 'data:image/png;base64,AA==' };

describe('newSource', () => {
  it.each(ADDABLE_KINDS.map((k) => k.kind))('makes a %s the contract accepts', (kind) => {
    expect(NewSourceSchema.safeParse(newSource(kind, { ...draft, src: kind === 'media' ? 'blob:http://127.0.0.1:1/x' : draft.src })).success).toBe(true);
  });

  it('maps microphone and desktop audio to audio-input sources, and a screen to "ask the browser"', () => {
    expect(newSource('microphone', { ...draft, deviceId: 'usb' })).toMatchObject({ kind: 'audio-input', name: 'Microphone', settings: { deviceId: 'usb', target: 'microphone' } });
    expect(newSource('desktop-audio', draft)).toMatchObject({ kind: 'audio-input', settings: { target: 'desktop' } });
    expect(newSource('screen', draft)).toMatchObject({ kind: 'screen', settings: { captureId: null, target: 'window', withAudio: true } });
  });

  it('uses the typed name, trimmed, over the default', () => {
    expect(newSource('camera', { ...draft, name: '  Face cam ' }).name).toBe('Face cam');
    expect(newSource('camera', { ...draft, name: '   ' }).name).toBe('Camera');
  });
});

describe('nameFromFile', () => {
  it.each([
    ['intro.mp4', 'intro'],
    ['my.logo.final.png', 'my.logo.final'],
    ['.hidden', '.hidden'],
    ['x'.repeat(150) + '.png', 'x'.repeat(100)],
  ])('%s -> %s', (file, name) => expect(nameFromFile(file)).toBe(name));
});

describe('fitTransform', () => {
  const canvas = { width: 1280, height: 720 };
  it('scales a large picture down to fit, centred, keeping its shape', () => {
    expect(fitTransform({ width: 2000, height: 2000 }, canvas)).toEqual({ x: 280, y: 0, width: 720, height: 720, rotationDeg: 0, crop: { top: 0, right: 0, bottom: 0, left: 0 } });
  });
  it('never enlarges a small logo', () => {
    expect(fitTransform({ width: 200, height: 100 }, canvas)).toMatchObject({ x: 540, y: 310, width: 200, height: 100 });
  });
});
