import { describe, expect, it } from 'vitest';
import { SceneItemIds } from '../../../../../main/remote/obs/item-ids';
import { clampGainDb, dbToMul, inputKindOf, mulToDb, sceneItemListOf, sceneListOf, timecodeOf } from '../../../../../main/remote/obs/obs-shapes';
import { truncateReason } from '../../../../../main/remote/obs/session';
import { fakeInitialState } from '../../../../helpers/fake-studio-port';

describe('obs-shapes', () => {
  it('lists scenes the way obs-websocket does: bottom of the UI list first, index 0', () => {
    const c = fakeInitialState().collection;
    expect(sceneListOf(c)).toEqual([
      { sceneIndex: 0, sceneName: 'Be Right Back', sceneUuid: 'sc_brb' },
      { sceneIndex: 1, sceneName: 'Main', sceneUuid: 'sc_main' },
    ]);
  });

  it('lists scene items bottom first with stable integer ids', () => {
    const state = fakeInitialState();
    const ids = new SceneItemIds();
    const main = state.collection.scenes[0]!;
    const first = sceneItemListOf(main, state.collection.sources, ids);
    expect(first.map((i) => [i.sceneItemId, i.sceneItemIndex, i.sourceName, i.inputKind])).toEqual([
      [1, 0, 'Camera', 'onair_camera'],
      [2, 1, 'Mic', 'onair_audio_input'],
    ]);
    // Asked again (or after other scenes were numbered), the same items keep their numbers.
    ids.numberFor('sc_brb', 'it_card');
    expect(sceneItemListOf(main, state.collection.sources, ids).map((i) => i.sceneItemId)).toEqual([1, 2]);
    expect(ids.refFor(2)).toEqual({ sceneId: 'sc_main', itemId: 'it_mic' });
    expect(ids.refFor(99)).toBeUndefined();
  });

  it.each([
    [0, 1],
    [-6.0206, 0.5],
    [-20, 0.1],
    [20, 10],
  ])('%f dB is a multiplier of %f, and back', (db, mul) => {
    expect(dbToMul(db)).toBeCloseTo(mul, 4);
    expect(mulToDb(mul)).toBeCloseTo(db, 3);
  });

  it('maps silence and out-of-range gains into our range', () => {
    expect(mulToDb(0)).toBe(-60);
    expect(clampGainDb(-100)).toBe(-60);
    expect(clampGainDb(26)).toBe(20);
    expect(clampGainDb(-12.5)).toBe(-12.5);
  });

  it('names input kinds with our prefix', () => {
    expect(inputKindOf('audio-input')).toBe('onair_audio_input');
    expect(inputKindOf('camera')).toBe('onair_camera');
  });

  it.each([
    [0, '00:00:00.000'],
    [1_234, '00:00:01.234'],
    [3_723_004, '01:02:03.004'],
    [-5, '00:00:00.000'],
  ])('timecode of %i ms is %s', (ms, expected) => {
    expect(timecodeOf(ms)).toBe(expected);
  });

  it('cuts close reasons to the 123 bytes a close frame allows, whole characters only', () => {
    expect(truncateReason('short')).toBe('short');
    const cut = truncateReason('é'.repeat(200));
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(123);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toContain('\uFFFD');
  });
});
