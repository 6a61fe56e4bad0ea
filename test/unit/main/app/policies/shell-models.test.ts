/** The tray, the menu, the about box and the diagnostics text: what each shows for a given state. */
import { describe, expect, it } from 'vitest';
import { aboutDetail, diagnosticsText, encoderInUse, keyringNotice, probeSummary, type Versions } from '../../../../../main/app/policies/diagnostics-report';
import { appMenuTemplate, type MenuCommand } from '../../../../../main/app/policies/menu-template';
import { trayModel } from '../../../../../main/app/policies/tray-model';
import { SecretRegistry } from '../../../../../main/engine/redact';
import type { HealthSnapshot } from '../../../../../preload/contract/health';

describe('tray', () => {
  it('shows idle off air and offers Go Live and Start Recording', () => {
    const m = trayModel({ streaming: 'offline', recording: 'off' });
    expect(m.icon).toBe('idle');
    expect(m.tooltip).toBe('OnAir Studio: Offline');
    expect(m.items.filter((i) => i.command).map((i) => [i.label, i.enabled])).toEqual([
      ['Go Live', true],
      ['Start Recording', true],
      ['Show OnAir Studio', true],
      ['Quit', true],
    ]);
  });

  it('turns red on air, says so, and disables a toggle mid-change', () => {
    const m = trayModel({ streaming: 'live', recording: 'stopping' });
    expect(m.icon).toBe('live');
    expect(m.tooltip).toBe('OnAir Studio: Live, saving recording…');
    expect(m.items.find((i) => i.command === 'toggle-live')).toMatchObject({ label: 'Stop Streaming', enabled: true });
    expect(m.items.find((i) => i.command === 'toggle-record')).toMatchObject({ label: 'Stop Recording', enabled: false });
  });
});

describe('application menu', () => {
  const labels = (platform: NodeJS.Platform, isPackaged: boolean) => JSON.stringify(appMenuTemplate({ platform, appName: 'OnAir Studio', isPackaged, run: () => undefined }), (k, v) => (k === 'click' ? undefined : v));

  it('has an app menu on macOS and Quit under File elsewhere', () => {
    expect(labels('darwin', true)).toContain('Quit OnAir Studio');
    expect(labels('darwin', true)).toContain('"role":"services"');
    expect(labels('linux', true)).not.toContain('"role":"services"');
    expect(labels('win32', true)).toContain('"label":"Quit"');
  });

  it('offers DevTools and Reload only in development', () => {
    expect(labels('linux', true)).not.toContain('toggleDevTools');
    expect(labels('linux', true)).not.toContain('"role":"reload"');
    expect(labels('linux', false)).toContain('toggleDevTools');
  });

  it('routes Quit through the app (the on-air guard), never role quit', () => {
    const ran: MenuCommand[] = [];
    const template = appMenuTemplate({ platform: 'linux', appName: 'OnAir Studio', isPackaged: true, run: (c) => ran.push(c) });
    expect(JSON.stringify(template)).not.toContain('"role":"quit"');
    const file = template.find((m) => m.label === 'File');
    const quit = (file?.submenu as Array<{ label?: string; click?: () => void }>).find((i) => i.label === 'Quit');
    quit?.click?.();
    expect(ran).toEqual(['quit']);
  });
});

describe('about and diagnostics', () => {
  const versions: Versions = { app: '0.1.0', electron: '41.7.1', chrome: '146.0', node: '24.1.0', os: 'Linux 6.1 (linux x64)', ffmpeg: 'ffmpeg version 6.1.1', encoder: 'h264_nvenc (hardware, in use)' };

  it('lists every version the issue asks for', () => {
    const text = aboutDetail(versions);
    for (const part of ['0.1.0', 'Electron 41.7.1', 'ffmpeg version 6.1.1', 'Video encoder: h264_nvenc']) expect(text).toContain(part);
  });

  it('reads the probe report defensively', () => {
    expect(probeSummary({ version: 'ffmpeg version 5.1\nbuilt with gcc', selected: { name: 'libx264' } })).toEqual({ ffmpeg: 'ffmpeg version 5.1', encoder: 'libx264' });
    expect(probeSummary(null)).toEqual({ ffmpeg: null, encoder: null });
    expect(probeSummary({ error: 'no ffmpeg' })).toEqual({ ffmpeg: null, encoder: null });
  });

  it('names the encoder in use, else the choice', () => {
    expect(encoderInUse({ encoder: { encoder: 'h264_vaapi', hardware: true } } as unknown as HealthSnapshot, 'libx264', 'auto')).toBe('h264_vaapi (hardware, in use)');
    expect(encoderInUse(null, 'libx264', 'auto')).toBe('libx264 (automatic choice)');
    expect(encoderInUse(null, 'libx264', 'h264_qsv')).toBe('h264_qsv (chosen in Settings)');
  });

  it('redacts stream keys from everything it copies', () => {
    const secrets = new SecretRegistry();
    secrets.add('live_123456_SECRETKEY');
    const text = diagnosticsText(
      {
        versions,
        generatedAt: '2026-11-25T12:00:00Z',
        secretStorage: 'Stream keys are encrypted with your operating system’s keyring.',
        dataDir: '/home/me/.config/onair-studio',
        logFile: '/home/me/.config/onair-studio/logs/main.log',
        probeReport: { version: 'ffmpeg 6' },
        health: [{ note: 'rtmp://live.twitch.tv/app/live_123456_SECRETKEY' } as unknown as HealthSnapshot],
        logTail: 'error pushing to rtmp://a.rtmp.youtube.com/live2/abcd-efgh-ijkl-mnop\nkey live_123456_SECRETKEY refused',
      },
      (t) => secrets.redact(t),
    );
    expect(text).not.toContain('SECRETKEY');
    expect(text).not.toContain('abcd-efgh');
    for (const section of ['## Versions', '## Storage', '## Probe report', '## Last 1 health snapshots', '## Log']) expect(text).toContain(section);
  });

  it('explains a missing keyring with the fallback and the fix', () => {
    const notice = keyringNotice('the OS keyring is unavailable: stream keys are stored in a file only you can read', 'linux');
    expect(notice).toMatch(/^The OS keyring is unavailable: stream keys are stored in a file only you can read\. /);
    expect(notice).toContain('GNOME Keyring');
  });
});
