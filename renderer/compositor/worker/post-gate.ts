/**
 * Keeps a new sink's frames behind the old sink's last ones. When the output
 * changes, the loop hands the next slot to the new sink at once (no slot goes
 * without a frame), while the old one is still finishing: an encoder flushing its
 * queue, GPU readbacks still in flight. Whatever the new sink sends in that time
 * is held here and released, in order, once the old sink has closed, so the
 * engine never sees a timestamp go back (the GPU-reset test once saw a 2-slot
 * step from exactly that).
 */
export class PostGate {
  private held: Array<() => void> | null = [];

  /** Sends now, or after open() while the old sink is still closing. */
  run(send: () => void): void {
    if (this.held) this.held.push(send);
    else send();
  }

  /** The old sink is closed: send what was held, in order, and everything after at once. */
  open(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const send of held) send();
  }
}
