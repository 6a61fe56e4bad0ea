import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  ChunkAssembler,
  FileSource,
  buildFileSourceCommand,
  parseStreamKinds,
} from '../../../../../main/engine/sources/file-source';
import { EngineError } from '../../../../../main/engine/errors';

const FORMAT = { width: 640, height: 360, fps: 30 };

describe('buildFileSourceCommand', () => {
  it('decodes in real time, loops, scales with padding, converts the rate and writes video to stdout and audio to fd 3', () => {
    const { command, args } = buildFileSourceCommand('/usr/bin/ffmpeg', '/media/intro.mp4', FORMAT, { loop: true, audio: true });
    expect(command).toBe('/usr/bin/ffmpeg');
    expect(args.join(' ')).toBe(
      '-hide_banner -nostdin -loglevel error -re -stream_loop -1 -i /media/intro.mp4 -map 0:v:0 ' +
        '-vf scale=640:360:force_original_aspect_ratio=decrease:force_divisible_by=2:out_color_matrix=bt709:out_range=tv,' +
        'pad=640:360:(ow-iw)/2:(oh-ih)/2:black,setsar=1,fps=30:start_time=0,format=yuv420p -f rawvideo pipe:1 ' +
        '-map 0:a:0 -af aresample=48000:async=1:first_pts=0 -ac 2 -f s16le pipe:3',
    );
  });

  it('plays once without -stream_loop and maps no audio for a silent file', () => {
    const { args } = buildFileSourceCommand('ffmpeg', 'clip.mov', FORMAT, { loop: false, audio: false });
    expect(args).not.toContain('-stream_loop');
    expect(args).not.toContain('pipe:3');
    expect(args.at(-1)).toBe('pipe:1');
  });
});

describe('probe helpers', () => {
  it('reads stream kinds from ffprobe csv', () => {
    expect(parseStreamKinds('video\naudio\n')).toEqual({ video: true, audio: true });
    expect(parseStreamKinds('video\r\ndata\r\n')).toEqual({ video: true, audio: false });
    expect(parseStreamKinds('')).toEqual({ video: false, audio: false });
  });
});

describe('ChunkAssembler', () => {
  it('cuts an arbitrarily split byte stream into exact pieces, in order, through a rotating pool', () => {
    const size = 7;
    const total = 7 * 9;
    const stream = Uint8Array.from({ length: total }, (_, i) => i);
    const pieces: number[][] = [];
    const buffers: Uint8Array[] = [];
    const assembler = new ChunkAssembler(size, 3, (data, index) => {
      expect(index).toBe(pieces.length);
      pieces.push(Array.from(data));
      buffers.push(data);
    });
    for (const cut of [[0, 3], [3, 4], [4, 20], [20, 21], [21, 63]]) assembler.push(stream.subarray(cut[0], cut[1]));
    expect(pieces).toHaveLength(9);
    pieces.forEach((piece, n) => expect(piece).toEqual(Array.from({ length: size }, (_, i) => n * size + i)));
    expect(buffers[3]).toBe(buffers[0]);
    expect(new Set(buffers).size).toBe(3);
  });

  it('holds a partial piece until it is complete', () => {
    let count = 0;
    const assembler = new ChunkAssembler(10, 2, () => count++);
    assembler.push(new Uint8Array(9));
    expect(count).toBe(0);
    assembler.push(new Uint8Array(1));
    expect(count).toBe(1);
  });
});

describe('FileSource errors', () => {
  it('reports a missing file through the sink, naming the file', async () => {
    const missing = join(tmpdir(), 'onair-no-such-file.mp4');
    const errors: Error[] = [];
    const source = new FileSource(missing, FORMAT, { ffmpegPath: 'ffmpeg' });
    await source.start({ video: () => undefined, audio: () => undefined, error: (e) => errors.push(e) });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(EngineError);
    expect(errors[0]?.message).toContain(missing);
    expect((errors[0] as EngineError).code).toBe('BAD_INPUT');
    await source.stop();
    expect(source.name).toBe('onair-no-such-file.mp4');
  });
});
