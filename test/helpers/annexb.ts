/**
 * Splits an H.264 Annex B stream made with x264's `aud=1` into access units, the
 * way WebCodecs hands them to the engine: one per frame, each starting with its
 * access unit delimiter (NAL type 9).
 */
export function splitAccessUnits(stream: Uint8Array): Uint8Array[] {
  const starts: number[] = [];
  for (let i = 0; i + 4 < stream.length; i++) {
    if (stream[i] === 0 && stream[i + 1] === 0 && stream[i + 2] === 0 && stream[i + 3] === 1 && (stream[i + 4]! & 0x1f) === 9) starts.push(i);
  }
  return starts.map((start, k) => stream.subarray(start, starts[k + 1] ?? stream.length));
}

/** Whether an access unit holds an IDR slice (NAL type 5). */
export function isKeyframe(unit: Uint8Array): boolean {
  for (let i = 0; i + 3 < unit.length; i++) {
    if (unit[i] === 0 && unit[i + 1] === 0 && unit[i + 2] === 1 && (unit[i + 3]! & 0x1f) === 5) return true;
  }
  return false;
}
