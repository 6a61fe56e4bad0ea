/**
 * obs-websocket names scene items by integer (`sceneItemId`); ours have string
 * ids. This map gives each (scene, item) pair a number the first time it is
 * seen, counting up from 1, and keeps it while the server runs, so a Stream Deck
 * button bound to item 7 keeps meaning the same item. Numbers are never reused
 * (a removed item's number still resolves for its SceneItemRemoved event) and
 * nothing is persisted: a restart may number items differently, as OBS may
 * after a collection reload.
 */
export interface ItemRef {
  sceneId: string;
  itemId: string;
}

/** The first number handed out; OBS also starts scene item ids at 1. */
const FIRST_ITEM_NUMBER = 1;

export class SceneItemIds {
  private readonly numbers = new Map<string, number>();
  private readonly refs = new Map<number, ItemRef>();
  private next = FIRST_ITEM_NUMBER;

  numberFor(sceneId: string, itemId: string): number {
    const key = keyOf(sceneId, itemId);
    const known = this.numbers.get(key);
    if (known !== undefined) return known;
    const allocated = this.next;
    this.next += 1;
    this.numbers.set(key, allocated);
    this.refs.set(allocated, { sceneId, itemId });
    return allocated;
  }

  /** The item a number was given to, if any (it may have been removed since). */
  refFor(sceneItemId: number): ItemRef | undefined {
    return this.refs.get(sceneItemId);
  }

  /** Numbers every item of a collection, scenes in order, items bottom first, so numbering follows the collection's order. */
  register(scenes: ReadonlyArray<{ id: string; items: ReadonlyArray<{ id: string }> }>): void {
    for (const scene of scenes) for (const item of scene.items) this.numberFor(scene.id, item.id);
  }
}

// Ids are [A-Za-z0-9_-] (IdSchema), so '/' cannot occur inside either part.
function keyOf(sceneId: string, itemId: string): string {
  return `${sceneId}/${itemId}`;
}
