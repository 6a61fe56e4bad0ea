import { describe, expect, it } from 'vitest';
import { moduleAt, moduleStarts, summarizeCpuProfile, type CpuProfile } from '../../bench/cpu-profile';

const BUNDLE = ['#!/usr/bin/env node', '', '// main/engine/pacer/raw-pacer.ts', 'function tick() {}', '', '// main/engine/fanout/fanout.ts', 'function onData() {}'].join('\n');

describe('moduleStarts / moduleAt', () => {
  it("maps a bundle line to the module whose esbuild comment precedes it", () => {
    const starts = moduleStarts(BUNDLE);
    expect(starts).toEqual([
      { line: 2, module: 'main/engine/pacer/raw-pacer.ts' },
      { line: 5, module: 'main/engine/fanout/fanout.ts' },
    ]);
    expect(moduleAt(starts, 3)).toBe('main/engine/pacer/raw-pacer.ts');
    expect(moduleAt(starts, 6)).toBe('main/engine/fanout/fanout.ts');
    expect(moduleAt(starts, 0)).toBe('(bundle preamble)');
  });
});

describe('summarizeCpuProfile', () => {
  it('sums self time per module, native function and V8 bucket, idle left out of busy', () => {
    const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(idle)', '') },
        { id: 2, callFrame: frame('tick', 'file:///x/dist/cli/onair.js', 3) },
        { id: 3, callFrame: frame('onData', 'file:///x/dist/cli/onair.js', 6) },
        { id: 4, callFrame: frame('writeBuffer', '') },
        { id: 5, callFrame: frame('(garbage collector)', '') },
        { id: 6, callFrame: frame('afterWrite', 'node:internal/streams/writable', 10) },
      ],
      startTime: 0,
      endTime: 10_000,
      samples: [1, 2, 4, 4, 3, 5, 6, 1],
      timeDeltas: [4000, 1000, 500, 500, 700, 300, 2000, 1000],
    };
    const s = summarizeCpuProfile(profile, 'dist/cli/onair.js', moduleStarts(BUNDLE));
    expect(s.wallMs).toBe(10);
    expect(s.busyMs).toBeCloseTo(5);
    expect(s.buckets).toEqual([
      { name: "Node's own JS (streams, timers, child_process)", ms: 2 },
      { name: 'main/engine/pacer/raw-pacer.ts', ms: 1 },
      { name: 'native: writeBuffer', ms: 1 },
      { name: 'main/engine/fanout/fanout.ts', ms: 0.7 },
      { name: '(garbage collector)', ms: 0.3 },
    ]);
  });
});
