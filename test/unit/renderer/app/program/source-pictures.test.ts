import { describe, expect, it } from 'vitest';
import type { SceneCollection, Source } from '../../../../../preload/contract';
import { SourcePictures, withoutSources } from '../../../../../renderer/app/program/source-pictures';
import { studioStateFixture } from '../../../../helpers/studio-fixtures';
import { FakeCompositor, FakeMixer } from './program-fakes';

const AUDIO = { gainDb: 0, muted: false, monitor: false };
const image = (src: string): Source => ({ id: 'img', name: 'Logo', kind: 'image', settings: { src }, audio: AUDIO });
const NO_CROP = { top: 0, right: 0, bottom: 0, left: 0 };

function withImage(src: string): SceneCollection {
  const c = studioStateFixture().collection;
  const item = { id: 'i-img', sourceId: 'img', transform: { x: 0, y: 0, width: 1, height: 1, rotationDeg: 0, crop: NO_CROP }, opacity: 1, visible: true, locked: false };
  return { ...c, sources: [...c.sources, image(src)], scenes: c.scenes.map((s, i) => (i === 0 ? { ...s, items: [...s.items, item] } : s)) };
}

const PNG_A = 'data:image/png;base64,AAAA';
const PNG_B = 'data:image/png;base64,BBBB';

function setup() {
  const compositor = new FakeCompositor({ width: 2, height: 2, fps: 1, keyframeIntervalS: 1, videoBitrateKbps: 1, path: 'none' });
  return { compositor, pictures: new SourcePictures(compositor, new FakeMixer(), new Set()) };
}

describe('SourcePictures', () => {
  it('decodes an image once and sets it before the collection (no fetch of a data: URL)', () => {
    const { compositor, pictures } = setup();
    pictures.apply(withImage(PNG_A));
    pictures.apply(withImage(PNG_A));
    expect(compositor.log.filter((l) => l.startsWith('image:'))).toEqual(['image:img']);
    expect(compositor.log[0]).toBe('image:img');
  });

  it("shows the compositor the collection without an image whose src changed, so the new picture pins", () => {
    const { compositor, pictures } = setup();
    pictures.apply(withImage(PNG_A));
    compositor.log.length = 0;
    pictures.apply(withImage(PNG_B));
    expect(compositor.log[0]).toMatch(/^collection:/);
    expect(compositor.log[0]).not.toContain('img');
    expect(compositor.log[1]).toBe('image:img');
    expect(compositor.log[2]).toContain('img');
  });

  it('leaves other srcs (files in the desktop app) to the compositor, and reports an unreadable data: URL', () => {
    const { compositor, pictures } = setup();
    pictures.apply(withImage('/home/me/logo.png'));
    expect(compositor.images.size).toBe(0);
    pictures.apply(withImage('data:image/png;base64,@@@'));
    expect(pictures.problemsBySource().get('img')).toMatchObject({ state: 'failed', message: expect.stringMatching(/^Image: this picture could not be read/) });
    // A new picture clears the problem.
    pictures.apply(withImage(PNG_A));
    expect(pictures.problemsBySource().has('img')).toBe(false);
  });
});

describe('withoutSources', () => {
  it('drops the sources and every item showing them', () => {
    const c = withImage(PNG_A);
    const out = withoutSources(c, new Set(['img']));
    expect(out.sources.some((s) => s.id === 'img')).toBe(false);
    expect(out.scenes.flatMap((s) => s.items).some((i) => i.sourceId === 'img')).toBe(false);
    expect(out.scenes[1]).toEqual(c.scenes[1]);
  });
});
