import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appResponseHeaders, resolveAppAsset } from '../../../../../main/app/policies/app-protocol';
import { contentSecurityPolicy } from '../../../../../main/app/policies/csp';

const roots = { studio: '/app/dist/renderer', picker: '/app/dist/picker' };

describe('app:// asset resolution', () => {
  it.each([
    ['app://onair/', '/app/dist/renderer/index.html', 'text/html; charset=utf-8'],
    ['app://onair/index.html?x=1#y', '/app/dist/renderer/index.html', 'text/html; charset=utf-8'],
    ['app://onair/assets/index-abc.js', '/app/dist/renderer/assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['app://onair/assets/a%20b.css', '/app/dist/renderer/assets/a b.css', 'text/css; charset=utf-8'],
    ['app://picker/picker.js', '/app/dist/picker/picker.js', 'text/javascript; charset=utf-8'],
    ['app://onair/blob.bin', '/app/dist/renderer/blob.bin', 'application/octet-stream'],
  ])('%s -> %s', (url, filePath, contentType) => {
    expect(resolveAppAsset(url, roots)).toEqual({ ok: true, page: url.includes('picker') ? 'picker' : 'studio', filePath, contentType });
  });

  it.each([
    ['app://onair/assets/..%2f..%2f..%2fetc/passwd'],
    ['app://onair/..%5c..%5cwindows'],
    ['app://onair/a%00.js'],
    ['app://onair/%E0%A4%A'],
    ['app://evil/index.html'],
    ['app://onair:8080/index.html'],
    ['https://onair/index.html'],
    ['file:///app/dist/renderer/index.html'],
  ])('refuses %s', (url) => {
    const decision = resolveAppAsset(url, roots);
    expect(decision.ok).toBe(false);
  });

  it('keeps dot segments the URL parser resolves inside the root', () => {
    // WHATWG URL turns "%2e%2e" into ".." and drops it at the root: what is left names a file under the root.
    expect(resolveAppAsset('app://onair/%2e%2e/%2e%2e/etc/passwd', roots)).toMatchObject({ ok: true, filePath: '/app/dist/renderer/etc/passwd' });
  });

  it('keeps Windows paths inside their root too', () => {
    const win = { studio: 'C:\\app\\dist\\renderer', picker: 'C:\\app\\dist\\picker' };
    expect(resolveAppAsset('app://onair/assets/x.js', win, path.win32)).toMatchObject({ ok: true, filePath: 'C:\\app\\dist\\renderer\\assets\\x.js' });
    expect(resolveAppAsset('app://onair/..%5Cpicker%5Cx.js', win, path.win32).ok).toBe(false);
  });
});

describe('content security policy', () => {
  it('is strict on both pages: own scripts only, no eval, no inline script, nothing remote', () => {
    for (const page of ['studio', 'picker'] as const) {
      const csp = contentSecurityPolicy(page);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).not.toMatch(/unsafe-(eval|inline)|wasm-unsafe|https?:|ws:|\*/);
    }
  });

  it('lets the studio show its own media and images, and the picker only data: thumbnails', () => {
    expect(contentSecurityPolicy('studio')).toContain("media-src 'self' blob: mediastream:");
    expect(contentSecurityPolicy('picker')).toContain('img-src data:');
    expect(contentSecurityPolicy('picker')).not.toContain('media-src');
  });

  it('is sent on every response with nosniff and cross-origin isolation', () => {
    const headers = appResponseHeaders('studio', 'text/html; charset=utf-8');
    expect(headers['Content-Security-Policy']).toBe(contentSecurityPolicy('studio'));
    expect(headers).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
  });
});
