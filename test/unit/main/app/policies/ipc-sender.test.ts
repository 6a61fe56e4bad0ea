import { describe, expect, it } from 'vitest';
import { checkSender } from '../../../../../main/app/policies/ipc-sender';

const trusted = { webContentsIds: new Set([7]), page: 'studio' as const };
const top = (url: string) => ({ url, isMainFrame: true });

describe('IPC sender check', () => {
  it('accepts the top frame of our studio window on its own page', () => {
    expect(checkSender({ webContentsId: 7, frame: top('app://onair/index.html') }, trusted)).toEqual({ ok: true });
  });

  it.each([
    ['a window we did not create', { webContentsId: 8, frame: top('app://onair/index.html') }],
    ['a frame that is gone', { webContentsId: 7, frame: null }],
    ['a sub-frame', { webContentsId: 7, frame: { url: 'app://onair/index.html', isMainFrame: false } }],
    ['a page that navigated to the web', { webContentsId: 7, frame: top('https://evil.example/') }],
    ['the picker page in our window', { webContentsId: 7, frame: top('app://picker/index.html') }],
    ['a file:// page', { webContentsId: 7, frame: top('file:///tmp/index.html') }],
    ['a look-alike host', { webContentsId: 7, frame: top('app://onair.evil/') }],
  ])('refuses %s, with a reason', (_name, sender) => {
    const verdict = checkSender(sender, trusted);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(/\w/);
  });

  it('holds the picker window to the picker page', () => {
    const picker = { webContentsIds: new Set([9]), page: 'picker' as const };
    expect(checkSender({ webContentsId: 9, frame: top('app://picker/index.html') }, picker).ok).toBe(true);
    expect(checkSender({ webContentsId: 9, frame: top('app://onair/index.html') }, picker).ok).toBe(false);
  });
});
