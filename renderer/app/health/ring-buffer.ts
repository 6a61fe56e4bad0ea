/**
 * A fixed-size first-in, first-out buffer: once full, each push drops the
 * oldest value. Storage is allocated once, so a chart fed once a second for a
 * whole broadcast holds a constant amount of memory.
 */
export class RingBuffer<T> {
  private readonly slots: (T | undefined)[];
  /** Where the next value goes. */
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`A ring buffer needs a whole, positive capacity (got ${capacity}).`);
    this.slots = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(value: T): void {
    this.slots[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** The newest value, or undefined when empty. */
  last(): T | undefined {
    return this.count === 0 ? undefined : this.slots[(this.next - 1 + this.capacity) % this.capacity];
  }

  /** Oldest first. */
  toArray(): T[] {
    const start = (this.next - this.count + this.capacity) % this.capacity;
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.slots[(start + i) % this.capacity] as T);
    return out;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
