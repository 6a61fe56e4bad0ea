/**
 * Scene-switch arithmetic (pure). Two scenes, each one solid colour filling the
 * canvas (red and blue: far apart in chroma, so encoder blur or a limited-range
 * conversion cannot confuse them); the bench switches between them by obs-websocket
 * and watches two places:
 * - the compositor's I420 output, as each frame leaves the page for the engine
 *   (timestamp on the studio clock = when the compositor made it);
 * - the stream decoded at nginx-rtmp (timestamp = when the reader had it).
 *
 * Per switch: the first frame of the new colour after the previous edge, its
 * delay from the request, and how many frames each place saw between this edge
 * and the next (equal counts = nothing dropped or repeated between the
 * compositor and the viewer, which also pairs the frames one to one so the
 * pipeline's ordinary delay can be taken from frames that are not switches).
 */

export type SceneColour = 'red' | 'blue';

/** U and V must differ by this much (0..255) for a colour to count: red has V >> U, blue U >> V. */
export const CHROMA_MARGIN = 60;

export function classifyColour(u: number, v: number): SceneColour | null {
  if (v - u > CHROMA_MARGIN) return 'red';
  if (u - v > CHROMA_MARGIN) return 'blue';
  return null;
}

export interface SeenFrame {
  /** µs on the studio clock: made (compositor) or decoded (reader). */
  atUs: number;
  colour: SceneColour | null;
}

export interface SwitchRequest {
  /** Just before the request was sent, µs on the studio clock. */
  sentUs: number;
  /** When its response came back. */
  answeredUs: number;
  to: SceneColour;
}

export interface Edge {
  /** Index of the first frame of the new colour, or null if it never showed. */
  index: number | null;
  /** That frame's time minus the request's, µs. */
  delayUs: number | null;
}

/**
 * The edge of each switch: the first frame of the requested colour, searched
 * from the previous switch's edge on (a frame stamped a little before the request
 * may already show the new scene: the compositor stamps a frame with its slot on
 * the schedule, then renders it).
 */
export function findEdges(frames: readonly SeenFrame[], switches: readonly SwitchRequest[]): Edge[] {
  const edges: Edge[] = [];
  let from = 0;
  for (const s of switches) {
    let index: number | null = null;
    // A change, so a frame before it is needed: the first frame seen proves nothing.
    for (let i = Math.max(from, 1); i < frames.length; i++) {
      if (frames[i]!.colour === s.to && frames[i - 1]!.colour !== s.to) {
        index = i;
        break;
      }
    }
    edges.push({ index, delayUs: index === null ? null : frames[index]!.atUs - s.sentUs });
    if (index !== null) from = index + 1;
  }
  return edges;
}

/** Frames from each edge up to the next (one fewer than there are edges), null where an edge is missing. */
export function framesBetweenEdges(edges: readonly Edge[]): (number | null)[] {
  return edges.slice(0, -1).map((e, k) => {
    const next = edges[k + 1]!.index;
    return e.index === null || next === null ? null : next - e.index;
  });
}

/** Steps between consecutive frame times larger than `maxStepUs` that overlap [fromUs, toUs]: a frame missing (or a stall). */
export function timestampGaps(frames: readonly SeenFrame[], fromUs: number, toUs: number, maxStepUs: number): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < frames.length; i++) {
    const a = frames[i - 1]!.atUs;
    const b = frames[i]!.atUs;
    if (b < fromUs || a > toUs) continue;
    if (b - a > maxStepUs) gaps.push(b - a);
  }
  return gaps;
}

/**
 * The pipeline's ordinary delay, compositor output -> decoded at the reader. The
 * stream is constant frame rate (the engine's pacer fills every slot, repeating
 * a frame when the compositor is late), so the m-th frame after a stream edge
 * belongs to the slot m frame periods after the compositor's edge frame; its
 * delay is its arrival minus that slot's time. Frames up to the next edge (at
 * most `maxFrames` after each), edge frames themselves left out: they are what
 * is being judged. Per edge (the delay drifts over a run on a loaded machine),
 * empty where an edge is missing; µs.
 */
export function slotDelaysUs(out: readonly SeenFrame[], outEdges: readonly Edge[], seen: readonly SeenFrame[], seenEdges: readonly Edge[], frameUs: number, maxFrames: number): number[][] {
  return outEdges.map((outEdge, k) => {
    const a = outEdge.index;
    const b = seenEdges[k]?.index ?? null;
    if (a === null || b === null) return [];
    const end = Math.min(seenEdges[k + 1]?.index ?? seen.length, b + maxFrames + 1);
    const delays: number[] = [];
    for (let i = b + 1; i < end; i++) delays.push(seen[i]!.atUs - (out[a]!.atUs + (i - b) * frameUs));
    return delays;
  });
}
