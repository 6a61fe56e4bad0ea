import { describe, expect, it } from 'vitest';
import { AV_OFFSET_NOTICEABLE_MS, encoderWhy, formatAvOffset, formatMemory, totalCpuPercent, totalMemoryBytes } from '../../../../../renderer/app/health/health-words';
import { healthFixture, outputFixture } from '../../../../helpers/studio-fixtures';

const MB = 1024 * 1024;

describe('health words', () => {
  it('adds up CPU and memory over the engine, the encoder and every output process', () => {
    const h = healthFixture({
      engine: { cpuPercent: 5, rssBytes: 80 * MB },
      outputs: [outputFixture({ process: { cpuPercent: 1, rssBytes: 10 * MB } }), outputFixture({ id: 'b', process: null })],
    });
    // The fixture's encoder: 80 % and 100,000,000 bytes.
    expect(totalCpuPercent(h)).toBe(86);
    expect(totalMemoryBytes(h)).toBe(90 * MB + 100_000_000);
    expect(totalCpuPercent(healthFixture({ encoder: null, outputs: [] }))).toBe(5);
  });

  it('shows memory in MB, then GB', () => {
    expect(formatMemory(412 * MB)).toBe('412 MB');
    expect(formatMemory(1.3 * 1024 * MB)).toBe('1.3 GB');
  });

  it('says when the A/V offset is large enough for viewers to notice', () => {
    expect(formatAvOffset(12.4)).toBe('12 ms');
    expect(formatAvOffset(AV_OFFSET_NOTICEABLE_MS)).toBe(`${AV_OFFSET_NOTICEABLE_MS} ms`);
    expect(formatAvOffset(120)).toBe('120 ms (viewers may notice)');
  });

  describe('encoderWhy', () => {
    const x264 = healthFixture().encoder!;
    const nvenc = { ...x264, encoder: 'h264_nvenc', hardware: true };
    it("gives the probe's reason when the studio chose the encoder it picked", () => {
      expect(encoderWhy(x264, 'auto', 'libx264', 'No hardware encoder passed its trial encode, so the CPU encodes with x264 (software).')).toMatch(/^No hardware encoder passed/);
    });
    it('says it was the streamer who chose it, or that their choice could not be used', () => {
      expect(encoderWhy(nvenc, 'h264_nvenc', 'libx264', 'whatever')).toBe('You chose it in Settings.');
      expect(encoderWhy(x264, 'h264_nvenc', 'libx264', 'whatever')).toBe('h264_nvenc could not be used, so the studio fell back to this one.');
    });
    it('falls back to what the health itself says when the probe is unknown or disagrees', () => {
      expect(encoderWhy(x264, 'auto', null, null)).toBe('The studio chose it: no hardware encoder passed its test, so the CPU encodes.');
      expect(encoderWhy(nvenc, 'auto', 'libx264', 'x264 reason')).toBe('The studio chose it: a hardware encoder passed its test.');
    });
  });
});
