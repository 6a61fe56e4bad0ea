/**
 * Subscriptions made before their target exists. The compositor and the mixer
 * start asynchronously, but a monitor or a meter may mount first: each
 * subscription is kept and attached when the target arrives (and detached if
 * it goes), so components never wait for the runtime.
 */

type Attach<T> = (target: T) => () => void;

export class LateSubscriptions<T> {
  private target: T | null = null;
  private readonly subs = new Map<symbol, { attach: Attach<T>; detach: (() => void) | null }>();

  add(attach: Attach<T>): () => void {
    const key = Symbol('subscription');
    const sub = { attach, detach: this.target ? attach(this.target) : null };
    this.subs.set(key, sub);
    return () => {
      sub.detach?.();
      this.subs.delete(key);
    };
  }

  setTarget(target: T | null): void {
    for (const sub of this.subs.values()) {
      sub.detach?.();
      sub.detach = null;
    }
    this.target = target;
    if (target) for (const sub of this.subs.values()) sub.detach = sub.attach(target);
  }

  clear(): void {
    this.setTarget(null);
    this.subs.clear();
  }
}
