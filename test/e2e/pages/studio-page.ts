/**
 * The studio window, as a test drives it: by the labels and roles a streamer
 * (or a screen reader) sees, never by CSS classes, so a test that passes means
 * the controls are reachable by name.
 */
import type { Locator, Page } from 'playwright-core';
import { AddSourceForm } from './add-source-form';
import { MixerDock } from './mixer-dock';
import { Monitors } from './monitors';
import { SettingsDialog } from './settings-dialog';

export class StudioPage {
  readonly monitors: Monitors;
  readonly mixer: MixerDock;
  readonly addSource: AddSourceForm;

  constructor(readonly page: Page) {
    this.monitors = new Monitors(page);
    this.mixer = new MixerDock(page);
    this.addSource = new AddSourceForm(page);
  }

  /** The names in the Sources dock's list (top of the picture first). */
  async sourceNames(): Promise<string[]> {
    const boxes = this.page.getByRole('region', { name: /^Sources/ }).getByRole('checkbox', { name: /^Show / });
    const labels = await boxes.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    return labels.map((l) => l.replace(/^Show /, ''));
  }

  async open(url: string, timeoutMs: number): Promise<void> {
    await this.page.goto(url, { timeout: timeoutMs });
    // Connected and the state arrived: the scene list has rows.
    await this.sceneButtons().first().waitFor({ timeout: timeoutMs });
  }

  scenesList(): Locator {
    return this.page.getByRole('list', { name: 'Scenes', exact: true });
  }

  /** The buttons that select a scene (each row also has Rename, Duplicate, Move up/down and Remove). */
  sceneButtons(): Locator {
    return this.scenesList().getByRole('button', { name: /^(?!Rename |Remove |Duplicate |Move )/ });
  }

  /** Scene names in list order (a button is named "<scene>" or "<scene>, on program"). */
  async sceneNames(): Promise<string[]> {
    const labels = await this.sceneButtons().evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
    return labels.map((l) => l.replace(/, on (program|preview)$/, ''));
  }

  async clickScene(name: string): Promise<void> {
    await this.scenesList().getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}(,|$)`) }).click();
  }

  /** The studio-mode switch in the Controls dock. */
  studioModeSwitch(): Locator {
    return this.page.getByRole('region', { name: 'Controls' }).getByRole('checkbox', { name: /Studio mode/ });
  }

  /** The scene the preview monitor names (studio mode only). */
  previewScene(): Locator {
    return this.page.getByTestId('preview-scene');
  }

  /** The scene the program monitor names. */
  programScene(): Locator {
    return this.page.getByTestId('program-scene');
  }

  /** The scene button marked as on program (aria-pressed outside studio mode). */
  pressedScene(): Locator {
    return this.scenesList().getByRole('button', { pressed: true });
  }

  goLiveButton(): Locator {
    return this.page.getByRole('button', { name: 'Go Live' });
  }

  stopButton(): Locator {
    return this.page.getByRole('button', { name: 'Stop Streaming' });
  }

  /** Stop, answering the confirmation. */
  async stopStreaming(timeoutMs: number): Promise<void> {
    await this.stopButton().click({ timeout: timeoutMs });
    const dialog = this.page.getByRole('dialog', { name: 'Stop streaming' });
    await dialog.getByRole('button', { name: 'Stop streaming' }).click({ timeout: timeoutMs });
  }

  /** A destination's status chip (role status, named "<destination>: <state>"). */
  destinationChip(destinationName: string): Locator {
    return this.page.getByRole('list', { name: 'Destinations' }).getByRole('status', { name: new RegExp(`^${escapeRegExp(destinationName)}:`) });
  }

  watchLink(): Locator {
    return this.page.getByRole('link', { name: 'Watch page' });
  }

  /** The stats dock's rating ("Stream health: Good" ...). */
  healthRating(): Locator {
    return this.page.getByRole('status', { name: /^Stream health: / });
  }

  /** A value in the stats dock, by its term ("Encoder", "Frame rate"...). */
  async statsValue(term: string): Promise<string> {
    const stats = this.page.getByRole('region', { name: 'Stats' });
    return stats.getByText(term, { exact: true }).locator('xpath=following-sibling::dd[1]').innerText();
  }

  async openSettings(): Promise<SettingsDialog> {
    await this.page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = new SettingsDialog(this.page);
    await dialog.root().waitFor();
    return dialog;
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
