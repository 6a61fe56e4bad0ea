import { describe, expect, it } from 'vitest';
import { cpuDeltas, parseBashTimes, roleFromArgv } from '../../bench/tree-cpu';

describe('roleFromArgv', () => {
  it('names ffmpeg by its last output format', () => {
    expect(roleFromArgv(['/usr/bin/ffmpeg', '-f', 'rawvideo', '-i', 'pipe:0', '-f', 'flv', 'rtmp://x'])).toBe('ffmpeg -> flv');
  });

  it('names Chromium processes by their --type, the main one "browser"', () => {
    expect(roleFromArgv(['/usr/lib/chromium/chromium', '--type=renderer', '--lang=en'])).toBe('chromium renderer');
    expect(roleFromArgv(['/usr/lib/chromium/chromium', '--headless', '--no-sandbox'])).toBe('chromium browser');
    expect(roleFromArgv(['/usr/lib/chromium/chrome_crashpad_handler', '--monitor-self'])).toBe('chrome_crashpad_handler');
  });

  it('reads a rewritten process title (one string, words joined by spaces), as Chromium children and nginx leave it', () => {
    expect(roleFromArgv(['/usr/lib/chromium/chromium --type=renderer --enable-crash-reporter=,built on Debian GNU/Linux 12 (bookworm) --lang=en'])).toBe('chromium renderer');
    expect(roleFromArgv(['nginx: master process /usr/sbin/nginx -p /tmp/x/ -g daemon off;'])).toBe('nginx master');
    expect(roleFromArgv(['nginx: worker process'])).toBe('nginx worker');
  });

  it('names a Node script by its last two path parts', () => {
    expect(roleFromArgv(['/usr/bin/node', '--cpu-prof', '/work/main/dist/cli/onair.js', 'studio'])).toBe('node cli/onair.js');
  });
});

describe('cpuDeltas', () => {
  it('sums what each role used between two snapshots, a new process counting from zero', () => {
    const before = [
      { pid: 1, role: 'ffmpeg -> mpegts', cpuS: 10 },
      { pid: 2, role: 'chromium renderer', cpuS: 3 },
    ];
    const after = [
      { pid: 1, role: 'ffmpeg -> mpegts', cpuS: 14.5 },
      { pid: 2, role: 'chromium renderer', cpuS: 4 },
      { pid: 3, role: 'chromium renderer', cpuS: 0.5 },
    ];
    const d = cpuDeltas(before, after);
    expect(d.get('ffmpeg -> mpegts')).toBeCloseTo(4.5);
    expect(d.get('chromium renderer')).toBeCloseTo(1.5);
    expect(d.size).toBe(2);
  });
});

describe('parseBashTimes', () => {
  it("reads the children's user + system line", () => {
    expect(parseBashTimes('0m0.001s 0m0.002s\n1m2.500s 0m0.500s\n')).toBeCloseTo(63);
    expect(parseBashTimes('garbage')).toBeNull();
  });
});
