import { describe, expect, it } from 'vitest';
import { OUTPUT_PROGRESS_FD, SEND_BUFFER_S, buildOutputCommand, buildRemuxCommand, sendBufferBytes } from '../../../../../main/engine/outputs/output-command';
import { DEFAULT_ENCODER_SETTINGS } from '../../../../../main/engine/types';

describe('buildOutputCommand', () => {
  const common = (args: string[]) => {
    expect(args.slice(args.indexOf('-i'), args.indexOf('-i') + 2)).toEqual(['-i', 'pipe:0']);
    expect(args[args.indexOf('-progress') + 1]).toBe(`pipe:${OUTPUT_PROGRESS_FD}`);
    expect(args[args.indexOf('-c') + 1]).toBe('copy');
  };

  it('copies to RTMP as FLV, with the backup URL when asked', () => {
    const spec = { id: 'a', name: 'A', kind: 'rtmp' as const, url: 'rtmp://h/live/k', backupUrl: 'rtmp://b/live/k' };
    const { args } = buildOutputCommand('ffmpeg', spec);
    common(args);
    expect(args.slice(-1)).toEqual(['rtmp://h/live/k']);
    expect(args[args.lastIndexOf('-f') + 1]).toBe('flv');
    expect(buildOutputCommand('ffmpeg', spec, spec.backupUrl).args.slice(-1)).toEqual(['rtmp://b/live/k']);
  });

  it('sends MPEG-TS over SRT', () => {
    const { args } = buildOutputCommand('ffmpeg', { id: 's', name: 'S', kind: 'srt', url: 'srt://h:9000?mode=caller' });
    common(args);
    expect(args.slice(-3)).toEqual(['-f', 'mpegts', 'srt://h:9000?mode=caller']);
  });

  it('writes local HLS with deletion, program date time and temp files', () => {
    const { args } = buildOutputCommand('ffmpeg', { id: 'h', name: 'H', kind: 'hls', dir: '/tmp/x', segmentSeconds: 2, playlistLength: 6 });
    common(args);
    expect(args[args.indexOf('-hls_time') + 1]).toBe('2');
    expect(args[args.indexOf('-hls_list_size') + 1]).toBe('6');
    expect(args[args.indexOf('-hls_flags') + 1]).toMatch(/delete_segments.*program_date_time.*temp_file/);
    expect(args.slice(-3)).toEqual(['-hls_segment_filename', '/tmp/x/segment_%06d.ts', '/tmp/x/index.m3u8']);
  });

  it('pushes HLS by PUT with segments beside the playlist', () => {
    const { args } = buildOutputCommand('ffmpeg', { id: 'p', name: 'P', kind: 'hls-put', url: 'http://o/live/index.m3u8', segmentSeconds: 2, playlistLength: 6 });
    expect(args[args.indexOf('-method') + 1]).toBe('PUT');
    expect(args.slice(-3)).toEqual(['-hls_segment_filename', 'http://o/live/segment_%06d.ts', 'http://o/live/index.m3u8']);
  });

  it('records to Matroska, and remuxes to MP4 with faststart', () => {
    const { args } = buildOutputCommand('ffmpeg', { id: 'r', name: 'R', kind: 'record', file: '/r/a.mkv' });
    expect(args.slice(-8)).toEqual(['-f', 'matroska', '-flush_packets', '1', '-cluster_time_limit', '1000', '-y', '/r/a.mkv']);
    const remux = buildRemuxCommand('ffmpeg', '/r/a.mkv', '/r/a.mp4').args;
    expect(remux).toEqual(expect.arrayContaining(['-i', '/r/a.mkv', '-c', 'copy', '+faststart', '/r/a.mp4']));
  });

  it('caps the RTMP socket send buffer at SEND_BUFFER_S of the stream, so a slow network shows as backlog', () => {
    const spec = { id: 'a', name: 'A', kind: 'rtmp' as const, url: 'rtmp://h/live/k' };
    const { args } = buildOutputCommand('ffmpeg', spec, undefined, { streamKbps: 4660 });
    expect(Number(args[args.indexOf('-send_buffer_size') + 1])).toBe((4660 * 1000 * SEND_BUFFER_S) / 8);
    expect(args.indexOf('-send_buffer_size')).toBeLessThan(args.length - 1);
    // A tiny stream still gets a usable buffer.
    expect(sendBufferBytes(100)).toBe(64 * 1024);
  });

  it("transcodes for one destination with the main encode's x264 recipe at a lower bitrate, audio copied", () => {
    const spec = { id: 'a', name: 'A', kind: 'rtmp' as const, url: 'rtmp://h/live/k' };
    const transcode = { ...DEFAULT_ENCODER_SETTINGS, encoder: 'h264_nvenc', videoBitrateKbps: 1575, fps: 30, keyframeIntervalS: 2 };
    const { args } = buildOutputCommand('ffmpeg', spec, undefined, { streamKbps: 4660, transcode });
    expect(args[args.indexOf('-c:v') + 1]).toBe('libx264');
    expect(args[args.indexOf('-b:v') + 1]).toBe('1575k');
    expect(args[args.indexOf('-maxrate') + 1]).toBe('1575k');
    expect(args[args.indexOf('-g') + 1]).toBe('60');
    expect(args).toEqual(expect.arrayContaining(['-preset', 'veryfast', '-tune', 'zerolatency']));
    expect(args[args.indexOf('-c:a') + 1]).toBe('copy');
    expect(args).not.toContain('-c');
    expect(args.slice(-1)).toEqual(['rtmp://h/live/k']);
  });
});
