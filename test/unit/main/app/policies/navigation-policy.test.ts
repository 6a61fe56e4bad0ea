import { describe, expect, it } from 'vitest';
import { externalUrl, isRemoteRequest, navigationDecision, windowOpenDecision } from '../../../../../main/app/policies/navigation-policy';
import { appPageOf, isAppUrl, originOf } from '../../../../../main/app/policies/app-origin';

describe('app origins', () => {
  it.each([
    ['app://onair/index.html', 'app://onair'],
    ['app://onair', 'app://onair'],
    ['https://Example.com:8443/x?y', 'https://example.com:8443'],
    ['app://user:pw@onair/', null],
    ['not a url', null],
    ['data:text/html,hi', null],
    ['', null],
  ])('originOf(%s) = %s', (url, origin) => expect(originOf(url)).toBe(origin));

  it('tells the pages apart and rejects look-alikes', () => {
    expect(appPageOf('app://onair/assets/x.js')).toBe('studio');
    expect(appPageOf('app://picker/index.html')).toBe('picker');
    expect(appPageOf('app://onair.evil.com/')).toBeNull();
    expect(isAppUrl('app://onairx/', 'studio')).toBe(false);
    expect(isAppUrl('file:///app/onair/index.html', 'studio')).toBe(false);
  });
});

describe('navigation policy', () => {
  it('allows the page its own URLs', () => {
    expect(navigationDecision('app://onair/index.html#/settings', 'studio')).toEqual({ action: 'allow' });
  });

  it.each([
    ['https://evil.example/', 'https://evil.example/'],
    ['http://127.0.0.1:8080/watch', 'http://127.0.0.1:8080/watch'],
  ])('denies leaving for %s and opens it in the browser', (url, external) => {
    expect(navigationDecision(url, 'studio')).toMatchObject({ action: 'deny', openExternally: external });
  });

  it.each([
    'app://picker/index.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://server/share',
    'ms-settings:privacy',
    'https://user:pass@example.com/',
    'app://onair.evil.com/',
  ])('denies %s and opens nothing', (url) => {
    expect(navigationDecision(url, 'studio')).toMatchObject({ action: 'deny', openExternally: null });
  });

  it('never opens a window, only the browser for web links', () => {
    expect(windowOpenDecision('https://www.twitch.tv/')).toMatchObject({ action: 'deny', openExternally: 'https://www.twitch.tv/' });
    expect(windowOpenDecision('app://onair/index.html')).toMatchObject({ action: 'deny', openExternally: null });
    expect(windowOpenDecision('file:///C:/Windows/system32/calc.exe')).toMatchObject({ action: 'deny', openExternally: null });
  });

  it('refuses over-long external URLs', () => {
    expect(externalUrl(`https://example.com/${'a'.repeat(3000)}`)).toBeNull();
  });

  it('knows which requests would be remote content', () => {
    expect(isRemoteRequest('https://cdn.example.com/x.js')).toBe(true);
    expect(isRemoteRequest('wss://example.com/')).toBe(true);
    expect(isRemoteRequest('app://onair/x.js')).toBe(false);
    expect(isRemoteRequest('devtools://devtools/bundled/x')).toBe(false);
  });
});
