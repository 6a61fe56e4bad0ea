/**
 * The Settings tabs for recording, the local origin, hotkeys, scenes (import
 * and export) and the encoder list, as a test drives them: by role and label.
 */
import type { Download, Locator, Page } from 'playwright-core';
import { escapeRegExp } from './studio-page';

export class SettingsTabs {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByRole('dialog', { name: 'Settings' });
  }

  async tab(name: 'Output' | 'Recording' | 'Local origin' | 'Hotkeys' | 'Scenes'): Promise<void> {
    await this.root().getByRole('tab', { name }).click();
  }

  // ---- Output: the encoder list ----

  encoderList(): Locator {
    return this.root().getByRole('group', { name: 'Encoder' });
  }

  encoderRadio(label: string | RegExp): Locator {
    return this.encoderList().getByRole('radio', { name: label });
  }

  /** An encoder's row: its radio, its name, and whether it works (with the reason). */
  encoderRow(name: string): Locator {
    // `has` is matched inside each div, so the radio is found from there, not from the dialog.
    return this.encoderList().locator('div').filter({ has: this.page.getByRole('radio', { name: `(${name})` }) });
  }

  probeProgress(): Locator {
    return this.encoderList().getByRole('status').filter({ hasText: 'Checking which encoders work' });
  }

  async checkEncodersAgain(): Promise<void> {
    await this.encoderList().getByRole('button', { name: 'Check again' }).click();
  }

  // ---- Recording ----

  recordingForm(): Locator {
    return this.root().getByRole('form', { name: 'Recording' });
  }

  recordingFolder(): Locator {
    return this.recordingForm().getByLabel('Recordings folder', { exact: true });
  }

  recordingFormat(): Locator {
    return this.recordingForm().getByLabel('Format', { exact: true });
  }

  /** The error the folder field announces (an alert it is described by), or null. */
  recordingFolderError(): Promise<string | null> {
    return this.fieldError(this.recordingFolder());
  }

  /** The alert a field is described by (its error), or null. */
  private async fieldError(field: Locator): Promise<string | null> {
    const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
    for (const id of ids) {
      const alert = this.page.locator(`[id="${id}"][role="alert"]`);
      if ((await alert.count()) > 0) return alert.textContent();
    }
    return null;
  }

  recordingExample(): Locator {
    return this.recordingForm().getByTestId('recording-example');
  }

  async saveRecording(): Promise<void> {
    await this.recordingForm().getByRole('button', { name: 'Save recording settings' }).click();
  }

  recordingStatus(): Locator {
    return this.recordingForm().getByRole('status');
  }

  // ---- Local origin ----

  watchLinkNow(): Locator {
    return this.root().getByTestId('watch-link-now');
  }

  originPort(): Locator {
    return this.root().getByRole('form', { name: 'Local origin' }).getByRole('spinbutton', { name: 'Port' });
  }

  originPortError(): Promise<string | null> {
    return this.fieldError(this.originPort());
  }

  // ---- Hotkeys ----

  hotkeyKeys(actionLabel: string): Locator {
    return this.root().getByRole('list', { name: 'Hotkeys' }).getByLabel(`${actionLabel}:`, { exact: false });
  }

  /** Change, then press `keys` (Playwright's syntax: "Alt+KeyK"). */
  async rebind(actionLabel: string, keys: string): Promise<void> {
    await this.root().getByRole('button', { name: `Change the hotkey for ${actionLabel}` }).click();
    await this.root().getByRole('button', { name: new RegExp(`^Press the new keys for ${escapeRegExp(actionLabel)}`) }).waitFor();
    await this.page.keyboard.press(keys);
  }

  hotkeyProblem(): Locator {
    return this.root().getByRole('list', { name: 'Hotkeys' }).getByRole('alert');
  }

  // ---- Scenes ----

  async exportScenes(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.root().getByRole('button', { name: 'Export scenes to a file' }).click();
    return download;
  }

  /** Pick a file, then answer the "Replace your scenes" question. */
  async importScenes(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.root().getByLabel('Import scenes from a file').setInputFiles(file);
    const confirm = this.page.getByRole('dialog', { name: 'Replace your scenes' });
    await confirm.getByRole('button', { name: 'Replace scenes' }).click();
  }

  scenesStatus(): Locator {
    return this.root().getByRole('tabpanel').getByRole('status');
  }

  scenesError(): Locator {
    return this.root().getByRole('tabpanel').getByRole('alert');
  }

  async close(): Promise<void> {
    await this.root().getByRole('button', { name: 'Close settings' }).click();
    await this.root().waitFor({ state: 'hidden' });
  }
}

