import { describe, expect, it } from 'vitest';
import { REDACTED, SecretRegistry, redact, secretPartsOfUrl } from '../../../../main/engine/redact';

describe('redact', () => {
  it('hides the stream key of an RTMP URL even when nobody registered it', () => {
    expect(redact('pushing to rtmp://live.twitch.tv/app/live_123456_abcdef now')).toBe(
      `pushing to rtmp://live.twitch.tv/app/${REDACTED} now`,
    );
    expect(redact('rtmps://a.rtmps.youtube.com:443/live2/abcd-efgh-ijkl')).toBe(`rtmps://a.rtmps.youtube.com:443/live2/${REDACTED}`);
  });

  it('keeps an RTMP URL without a key as it is', () => {
    expect(redact('rtmp://127.0.0.1:1935/live')).toBe('rtmp://127.0.0.1:1935/live');
  });

  it('hides credentials and secret query parameters', () => {
    expect(redact('http://user:hunter22@origin.example/live/index.m3u8')).toBe(`http://user:${REDACTED}@origin.example/live/index.m3u8`);
    expect(redact('srt://host:9000?mode=caller&streamid=abc123&passphrase=verysecret')).toBe(
      `srt://host:9000?mode=caller&streamid=${REDACTED}&passphrase=${REDACTED}`,
    );
  });

  it('replaces registered secrets anywhere, longest first', () => {
    const registry = new SecretRegistry();
    registry.add('sk_abcdef');
    registry.add('sk_abcdef_longer');
    expect(registry.redact('key sk_abcdef_longer and sk_abcdef')).toBe(`key ${REDACTED} and ${REDACTED}`);
  });

  it('ignores secrets too short to be told from ordinary text', () => {
    const registry = new SecretRegistry();
    registry.add('ab');
    expect(registry.redact('about')).toBe('about');
  });

  it('registers the secret parts of a URL so they are hidden in any later text', () => {
    const registry = new SecretRegistry();
    registry.addUrl('rtmp://host/app/mykey_1234');
    expect(registry.redact('ffmpeg said: mykey_1234: Broken pipe')).toBe(`ffmpeg said: ${REDACTED}: Broken pipe`);
    expect(secretPartsOfUrl('srt://h:1?streamid=zzzz')).toEqual(['zzzz']);
    expect(secretPartsOfUrl('not a url')).toEqual([]);
  });
});
