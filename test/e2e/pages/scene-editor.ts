/**
 * Editing a scene as a streamer does it: with the mouse on the monitor (output
 * pixels are turned into screen points through the same letterbox the monitor
 * uses), and with the Sources dock and the properties panel by their labels.
 */
import type { Locator, Page } from 'playwright-core';
import { letterbox, outputToScreen, type Point, type Size } from '../../../renderer/app/editing/geometry';
import { escapeRegExp } from './studio-page';

/** Pointer moves per drag: enough for the throttled updates to go out during it. */
const DRAG_STEPS = 12;
/** Pause between pointer moves, ms: a hand's pace, so the drag spans several send intervals. */
const DRAG_STEP_MS = 25;

export class SceneEditor {
  constructor(
    readonly page: Page,
    readonly output: Size,
  ) {}

  /** The editing layer over the monitor of the edited scene. */
  overlay(): Locator {
    return this.page.getByRole('application', { name: /^Edit / });
  }

  sourcesDock(): Locator {
    return this.page.getByRole('region', { name: /^Sources/ });
  }

  /** A button or switch of a source's row: "Select", "Move … up", "Lock"... by its full accessible name. */
  control(name: string): Locator {
    return this.sourcesDock().getByRole('button', { name, exact: true }).or(this.sourcesDock().getByRole('checkbox', { name, exact: true }));
  }

  properties(sourceName: string): Locator {
    return this.page.getByRole('region', { name: `Properties of ${sourceName}` });
  }

  field(sourceName: string, label: RegExp): Locator {
    return this.properties(sourceName).getByLabel(label);
  }

  /** A point of the output, in page coordinates. */
  async screenPoint(p: Point): Promise<Point> {
    const box = await this.overlay().boundingBox();
    if (!box) throw new Error('the editing layer is not on screen');
    const s = outputToScreen(p, letterbox({ width: box.width, height: box.height }, this.output));
    return { x: box.x + s.x, y: box.y + s.y };
  }

  /** Screen pixels per output pixel on the monitor. */
  async scale(): Promise<number> {
    const box = await this.overlay().boundingBox();
    if (!box) throw new Error('the editing layer is not on screen');
    return letterbox({ width: box.width, height: box.height }, this.output).scale;
  }

  /**
   * Presses at `from` (holding Shift and/or Alt), moves by `by` (output pixels)
   * at a hand's pace, and runs `beforeRelease` (to look at guides) before letting go.
   */
  async drag(from: Point, by: Point, options: { shift?: boolean; alt?: boolean; beforeRelease?: () => Promise<void> } = {}): Promise<void> {
    const start = await this.screenPoint(from);
    const end = await this.screenPoint({ x: from.x + by.x, y: from.y + by.y });
    const mouse = this.page.mouse;
    const held = [...(options.shift ? ['Shift'] : []), ...(options.alt ? ['Alt'] : [])];
    await mouse.move(start.x, start.y);
    for (const key of held) await this.page.keyboard.down(key);
    await mouse.down();
    for (let i = 1; i <= DRAG_STEPS; i++) {
      await mouse.move(start.x + ((end.x - start.x) * i) / DRAG_STEPS, start.y + ((end.y - start.y) * i) / DRAG_STEPS);
      await this.page.waitForTimeout(DRAG_STEP_MS);
    }
    await options.beforeRelease?.();
    await mouse.up();
    for (const key of held) await this.page.keyboard.up(key);
  }

  /**
   * A drag whose moves come faster than any hand (and than Playwright's own
   * mouse on a loaded machine): a real press and release, with `moves` pointer
   * events dispatched in the page between them, `gapMs` apart.
   */
  async fastDrag(from: Point, by: Point, moves: number, gapMs: number): Promise<void> {
    const start = await this.screenPoint(from);
    const end = await this.screenPoint({ x: from.x + by.x, y: from.y + by.y });
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.overlay().evaluate(
      async (el, [sx, sy, ex, ey, n, gap]) => {
        for (let i = 1; i <= n; i++) {
          const init = { bubbles: true, pointerId: 1, pointerType: 'mouse', isPrimary: true, buttons: 1, clientX: sx + ((ex - sx) * i) / n, clientY: sy + ((ey - sy) * i) / n };
          el.dispatchEvent(new PointerEvent('pointermove', init));
          await new Promise((r) => setTimeout(r, gap));
        }
      },
      [start.x, start.y, end.x, end.y, moves, gapMs] as const,
    );
    await this.page.mouse.move(end.x, end.y);
    await this.page.mouse.up();
  }

  /** The guide lines drawn while snapping ('x': vertical lines). */
  guides(axis: 'x' | 'y'): Locator {
    return this.overlay().locator(`[data-guide="${axis}"]`);
  }

  async addColour(name: string, colour: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Add a source' });
    await form.getByLabel('Kind').selectOption({ label: 'Colour' });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Colour', { exact: true }).fill(colour);
    await form.getByRole('button', { name: 'Add source' }).click();
  }

  sceneControl(name: string): Locator {
    return this.page.getByRole('list', { name: 'Scenes', exact: true }).getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}$`) });
  }
}
