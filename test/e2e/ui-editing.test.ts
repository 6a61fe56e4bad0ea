/**
 * Editing scenes in the browser, end to end: the built `onair studio` (real
 * engine, real compositor in the page) driven in Debian's Chromium with the
 * mouse and keyboard. A colour source is placed from the properties panel,
 * dragged on the program monitor (the studio's state follows during the drag,
 * not only at the end, and the monitor's pixels move with it), resized by a
 * corner with its aspect kept, snapped to the left edge, cropped with Alt,
 * rotated with Shift, nudged, removed and brought back with Ctrl+Z; sources are
 * reordered, a scene duplicated and moved; all of it is still there after a reload. The studio's
 * state is read over its own bridge by a second client, as another window would.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Scene, SceneItem, StudioState } from '../../preload/contract';
import { SEND_INTERVAL_MS } from '../../renderer/app/editing/pointer-gesture';
import { api } from '../../renderer/bridge/studio-client';
import { bridgeUrlFromLocation, WsStudioClient, type WebSocketLike } from '../../renderer/bridge/ws-client';
import { collectPageErrors, launchChromium } from '../helpers/chromium';
import { freePorts } from '../helpers/ports';
import { BUILD_TIMEOUT_MS, ensureStudioBuilt, ROOT, seedStudioDataDir, STUDIO_CLI } from '../helpers/studio-e2e-setup';
import { startStudio, type StudioProcess } from '../helpers/studio-process';
import { colourAt, Monitors } from './pages/monitors';
import { SceneEditor } from './pages/scene-editor';
import { StudioPage } from './pages/studio-page';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
/** Everything after the build, shared by the steps. */
const TOTAL_BUDGET_MS = 150_000;
const VIEWPORT = { width: 1280, height: 720 };
/** A small output keeps the page's compositor light on a loaded machine. */
const OUTPUT = { width: 640, height: 360 };
/** A pointer lands on whole screen pixels: an output position is right to this many output pixels. */
const POINTER_SLACK_PX = 1.5;
/** A colour channel counts as "on" above this, "off" below OFF_LEVEL. */
const ON_LEVEL = 180;
const OFF_LEVEL = 80;
/** No state event for this long: the studio has the drag's last update. */
const QUIET_MS = 300;
const SCENE = 'Editing';

let deadline = 0;
const remainingMs = () => Math.max(1, deadline - Date.now());
/** One step's wait: a failing step says which it was instead of eating the whole budget. */
const STEP_MS = 20_000;
const stepMs = () => Math.min(STEP_MS, remainingMs());
let dataRoot = '';
let studio: StudioProcess | null = null;
let browser: Browser | null = null;
let client: WsStudioClient | null = null;
let ui: StudioPage;
let editor: SceneEditor;
const pageErrors: string[] = [];
/** Every state the studio announced, newest last. */
const states: StudioState[] = [];

const latest = (): StudioState => {
  const s = states.at(-1);
  if (!s) throw new Error('no state from the studio yet');
  return s;
};
const sceneNamed = (s: StudioState, name: string): Scene | undefined => s.collection.scenes.find((x) => x.name === name);
const itemOf = (s: StudioState, sourceName: string): SceneItem | undefined => {
  const source = s.collection.sources.find((x) => x.name === sourceName);
  return sceneNamed(s, SCENE)?.items.find((i) => i.sourceId === source?.id);
};
const box = (): SceneItem => {
  const item = itemOf(latest(), 'Box');
  if (!item) throw new Error('the Box item is not in the scene');
  return item;
};
/**
 * Waits until the studio has gone quiet (no state for a poll interval): a drag's
 * throttled updates can satisfy a "moved far enough" poll before its exact last
 * update lands.
 */
async function settled(): Promise<void> {
  let seen = -1;
  await expect
    .poll(
      () => {
        const quiet = states.length === seen;
        seen = states.length;
        return quiet;
      },
      { timeout: stepMs(), interval: QUIET_MS },
    )
    .toBe(true);
}
const centre = (item: SceneItem) => ({ x: item.transform.x + item.transform.width / 2, y: item.transform.y + item.transform.height / 2 });

