import { describe, expect, it } from 'vitest';
import { UsageError, parseBroadcastArgs } from '../../../../main/cli/broadcast-args';

describe('parseBroadcastArgs', () => {
  it('turns every kind of destination into an output spec', () => {
    const a = parseBroadcastArgs(
      ['--source', 'testcard', '--to', 'rtmp://a.example/live/key1', '--to', 'srt://b.example:9000', '--hls', 'out/hls', '--hls-put', 'http://o.example/live/index.m3u8', '--record', 'rec.mkv', '--remux'],
      '/work',
    );
    expect(a.source).toBe('testcard');
    expect(a.outputs.map((o) => o.kind)).toEqual(['rtmp', 'srt', 'hls', 'hls-put', 'record']);
    expect(a.outputs[0]).toMatchObject({ name: 'a.example', url: 'rtmp://a.example/live/key1' });
    expect(a.outputs[2]).toMatchObject({ dir: '/work/out/hls', segmentSeconds: 2 });
    expect(a.outputs[4]).toMatchObject({ file: '/work/rec.mkv', remuxToMp4: true });
    expect([a.width, a.height, a.fps, a.bitrateKbps, a.keyintS, a.encoder]).toEqual([1280, 720, 30, 4500, 2, 'auto']);
  });

  it('takes a media file as the source and the encode settings', () => {
    const a = parseBroadcastArgs(['--source', '/m/clip.mp4', '--record', '/r.mkv', '--size', '640x360', '--fps', '25', '--bitrate', '1200', '--keyint', '1', '--encoder', 'libx264', '--duration', '10'], '/');
    expect(a.source).toEqual({ file: '/m/clip.mp4' });
    expect([a.width, a.height, a.fps, a.bitrateKbps, a.keyintS, a.encoder, a.durationS]).toEqual([640, 360, 25, 1200, 1, 'libx264', 10]);
  });

  it.each([
    [['--to', 'rtmp://x/a/b'], /--source is required/],
    [['--source', 'testcard'], /Nothing to broadcast to/],
    [['--source', 'testcard', '--to', 'http://x/y'], /"http:" URLs are not supported.*rtmp/],
    [['--source', 'testcard', '--record', 'a.mkv', '--size', '641x360'], /even width and height.*642x360/],
    [['--source', 'testcard', '--record', 'a.mkv', '--size', 'big'], /not WIDTHxHEIGHT/],
    [['--source', 'testcard', '--record', 'a.mkv', '--fps', '29.97'], /--fps "29.97" must be a whole number/],
    [['--source', 'testcard', '--record', 'a.mkv', '--bogus'], /Unknown option/],
  ])('refuses %j with a message that says what to do', (argv, message) => {
    expect(() => parseBroadcastArgs(argv as string[])).toThrow(UsageError);
    expect(() => parseBroadcastArgs(argv as string[])).toThrow(message);
  });
});
