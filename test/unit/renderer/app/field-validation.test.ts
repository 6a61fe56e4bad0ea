import { describe, expect, it } from 'vitest';
import { profileFieldError, profilePatch, serverUrlError } from '../../../../renderer/app/field-validation';
import { studioStateFixture } from '../../../helpers/studio-fixtures';

describe('profileFieldError', () => {
  it.each([
    ['width', '1280', null],
    ['width', '1281', 'The width must be even.'],
    ['height', '721', 'The height must be even.'],
    ['width', '8', 'Must be at least 16 px.'],
    ['width', '1280.5', 'Must be a whole number.'],
    ['videoBitrateKbps', '50', 'Must be at least 100 kb/s.'],
    ['videoBitrateKbps', '200000', 'Must be at most 100,000 kb/s.'],
    ['keyframeIntervalS', '0.5', null],
    ['fps', '', 'A value is required.'],
    ['fps', 'abc', 'Enter a number.'],
  ] as const)('%s = "%s" -> %s', (field, text, error) => {
    expect(profileFieldError(field, text)).toBe(error);
  });
});

describe('profilePatch', () => {
  const profile = studioStateFixture().settings.profile;
  const draft = { width: '1280', height: '720', fps: '30', videoBitrateKbps: '4500', keyframeIntervalS: '2', audioBitrateKbps: '160' };

  it('holds only the fields that changed, as numbers', () => {
    expect(profilePatch(profile, { ...draft, videoBitrateKbps: '6000', fps: '60' })).toEqual({ videoBitrateKbps: 6000, fps: 60 });
    expect(profilePatch(profile, draft)).toEqual({});
  });

  it('is null while any field is invalid', () => {
    expect(profilePatch(profile, { ...draft, width: '1281' })).toBeNull();
  });
});

describe('serverUrlError', () => {
  it.each([
    ['rtmp', 'rtmp://live.twitch.tv/app', null],
    ['rtmp', 'rtmps://a.rtmps.youtube.com:443/live2', null],
    ['rtmp', 'http://example.com/app', 'The address must start with rtmp:// or rtmps:// (like rtmp://live.example.com/app).'],
    ['rtmp', 'not a url', 'That is not an address: it should look like rtmp://live.example.com/app.'],
    ['rtmp', '', 'A server address is required, like rtmp://live.example.com/app.'],
    ['srt', 'srt://ingest.example.com:9000', null],
    ['srt', 'srt://ingest.example.com', 'An SRT address needs a port, like srt://ingest.example.com:9000.'],
    ['hls-put', 'https://origin.example.com/live', null],
    ['hls-put', 'rtmp://origin.example.com/live', 'The address must start with http:// or https:// (like https://origin.example.com/live).'],
    ['local', '', null],
  ] as const)('%s %s -> %s', (kind, url, error) => {
    expect(serverUrlError(kind, url)).toBe(error);
  });
});
