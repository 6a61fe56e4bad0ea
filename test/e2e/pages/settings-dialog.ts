/** The Settings dialog: its tabs, the add-destination form and the output profile. */
import type { Locator, Page } from 'playwright-core';

export class SettingsDialog {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByRole('dialog', { name: 'Settings' });
  }

  async tab(name: 'Destinations' | 'Output' | 'Remote control'): Promise<void> {
    await this.root().getByRole('tab', { name }).click();
  }

  addDestinationForm(): Locator {
    return this.root().getByRole('form', { name: 'Add a destination' });
  }

  /** Choose a service preset, type a server address, and submit. */
  async addDestination(service: string, serverUrl: string): Promise<void> {
    const form = this.addDestinationForm();
    await form.getByLabel('Service').selectOption({ label: service });
    await form.getByLabel('Server address').fill(serverUrl);
    await form.getByRole('button', { name: 'Add destination' }).click();
  }

  /** The error shown at the server address field of the add form. */
  serverUrlError(): Locator {
    return this.addDestinationForm().getByRole('alert');
  }

  profileField(label: RegExp): Locator {
    return this.root().getByRole('form', { name: 'Output profile' }).getByLabel(label);
  }

  async saveProfile(): Promise<void> {
    const form = this.root().getByRole('form', { name: 'Output profile' });
    await form.getByRole('button', { name: 'Save output settings' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  }

  async close(): Promise<void> {
    await this.root().getByRole('button', { name: 'Close settings' }).click();
    await this.root().waitFor({ state: 'hidden' });
  }
}
