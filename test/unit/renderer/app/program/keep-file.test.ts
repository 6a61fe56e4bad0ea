import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES } from '../../../../../renderer/app/program/data-url';
import { keepPickedFile } from '../../../../../renderer/app/program/keep-file';

const file = (name: string, bytes: number, type: string) => new File([new Uint8Array(bytes)], name, { type });

describe('keepPickedFile', () => {
  it('gives a file to the media library when the client has one, with progress, whatever its size', async () => {
    const sent: string[] = [];
    const client = {
      uploadFile: async (f: Blob, name: string, onProgress?: (x: number) => void) => {
        onProgress?.(1);
        sent.push(`${name}:${f.size}`);
        return `studio-media:${'a'.repeat(64)}.png`;
      },
    };
    const progress: number[] = [];
    const big = file('big.png', MAX_IMAGE_BYTES + 1, 'image/png');
    expect(await keepPickedFile('image', big, client, null, (x) => progress.push(x))).toBe(`studio-media:${'a'.repeat(64)}.png`);
    expect(sent).toEqual([`big.png:${MAX_IMAGE_BYTES + 1}`]);
    expect(progress).toEqual([1]);
  });

  it('without a library: a clip plays from the page, a picture over the inline limit is refused with the reason', async () => {
    const runtime = { localFileUrl: () => 'blob:http://x/1' };
    expect(await keepPickedFile('media', file('clip.webm', 10, 'video/webm'), {}, runtime)).toBe('blob:http://x/1');
    await expect(keepPickedFile('image', file('big.png', MAX_IMAGE_BYTES + 1, 'image/png'), {}, runtime)).rejects.toThrow(/"big\.png" is .* a browser can add pictures up to/);
    await expect(keepPickedFile('media', file('clip.webm', 10, 'video/webm'), {}, null)).rejects.toThrow(/still starting/);
  });
});
