/**
 * The studio clock: microseconds since the Unix epoch, from the monotonic
 * performance clock anchored at its time origin. The engine (Node) reads the same
 * clock, so frame timestamps line up with audio timestamps without a handshake.
 * Works on the main thread and in workers (each has its own timeOrigin, both epoch-based).
 */
export function studioNowUs(): number {
  return (performance.timeOrigin + performance.now()) * 1000;
}
