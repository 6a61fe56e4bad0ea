/** The audio mixer dock: meters by their accessible names, and each strip's mute. */
import type { Locator, Page } from 'playwright-core';

export class MixerDock {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByRole('region', { name: 'Audio mixer' });
  }

  /** Source names with a strip (the master aside), in order. */
  async stripNames(): Promise<string[]> {
    const labels = await this.root().getByRole('meter').evaluateAll((meters) => meters.map((m) => m.getAttribute('aria-label') ?? ''));
    return labels.filter((l) => l !== 'Master level').map((l) => l.replace(/ level$/, ''));
  }

  /** A meter's held peak in dB (aria-valuenow; -60 is the bar's floor, silence). */
  async meterDb(name: string): Promise<number> {
    return Number(await this.root().getByRole('meter', { name: `${name} level`, exact: true }).getAttribute('aria-valuenow'));
  }

  /** A strip's gain fader (a slider named "<source> volume", its value text in dB). */
  fader(name: string): Locator {
    return this.root().getByRole('slider', { name: `${name} volume`, exact: true });
  }

  muteButton(name: string): Locator {
    return this.root().getByRole('button', { name: `Mute ${name}`, exact: true });
  }

  /** Toggle mute and wait until the studio agrees (the button's pressed state follows the studio). */
  async setMuted(name: string, muted: boolean, timeoutMs: number): Promise<void> {
    const button = this.muteButton(name);
    if ((await button.getAttribute('aria-pressed')) !== String(muted)) await button.click({ timeout: timeoutMs });
    await this.root().getByRole('button', { name: `Mute ${name}`, exact: true, pressed: muted, disabled: false }).waitFor({ timeout: timeoutMs });
  }
}
