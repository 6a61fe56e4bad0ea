import { describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../../../main/remote/content-types';

describe('contentTypeFor', () => {
  it('names the types the UI build produces, with a charset on text', () => {
    expect(contentTypeFor('.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('.woff2')).toBe('font/woff2');
    expect(contentTypeFor('.wasm')).toBe('application/wasm');
  });

  it('ignores the case of the extension', () => {
    expect(contentTypeFor('.PNG')).toBe('image/png');
    expect(contentTypeFor('.JpEg')).toBe('image/jpeg');
  });

  it('serves what it does not know as bytes, so a browser never sniffs it into something runnable', () => {
    expect(contentTypeFor('.exe')).toBe('application/octet-stream');
    expect(contentTypeFor('')).toBe('application/octet-stream');
  });
});
