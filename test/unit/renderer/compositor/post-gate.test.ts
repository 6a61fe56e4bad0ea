import { describe, expect, it } from 'vitest';
import { PostGate } from '../../../../renderer/compositor/worker/post-gate';

describe('PostGate', () => {
  it('holds what the new sink sends until the old one closed, then sends it in order, and later sends at once', () => {
    const sent: number[] = [];
    const gate = new PostGate();
    gate.run(() => sent.push(1));
    gate.run(() => sent.push(2));
    sent.push(0); // the old sink's last frame, while it closes
    expect(sent).toEqual([0]);
    gate.open();
    expect(sent).toEqual([0, 1, 2]);
    gate.run(() => sent.push(3));
    expect(sent).toEqual([0, 1, 2, 3]);
  });
});
