import { describe, expect, it } from 'vitest';
import { captureErrorMessage, endedMessage, needsClickMessage } from '../../../../../renderer/app/program/capture-errors';

const dom = (name: string, message = 'x') => Object.assign(new Error(message), { name });

describe('captureErrorMessage', () => {
  it.each([
    ['camera', 'NotAllowedError', "Camera: permission denied — allow the camera in your browser's site settings, then click \"Try again\"."],
    ['microphone', 'NotAllowedError', "Microphone: permission denied — allow the microphone in your browser's site settings, then click \"Try again\"."],
    ['screen', 'NotAllowedError', 'Screen: sharing was cancelled or blocked — click "Share screen" and pick what to share.'],
    ['camera', 'NotFoundError', 'Camera: no camera found — connect one, then click "Try again".'],
    ['camera', 'NotReadableError', 'Camera: the camera is in use by another application or failed to start — close the other application, then click "Try again".'],
    ['camera', 'OverconstrainedError', 'Camera: the chosen camera is not available (unplugged?) — pick another one for this source.'],
    ['screen', 'InvalidStateError', 'Screen: click "Share screen" to choose what to share (the browser asks on each visit).'],
  ] as const)('%s, %s', (kind, name, text) => expect(captureErrorMessage(kind, dom(name))).toBe(text));

  it('passes on the message of our own desktop-audio error', () => {
    const error = Object.assign(new Error('This system did not share its sound.'), { code: 'DESKTOP_AUDIO_UNAVAILABLE' });
    expect(captureErrorMessage('desktop-audio', error)).toBe('Desktop audio: This system did not share its sound.');
  });

  it('points at the address when the page has no capture API (not a secure context)', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'getUserMedia')");
    expect(captureErrorMessage('camera', error)).toMatch(/open the studio at http:\/\/127\.0\.0\.1/);
  });

  it('keeps the browser words for anything it does not know', () => {
    expect(captureErrorMessage('camera', dom('WeirdError', 'it broke'))).toBe('Camera: could not start (WeirdError: it broke).');
    expect(captureErrorMessage('camera', 'plain')).toBe('Camera: could not start (error: plain).');
  });
});

describe('endedMessage and needsClickMessage', () => {
  it('tell a shared screen and a device apart', () => {
    expect(endedMessage('screen')).toBe('Screen: sharing stopped — click "Share screen" to share again.');
    expect(endedMessage('camera')).toMatch(/^Camera: the camera stopped .* click "Try again"\.$/);
    expect(needsClickMessage('desktop-audio')).toMatch(/^Desktop audio: click "Share desktop audio"/);
  });
});
