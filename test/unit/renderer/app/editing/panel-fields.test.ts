import { describe, expect, it } from 'vitest';
import type { SceneItem, Source } from '../../../../../preload/contract';
import { settingsErrors, settingsPatch } from '../../../../../renderer/app/editing/source-settings';
import { draftOf, patchOf, transformFieldError } from '../../../../../renderer/app/editing/transform-fields';
import { box } from './boxes';

const item: SceneItem = { id: 'i', sourceId: 's', transform: { ...box(10.126, 20, 160, 90, -30), crop: { top: 0, right: 4, bottom: 0, left: 0 } }, opacity: 0.5, visible: true, locked: false };

describe('transform fields', () => {
  it('shows the item rounded to hundredths, opacity in percent, and reads back the same', () => {
    const draft = draftOf(item);
    expect(draft).toMatchObject({ x: '10.13', width: '160', rotationDeg: '-30', cropRight: '4', opacityPct: '50' });
    expect(patchOf(draft)).toEqual({ transform: { ...item.transform, x: 10.13 }, opacity: 0.5 });
  });

  it.each([
    ['width', '0', 'Must be at least 1 px.'],
    ['width', '', 'A value is required.'],
    ['x', 'abc', 'Enter a number.'],
    ['x', '-200000', 'Must be at least -100,000 px.'],
    ['rotationDeg', '400', 'Must be at most 360°.'],
    ['cropLeft', '-1', 'Must be at least 0 px.'],
    ['opacityPct', '101', 'Must be at most 100 %.'],
    ['opacityPct', '0', null],
  ] as const)('%s = "%s" -> %s', (field, text, error) => {
    expect(transformFieldError(field, text)).toBe(error);
  });

  it('gives no patch while a field is invalid', () => {
    expect(patchOf({ ...draftOf(item), height: '0' })).toBeNull();
  });
});

describe('source settings', () => {
  const text: Source = {
    id: 's',
    name: 'Title',
    kind: 'text',
    audio: { gainDb: 0, muted: false, monitor: false },
    settings: { text: 'Hi', font: 'sans-serif', sizePx: 48, color: '#ffffff', outlineColor: '#000000', outlineWidthPx: 2, background: null, align: 'center', wrapWidthPx: null },
  };

  it('places each problem at its field, in words', () => {
    const errors = settingsErrors('text', { ...text.settings, sizePx: 2, outlineWidthPx: Number.NaN, color: 'red' });
    expect(errors.sizePx).toBe('Must be at least 4.');
    expect(errors.outlineWidthPx).toMatch(/number/);
    expect(errors.color).toBe('A colour like #1e90ff.');
    expect(settingsErrors('text', { ...text.settings })).toEqual({});
  });

  it('sends only what changed', () => {
    expect(settingsPatch(text, { ...text.settings, text: 'Hello', background: '#112233' })).toEqual({ text: 'Hello', background: '#112233' });
    expect(settingsPatch(text, { ...text.settings })).toEqual({});
  });

  it('has nothing to check for kinds the panel does not edit', () => {
    expect(settingsErrors('screen', { anything: 1 })).toEqual({});
  });
});