beforeAll(async () => {
  ensureStudioBuilt();
  deadline = Date.now() + TOTAL_BUDGET_MS;
  dataRoot = mkdtempSync(join(tmpdir(), 'onair-edit-e2e-'));
  const [originPort, remotePort] = await freePorts(2);
  const dataDir = seedStudioDataDir(dataRoot, { originPort: originPort!, output: OUTPUT });
  studio = await startStudio(STUDIO_CLI, ['--no-open', '--port', '0', '--data-dir', dataDir, '--remote-port', String(remotePort)], remainingMs());
  const url = new URL(studio.studioUrl);
  client = new WsStudioClient({ url: bridgeUrlFromLocation(url), createSocket: (u) => new WebSocket(u) as unknown as WebSocketLike, warn: () => undefined });
  client.on('state', (s) => states.push(s));
  const c = client;
  await new Promise<void>((resolve) => {
    if (c.connection === 'open') return resolve();
    const off = c.onConnection((state) => {
      if (state !== 'open') return;
      off();
      resolve();
    });
  });
  states.push(await api(client).getState({}));
  browser = await launchChromium(remainingMs());
  const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  collectPageErrors(page, pageErrors);
  ui = new StudioPage(page);
  editor = new SceneEditor(page, OUTPUT);
}, BUILD_TIMEOUT_MS + TOTAL_BUDGET_MS);

afterAll(async () => {
  client?.close();
  await browser?.close();
  await studio?.stop();
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
});

