import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES, dataUrlToBlob, imageFileProblem, isDataUrl } from '../../../../../renderer/app/program/data-url';

describe('dataUrlToBlob', () => {
  it('decodes base64 to the exact bytes, with the media type', async () => {
    const blob = dataUrlToBlob('data:image/png;base64,AAEC/w==');
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('decodes a percent-encoded body, and types an untyped one as bytes', async () => {
    const svg = dataUrlToBlob('data:image/svg+xml,%3Csvg%2F%3E');
    expect(await svg.text()).toBe('<svg/>');
    expect(dataUrlToBlob('data:;base64,AA==').type).toBe('application/octet-stream');
  });

  it('refuses what is not a data: URL, and bad base64', () => {
    expect(() => dataUrlToBlob('http://example.com/a.png')).toThrow(/not a data: URL/);
    expect(() => dataUrlToBlob('data:image/png;base64,@@@')).toThrow();
    expect(isDataUrl('DATA:image/png;base64,AA==')).toBe(true);
    expect(isDataUrl('/home/me/logo.png')).toBe(false);
  });
});

describe('imageFileProblem', () => {
  it('accepts a picture up to the limit', () => {
    expect(imageFileProblem({ name: 'logo.png', size: MAX_IMAGE_BYTES, type: 'image/png' })).toBeNull();
  });

  it('explains a picture over the limit with both sizes', () => {
    expect(imageFileProblem({ name: 'huge.png', size: MAX_IMAGE_BYTES + 2 * 1024 * 1024, type: 'image/png' })).toMatch(/^"huge\.png" is 12\.0 MB: a browser can add pictures up to 10\.0 MB/);
  });

  it('refuses a file that is not a picture', () => {
    expect(imageFileProblem({ name: 'clip.mp4', size: 10, type: 'video/mp4' })).toBe('"clip.mp4" is not a picture (video/mp4).');
  });
});
