import { describe, expect, it } from 'vitest';
import { isCollectionFile, launchRequests, parseProtocolUrl } from '../../../../../main/app/policies/launch-args';

describe('launch requests', () => {
  it('finds a scene collection to import among Chromium switches', () => {
    expect(launchRequests(['/opt/onair/onair-studio', '--no-sandbox', 'show.onairscenes'], '/home/me', 'linux')).toEqual([{ kind: 'import', file: '/home/me/show.onairscenes' }]);
    expect(launchRequests(['C:\\OnAir\\OnAir Studio.exe', 'D:\\shows\\Big Show.ONAIRSCENES'], 'C:\\Users\\me', 'win32')).toEqual([{ kind: 'import', file: 'D:\\shows\\Big Show.ONAIRSCENES' }]);
  });

  it('reads onair:// links from the command line', () => {
    expect(launchRequests(['app', 'onair://open'], '/', 'linux')).toEqual([{ kind: 'focus' }]);
    expect(launchRequests(['app', 'onair://import?file=%2Ftmp%2Fa.onairscenes'], '/', 'linux')).toEqual([{ kind: 'import', file: '/tmp/a.onairscenes' }]);
  });

  it('ignores everything else', () => {
    expect(launchRequests(['app', 'notes.txt', '--inspect=9229', 'https://example.com'], '/', 'linux')).toEqual([]);
  });

  it.each([
    ['onair://open', { kind: 'focus' }],
    ['onair:open', { kind: 'focus' }],
    ['onair://', { kind: 'focus' }],
    ['onair://import?file=/x/y.onairscenes', { kind: 'import', file: '/x/y.onairscenes' }],
    ['onair://import?file=relative.onairscenes', null],
    ['onair://import?file=/etc/passwd', null],
    ['onair://import', null],
    ['onair://delete-everything', null],
    ['https://onair/open', null],
    ['garbage', null],
  ])('parseProtocolUrl(%s)', (url, expected) => {
    expect(parseProtocolUrl(url, 'linux')).toEqual(expected);
  });

  it('accepts only absolute collection files', () => {
    expect(isCollectionFile('C:\\a\\b.onairscenes', 'win32')).toBe(true);
    expect(isCollectionFile('b.onairscenes', 'win32')).toBe(false);
    expect(isCollectionFile('/a/b.onairscenes\0.txt', 'linux')).toBe(false);
  });
});