describe('editing scenes in the browser', () => {
  it('makes a scene with a colour source and places it from the properties panel, refusing a bad value at the field', async () => {
    await ui.open(studio!.studioUrl, remainingMs());
    const form = ui.page.getByRole('form', { name: 'Add a scene' });
    await form.getByLabel('New scene name').fill(SCENE);
    await form.getByRole('button', { name: 'Add scene' }).click();
    await ui.clickScene(SCENE);
    await expect.poll(() => ui.programScene().textContent(), { timeout: stepMs() }).toBe(SCENE);
    await editor.addColour('Box', '#ff0000');
    await expect.poll(() => itemOf(latest(), 'Box') !== undefined, { timeout: stepMs() }).toBe(true);

    await editor.control('Select Box').click();
    const width = editor.field('Box', /^Width/);
    await width.fill('0');
    await expect(editor.properties('Box').getByRole('alert').first().textContent()).resolves.toBe('Must be at least 1 px.');
    expect(await editor.properties('Box').getByRole('button', { name: 'Apply transform' }).isDisabled()).toBe(true);
    await width.fill('160');
    await editor.field('Box', /^Height/).fill('90');
    await editor.field('Box', /^X /).fill('100');
    await editor.field('Box', /^Y /).fill('100');
    await editor.properties('Box').getByRole('button', { name: 'Apply transform' }).click();
    await expect.poll(() => box().transform, { timeout: stepMs() }).toMatchObject({ x: 100, y: 100, width: 160, height: 90 });
    // The picture shows the box there: red at its centre.
    const monitors = new Monitors(ui.page);
    await expect.poll(async () => (await colourAt(monitors, 'Program', 180 / 640, 145 / 360))[0], { timeout: stepMs(), interval: 200 }).toBeGreaterThan(ON_LEVEL);
  });

  it('drags the box on the monitor: the studio follows during the drag and the picture moves', async () => {
    const before = states.length;
    // To (200, 250): no edge or centre near a canvas line, so nothing snaps.
    await editor.drag(centre(box()), { x: 100, y: 150 });
    await expect.poll(() => Math.abs(box().transform.x - 200) <= POINTER_SLACK_PX && Math.abs(box().transform.y - 250) <= POINTER_SLACK_PX, { timeout: stepMs() }).toBe(true);
    await settled();
    // Throttled updates went out while the pointer moved: several distinct positions, not just the last.
    const xs = new Set(states.slice(before).map((s) => itemOf(s, 'Box')?.transform.x));
    expect(xs.size).toBeGreaterThan(2);
    const monitors = new Monitors(ui.page);
    await expect.poll(async () => (await colourAt(monitors, 'Program', 280 / 640, 295 / 360))[0], { timeout: stepMs(), interval: 200 }).toBeGreaterThan(ON_LEVEL);
    expect((await colourAt(monitors, 'Program', 180 / 640, 145 / 360))[0]).toBeLessThan(OFF_LEVEL);
  });

  it('sends a fast drag throttled: at most one update per send interval, the last one exact', async () => {
    const moves = 100;
    const from = centre(box());
    const seen: number[] = [];
    const off = client!.on('state', (s) => {
      const x = itemOf(s, 'Box')?.transform.x;
      if (x !== undefined && x !== seen.at(-1)) seen.push(x);
    });
    const started = Date.now();
    await editor.fastDrag(from, { x: -40, y: 0 }, moves, 2);
    const draggedMs = Date.now() - started;
    await expect.poll(() => seen.at(-1), { timeout: stepMs() }).toBeCloseTo(200 - 40, 0);
    off();
    // One update per send interval at most, plus the first (at once) and the exact last one.
    const allowed = Math.ceil(draggedMs / SEND_INTERVAL_MS) + 2;
    console.info(`fast drag: ${moves} pointer moves in ${draggedMs} ms -> ${seen.length} transform updates (allowed ${allowed})`);
    // The bound holds whatever the machine's load; on a quiet one it is far below one update per move.
    expect(seen.length).toBeLessThanOrEqual(allowed);
    // Back where the next steps expect it.
    await editor.drag(centre(box()), { x: 40, y: 0 });
    await expect.poll(() => Math.abs(box().transform.x - 200) <= POINTER_SLACK_PX, { timeout: stepMs() }).toBe(true);
    await settled();
  });

  it('resizes from a corner with the aspect ratio kept, and frees it with Shift', async () => {
    const t = box().transform;
    await editor.drag({ x: t.x + t.width, y: t.y + t.height }, { x: 80, y: 10 });
    await expect.poll(() => box().transform.width, { timeout: stepMs() }).toBeGreaterThan(t.width + 40);
    await settled();
    const r = box().transform;
    expect(r.width / r.height).toBeCloseTo(16 / 9, 1);
    expect(Math.abs(r.x - t.x)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(r.y - t.y)).toBeLessThanOrEqual(0.01);
    // Shift: only the width follows the right edge.
    await editor.drag({ x: r.x + r.width, y: r.y + r.height / 2 }, { x: -60, y: 0 }, { shift: true });
    await expect.poll(() => box().transform.width, { timeout: stepMs() }).toBeLessThan(r.width - 40);
    await settled();
    expect(Math.abs(box().transform.height - r.height)).toBeLessThanOrEqual(0.01);
  });

  it('snaps the left edge onto the canvas edge, showing the guide, and lands on x = 0', async () => {
    const t = box().transform;
    let guides = 0;
    await editor.drag(centre(box()), { x: -t.x + 3, y: 0 }, { beforeRelease: async () => void (guides = await editor.guides('x').count()) });
    expect(guides).toBeGreaterThan(0);
    await expect.poll(() => box().transform.x, { timeout: stepMs() }).toBe(0);
    await settled();
  });

  it('crops with Alt on a handle: the box shrinks over a picture that stays put', async () => {
    const t = box().transform;
    await editor.drag({ x: t.x, y: t.y + t.height / 2 }, { x: 20, y: 0 }, { alt: true });
    await expect.poll(() => box().transform.crop.left, { timeout: stepMs() }).toBeGreaterThan(20 - POINTER_SLACK_PX);
    await settled();
    const c = box().transform;
    expect(c.crop.left).toBeLessThan(20 + POINTER_SLACK_PX);
    expect(c.x - t.x).toBeCloseTo(c.crop.left, 5);
    expect(c.x + c.width).toBeCloseTo(t.x + t.width, 5);
    expect(c.height).toBe(t.height);
  });

  it('rotates with the rotation handle, snapping to 15° steps with Shift', async () => {
    const t = box().transform;
    const c = centre(box());
    const knobAbove = t.height / 2 + 24 / (await editor.scale());
    // From the knob (straight up) to straight right of the centre: a quarter turn clockwise.
    await editor.drag({ x: c.x, y: c.y - knobAbove }, { x: knobAbove + 3, y: knobAbove - 4 }, { shift: true });
    await expect.poll(() => box().transform.rotationDeg, { timeout: stepMs() }).toBe(90);
    await settled();
    // For the docs: the selection's outline, handles and rotation knob over the picture, and the properties panel.
    await ui.page.mouse.move(0, 0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ui.page.screenshot({ path: join(SCREENSHOTS, 'editing.png') });
  });

  it('nudges with the arrow keys, removes with Delete, and Ctrl+Z brings it back, then undoes the nudges', async () => {
    const t = box().transform;
    await editor.overlay().focus();
    await ui.page.keyboard.press('Shift+ArrowRight');
    await ui.page.keyboard.press('ArrowDown');
    await expect.poll(() => [box().transform.x, box().transform.y], { timeout: stepMs() }).toEqual([t.x + 10, t.y + 1]);
    const kept = box().transform;
    await ui.page.keyboard.press('Delete');
    await expect.poll(() => itemOf(latest(), 'Box'), { timeout: stepMs() }).toBeUndefined();
    // The dock offers the undo once the studio has confirmed the removal.
    await editor.sourcesDock().getByRole('status').getByText('Removed Box.').waitFor({ timeout: stepMs() });
    await ui.page.keyboard.press('Control+z');
    await expect.poll(() => itemOf(latest(), 'Box')?.transform, { timeout: stepMs() }).toEqual(kept);
    // Next, the run of nudges is taken back in one step.
    await editor.sourcesDock().getByRole('status').getByText('Changed Box.').waitFor({ timeout: stepMs() });
    await ui.page.keyboard.press('Control+z');
    await expect.poll(() => itemOf(latest(), 'Box')?.transform, { timeout: stepMs() }).toEqual(t);
  });

  it('reorders sources with the buttons and the keyboard, and removes one after confirmation', async () => {
    await editor.addColour('Blue', '#0000ff');
    await expect.poll(() => ui.sourceNames(), { timeout: stepMs() }).toEqual(['Blue', 'Box']);
    await editor.control('Move Blue down').click();
    await expect.poll(() => ui.sourceNames(), { timeout: stepMs() }).toEqual(['Box', 'Blue']);
    await expect.poll(() => sceneNamed(latest(), SCENE)?.items.map((i) => i.sourceId).length, { timeout: stepMs() }).toBe(2);
    await editor.control('Select Blue').focus();
    await ui.page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => ui.sourceNames(), { timeout: stepMs() }).toEqual(['Blue', 'Box']);
    await editor.control('Remove Blue').click();
    await ui.page.getByRole('dialog', { name: 'Remove source' }).getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => ui.sourceNames(), { timeout: stepMs() }).toEqual(['Box']);
  });

  it('duplicates a scene, moves the copy up the list and renames it', async () => {
    await editor.sceneControl(`Duplicate ${SCENE}`).click();
    await expect.poll(() => ui.sceneNames(), { timeout: stepMs() }).toEqual(['Live', 'Starting soon', SCENE, `${SCENE} (copy)`]);
    await editor.sceneControl(`Move ${SCENE} (copy) up`).click();
    await expect.poll(() => ui.sceneNames(), { timeout: stepMs() }).toEqual(['Live', 'Starting soon', `${SCENE} (copy)`, SCENE]);
    expect(sceneNamed(latest(), `${SCENE} (copy)`)?.items.map((i) => i.transform)).toEqual(sceneNamed(latest(), SCENE)?.items.map((i) => i.transform));
    // Renamed in place, from the keyboard: Enter saves.
    await editor.sceneControl(`Rename ${SCENE} (copy)`).click();
    await ui.page.getByLabel(`New name for ${SCENE} (copy)`).fill('Backup');
    await ui.page.keyboard.press('Enter');
    await expect.poll(() => ui.sceneNames(), { timeout: stepMs() }).toEqual(['Live', 'Starting soon', 'Backup', SCENE]);
  });

  it('edits the preview scene in studio mode, on the preview monitor', async () => {
    await ui.studioModeSwitch().check({ timeout: stepMs() });
    await ui.monitors.monitor('Preview').getByRole('application', { name: /^Edit / }).waitFor({ timeout: stepMs() });
    expect(await ui.monitors.monitor('Program').getByRole('application').count()).toBe(0);
    await ui.clickScene('Starting soon');
    await expect.poll(() => editor.sourcesDock().getByRole('heading').first().textContent(), { timeout: stepMs() }).toBe('Sources in Starting soon');
    await ui.studioModeSwitch().uncheck({ timeout: stepMs() });
    await expect.poll(() => editor.sourcesDock().getByRole('heading').first().textContent(), { timeout: stepMs() }).toBe(`Sources in ${SCENE}`);
  });

  it('keeps everything across a reload, and every control in the docks has a name', async () => {
    const kept = box().transform;
    await ui.page.reload({ timeout: stepMs() });
    await ui.sceneButtons().first().waitFor({ timeout: stepMs() });
    expect(await ui.sceneNames()).toEqual(['Live', 'Starting soon', 'Backup', SCENE]);
    await expect.poll(() => ui.sourceNames(), { timeout: stepMs() }).toEqual(['Box']);
    await editor.control('Select Box').click();
    expect(Number(await editor.field('Box', /^X /).inputValue())).toBeCloseTo(kept.x, 2);
    expect(Number(await editor.field('Box', /^Rotation/).inputValue())).toBe(90);
    const unnamed = await ui.page.locator('aside button, aside input, aside select, aside textarea, [role="application"]').evaluateAll((els) =>
      els
        .filter((el) => {
          const labelled = el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.[0]?.textContent?.trim() || (el.tagName === 'BUTTON' && el.textContent?.trim());
          return !labelled;
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unnamed).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
