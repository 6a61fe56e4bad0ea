import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../../../renderer/app/health/ring-buffer';

describe('RingBuffer', () => {
  it('keeps values oldest first until full', () => {
    const r = new RingBuffer<number>(3);
    expect(r.toArray()).toEqual([]);
    expect(r.last()).toBeUndefined();
    r.push(1);
    r.push(2);
    expect(r.toArray()).toEqual([1, 2]);
    expect(r.size).toBe(2);
    expect(r.last()).toBe(2);
  });

  it('drops the oldest once full, however many times it wraps', () => {
    const r = new RingBuffer<number>(3);
    for (let i = 1; i <= 10; i++) r.push(i);
    expect(r.toArray()).toEqual([8, 9, 10]);
    expect(r.size).toBe(3);
    expect(r.last()).toBe(10);
  });

  it('starts over after clear', () => {
    const r = new RingBuffer<string>(2);
    r.push('a');
    r.push('b');
    r.push('c');
    r.clear();
    expect(r.toArray()).toEqual([]);
    r.push('d');
    expect(r.toArray()).toEqual(['d']);
  });

  it('refuses a capacity that cannot hold anything', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(2.5)).toThrow(/whole, positive capacity/);
  });
});
