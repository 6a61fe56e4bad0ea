import { describe, expect, it } from 'vitest';
import { renderMarkdown, summarize, tableRow, type BenchResults } from '../../bench/bench-report';

describe('tableRow', () => {
  it('judges the median against the target and shows the spread', () => {
    expect(tableRow({ name: 'fps', unit: 'fps', samples: [30, 29, 31], target: { op: '>=', value: 29.4 } })).toBe('| fps | 30.0 fps | 29.0..31.0 fps (n=3) | >= 29.4 fps | pass |');
    expect(tableRow({ name: 'ratio', unit: 'x', samples: [1.3], target: { op: '<=', value: 1.1 } })).toBe('| ratio | 1.30x | (n=1) | <= 1.10x | **miss** |');
  });

  it('says so when a figure has no target', () => {
    expect(tableRow({ name: 'rss', unit: 'MiB', samples: [90], target: null })).toContain('| none (context) |  |');
    expect(summarize({ name: 'rss', unit: 'MiB', samples: [90], target: null }).pass).toBeNull();
  });
});

describe('renderMarkdown', () => {
  it('starts with the machine, then one table of every figure, then each measurement and the harness overhead', () => {
    const results: BenchResults = {
      machine: { cores: 2, cpuModel: 'cpu', memoryGiB: 24, os: 'Linux', node: '20', ffmpegPath: '/usr/bin/ffmpeg', ffmpegVersion: '5.1', encoder: 'libx264', workingEncoders: ['libx264'], loadAverage1m: 0.5 },
      mode: { smoke: false, seconds: 60, runs: 3 },
      measurements: {
        a: { name: 'a', measuredAt: 't1', figures: [{ name: 'a: one', unit: 'x', samples: [1], target: null }], notes: ['note a'], harness: ['- harness a'] },
        b: { name: 'b', measuredAt: 't2', figures: [{ name: 'b: two', unit: 's', samples: [2], target: { op: '<', value: 3 } }], notes: ['note b'], harness: [] },
      },
      harness: ['- shared'],
    };
    const md = renderMarkdown(results);
    const order = ['- Machine: 2 cores', '- ffmpeg: 5.1', '- Encoder: libx264', '| figure |', '| a: one |', '| b: two |', '## a (measured t1)', 'note a', '## b (measured t2)', '## Harness overhead', '- shared', '- harness a'];
    const at = order.map((s) => md.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(md.match(/\| figure \|/g)).toHaveLength(1);
  });
});
