import { describe, expect, it } from 'vitest';
import { OutageClock } from '../../../../../main/engine/outputs/outage-clock';
import { CONNECT_TIMEOUT_MS, STALL_TIMEOUT_MS, isDiskError, recordingPartFile, recordingPartFiles, stalledReason } from '../../../../../main/engine/outputs/output-policy';

describe('OutageClock', () => {
  it('times the outage going on, the last one, and the total', () => {
    let now = 1000;
    const clock = new OutageClock(() => now);
    expect(clock.currentMs()).toBeNull();
    expect(clock.up()).toBeNull();
    clock.down();
    now += 3000;
    clock.down(); // still the same outage
    now += 1500;
    expect(clock.isDown).toBe(true);
    expect(clock.currentMs()).toBe(4500);
    expect(clock.up()).toBe(4500);
    expect(clock.lastOutageMs()).toBe(4500);
    clock.down();
    now += 500;
    expect(clock.totalDownMs()).toBe(5000);
    expect(clock.lastOutageMs()).toBe(4500);
  });
});

describe('output policy', () => {
  it('numbers recording parts beside the file', () => {
    expect(recordingPartFile('/r/show.mkv', 1)).toBe('/r/show.mkv');
    expect(recordingPartFile('/r/show.mkv', 3)).toBe('/r/show-part3.mkv');
    expect(recordingPartFile('/r/show', 2)).toBe('/r/show-part2');
    expect(recordingPartFiles('/r/a.mkv', 2)).toEqual(['/r/a.mkv', '/r/a-part2.mkv']);
  });

  it('calls a live output stalled when its media time stops, and a new one when it never connects', () => {
    const base = { nowMs: 100_000, wentLive: true, lastAdvanceAt: 100_000 - STALL_TIMEOUT_MS, attemptStartedAt: 0 };
    expect(stalledReason(base)).toBeNull();
    expect(stalledReason({ ...base, lastAdvanceAt: base.lastAdvanceAt - 1 })).toMatch(/no data accepted for 6 s/);
    const connecting = { ...base, wentLive: false, attemptStartedAt: 100_000 - CONNECT_TIMEOUT_MS - 1 };
    expect(stalledReason(connecting)).toMatch(/could not connect within 15 s/);
    expect(stalledReason({ ...connecting, attemptStartedAt: 100_000 - 1000 })).toBeNull();
  });

  it("recognises ffmpeg's words for a full or unwritable disk", () => {
    expect(isDiskError(['[matroska @ 0x1] Error writing trailer: No space left on device'])).toBe(true);
    expect(isDiskError(['av_interleaved_write_frame(): Read-only file system'])).toBe(true);
    expect(isDiskError(['Connection refused'])).toBe(false);
  });
});
