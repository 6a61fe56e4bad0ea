import { describe, expect, it } from 'vitest';
import { chipText, destinationChip, formatBitrate, formatDb, formatElapsed, formatPercent } from '../../../../renderer/app/format';
import { outputFixture, studioStateFixture } from '../../../helpers/studio-fixtures';

const local = studioStateFixture().settings.destinations[0]!;
const since = '2026-01-01T00:00:00.000Z';
const at = (s: number) => Date.parse(since) + s * 1000;

describe('formatElapsed', () => {
  it.each([
    [0, '00:00'],
    [65, '01:05'],
    [3599, '59:59'],
    [3600 + 62, '1:01:02'],
    [-5, '00:00'],
  ])('%i s reads %s', (s, text) => expect(formatElapsed(since, at(s))).toBe(text));

  it('reads 00:00 without a start time', () => expect(formatElapsed(null, at(10))).toBe('00:00'));
});

describe('formatPercent and formatBitrate', () => {
  it.each([
    [3, 1000, '0.3 %'],
    [50, 100, '50 %'],
    [1, 0, '0 %'],
  ])('%i of %i is %s', (part, whole, text) => expect(formatPercent(part, whole)).toBe(text));

  it.each([
    [850, '850 kb/s'],
    [4500, '4.5 Mb/s'],
  ])('%i kb/s reads %s', (kbps, text) => expect(formatBitrate(kbps)).toBe(text));
});

describe('destinationChip', () => {
  it.each([
    ['live', outputFixture({ state: 'live' }), 'live', 'live'],
    ['connecting', outputFixture({ state: 'connecting' }), 'live', 'connecting'],
    ['going live, no output yet', undefined, 'starting', 'connecting'],
    ['reconnecting', outputFixture({ state: 'reconnecting', reconnects: 3, nextRetryInS: 1.2 }), 'live', 'reconnecting 3, retry in 2 s'],
    ['reconnecting, with the last failure', outputFixture({ state: 'reconnecting', reconnects: 1, nextRetryInS: 2, lastError: 'Nothing is accepting streams at that address.' }), 'live', 'reconnecting 1, retry in 2 s: Nothing is accepting streams at that address.'],
    ['connecting again after a failure', outputFixture({ state: 'connecting', reconnects: 2, lastError: 'The server closed the connection.' }), 'live', 'connecting (try 3): The server closed the connection.'],
    ['failed', outputFixture({ state: 'failed', lastError: 'The server refused the stream key.' }), 'live', 'failed: The server refused the stream key.'],
    ['failed, then stopped streaming', outputFixture({ state: 'failed', lastError: 'refused' }), 'offline', 'failed: refused'],
    ['failed without a reason', outputFixture({ state: 'failed', lastError: null }), 'live', 'failed: no reason given'],
    ['offline', undefined, 'offline', 'off'],
  ] as const)('%s', (_, output, streaming, text) => {
    expect(chipText(destinationChip(local, output, streaming))).toBe(text);
  });

  it('keeps the state and the reason apart, and colours by state', () => {
    expect(destinationChip(local, outputFixture({ state: 'failed', lastError: 'bad key' }), 'live')).toEqual({ label: 'failed', tone: 'error', reason: 'bad key' });
    expect(destinationChip(local, outputFixture({ state: 'live', lastError: 'an old one' }), 'live')).toEqual({ label: 'live', tone: 'live' });
  });

  it('says disabled for a destination that is not sent to', () => {
    expect(destinationChip({ ...local, enabled: false }, outputFixture(), 'live')).toEqual({ label: 'disabled', tone: 'idle' });
  });
});

describe('formatDb', () => {
  it.each([
    [0, '0.0 dB'],
    [-0.04, '0.0 dB'],
    [3, '+3.0 dB'],
    [-12.46, '−12.5 dB'],
    [-60, '−60.0 dB'],
  ])('%d reads %s', (db, text) => expect(formatDb(db)).toBe(text));
});
