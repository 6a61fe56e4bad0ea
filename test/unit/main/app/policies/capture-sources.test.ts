import { describe, expect, it } from 'vitest';
import { grantForChoice, pickerRequest, systemAudioOffered } from '../../../../../main/app/policies/capture-sources';

const png = 'data:image/png;base64,iVBORw0KGgo=';
const sources = [
  { id: 'window:42:0', name: 'Slides', thumbnailDataUrl: png, appIconDataUrl: png },
  { id: 'window:43:0', name: 'Minimised', thumbnailDataUrl: 'data:image/png;base64,', appIconDataUrl: null },
  { id: 'screen:0:0', name: 'Entire screen', thumbnailDataUrl: png, appIconDataUrl: null },
  { id: 'window:44:0', name: 'x'.repeat(500), thumbnailDataUrl: png, appIconDataUrl: null },
];

describe('capture picker', () => {
  it('offers screens first, drops windows it could not capture, and shortens long names', () => {
    const request = pickerRequest(sources, 'linux', true);
    expect(request.sources.map((s) => [s.id, s.kind])).toEqual([
      ['screen:0:0', 'screen'],
      ['window:42:0', 'window'],
      ['window:44:0', 'window'],
    ]);
    expect(request.sources[2]?.name.length).toBe(200);
  });

  it('offers system audio only on Windows, and only when audio was asked for', () => {
    expect(systemAudioOffered('win32', true)).toBe(true);
    expect(systemAudioOffered('win32', false)).toBe(false);
    expect(systemAudioOffered('darwin', true)).toBe(false);
    expect(systemAudioOffered('linux', true)).toBe(false);
  });

  it('grants only a source it offered, with loopback audio only where offered', () => {
    const windows = pickerRequest(sources, 'win32', true);
    expect(grantForChoice({ sourceId: 'screen:0:0', systemAudio: true }, windows)).toEqual({ sourceId: 'screen:0:0', audio: 'loopback' });
    expect(grantForChoice({ sourceId: 'screen:0:0', systemAudio: false }, windows)).toEqual({ sourceId: 'screen:0:0', audio: null });
    expect(grantForChoice({ sourceId: 'screen:0:0', systemAudio: true }, pickerRequest(sources, 'linux', true))).toEqual({ sourceId: 'screen:0:0', audio: null });
    expect(grantForChoice({ sourceId: 'window:43:0', systemAudio: false }, windows)).toBeNull();
    expect(grantForChoice({ sourceId: 'screen:9:0', systemAudio: false }, windows)).toBeNull();
    expect(grantForChoice(null, windows)).toBeNull();
  });
});
