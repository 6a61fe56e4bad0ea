import { describe, expect, it } from 'vitest';
import type { HealthSnapshot } from '../../../preload/contract/health';
import { formatSoak, soakFigures } from '../../soak/soak-report';
import { healthFixture } from '../../helpers/studio-fixtures';

function at(mainMb: number, encoderMb: number, over: { dropped?: number } = {}): HealthSnapshot {
  const h = healthFixture();
  return {
    ...h,
    engine: { cpuPercent: 10, rssBytes: mainMb * 1048576 },
    encoder: { ...h.encoder!, dropped: over.dropped ?? 0, process: { cpuPercent: 50, rssBytes: encoderMb * 1048576 } },
  };
}

describe('soakFigures', () => {
  it('compares the median memory of each end, so one garbage-collector swing does not count', () => {
    const start = [100, 100, 160, 100, 100].map((m) => at(m, 80));
    const end = [104, 104, 40, 104, 104].map((m) => at(m, 80));
    const snapshots = [...start, ...Array.from({ length: 5 }, () => at(102, 80)), ...end];
    const f = soakFigures({ minutes: 3, snapshots, last: end.at(-1)!, avStartMs: 1, avEndMs: 2, fps: 30 });
    const main = f.memory.find((m) => m.name === 'main (engine)')!;
    expect(main.startBytes).toBe(100 * 1048576);
    expect(main.endBytes).toBe(104 * 1048576);
    expect(main.growth).toBeCloseTo(0.04, 5);
    expect(f.targets).toEqual({ noDrops: true, driftUnderOneFrame: true, memoryGrowthUnder10pct: true });
  });

  it('fails the targets on drops, a drift of a frame, or 10% growth', () => {
    const snapshots = [at(100, 80), at(100, 80), at(100, 80), at(100, 90, { dropped: 3 }), at(100, 90, { dropped: 3 }), at(100, 90, { dropped: 3 })];
    const f = soakFigures({ minutes: 1, snapshots, last: snapshots.at(-1)!, avStartMs: 0, avEndMs: 34, fps: 30 });
    expect(f.targets).toEqual({ noDrops: false, driftUnderOneFrame: false, memoryGrowthUnder10pct: false });
    expect(formatSoak(f)).toMatch(/targets: 0 dropped NOT met; drift under one frame NOT met; memory growth under 10% NOT met/);
  });
});
