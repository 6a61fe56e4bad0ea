import { describe, expect, it } from 'vitest';
import { cameraConstraints, desktopCaptureConstraints, displayMediaOptions } from '../../../../renderer/compositor/capture';
import { sourceUrl } from '../../../../renderer/compositor/source-url';
import { wrapLines } from '../../../../renderer/compositor/shared/text-layout';

describe('capture constraints', () => {
  it('asks for the chosen camera at the chosen size, without audio', () => {
    expect(cameraConstraints({ deviceId: 'cam1', width: 1280, height: 720 })).toEqual({
      video: { deviceId: { exact: 'cam1' }, width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false,
    });
    expect(cameraConstraints({ deviceId: null, width: null, height: null })).toEqual({ video: {}, audio: false });
  });

  it("passes Electron's desktopCapturer id as chromeMediaSourceId", () => {
    const c = desktopCaptureConstraints({ captureId: 'window:42:0', target: 'window', withAudio: true }, 'window:42:0');
    expect(c.video.mandatory).toMatchObject({ chromeMediaSource: 'desktop', chromeMediaSourceId: 'window:42:0' });
    expect(c.audio).toBe(false); // window capture carries no audio in Chromium
    expect(desktopCaptureConstraints({ captureId: 'screen:0:0', target: 'screen', withAudio: true }, 'screen:0:0').audio).toEqual({ mandatory: { chromeMediaSource: 'desktop' } });
  });

  it('asks the browser for a window or a whole screen', () => {
    expect(displayMediaOptions({ captureId: null, target: 'window', withAudio: false })).toMatchObject({ video: { displaySurface: 'window' }, audio: false });
    expect(displayMediaOptions({ captureId: null, target: 'screen', withAudio: true })).toMatchObject({ video: { displaySurface: 'monitor' }, audio: true });
  });
});

describe('sourceUrl', () => {
  it('leaves URLs alone and turns file paths into file URLs', () => {
    expect(sourceUrl('data:image/png;base64,AAAA')).toBe('data:image/png;base64,AAAA');
    expect(sourceUrl('https://example.com/a.png')).toBe('https://example.com/a.png');
    expect(sourceUrl('/home/me/My Pictures/logo #1.png')).toBe('file:///home/me/My%20Pictures/logo%20%231.png');
    expect(sourceUrl('C:\\Users\\me\\clip.mp4')).toBe('file:///C:/Users/me/clip.mp4');
  });

  it('reads a media library file from the server that served the page', () => {
    const id = `${'ab'.repeat(32)}.webm`;
    expect(sourceUrl(`studio-media:${id}`)).toBe(`/media/${id}`);
  });
});

describe('wrapLines', () => {
  // Every character is 10 px wide.
  const measure = (s: string) => s.length * 10;

  it('keeps paragraphs as lines without a wrap width', () => {
    expect(wrapLines('one two\nthree', null, measure)).toEqual(['one two', 'three']);
  });

  it('wraps at word boundaries within the width', () => {
    expect(wrapLines('the quick brown fox', 100, measure)).toEqual(['the quick', 'brown fox']);
  });

  it('breaks a word longer than the line', () => {
    const lines = wrapLines('abcdefghijklmnop', 50, measure);
    expect(lines.join('')).toBe('abcdefghijklmnop');
    expect(lines.every((l) => measure(l) <= 50)).toBe(true);
  });
});
