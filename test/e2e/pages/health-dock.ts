/** The Stats dock's health parts: the bitrate chart's legend (one entry per destination, with how many points its line has). */
import type { Locator, Page } from 'playwright-core';

export class HealthDock {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByRole('region', { name: 'Stats' });
  }

  chart(): Locator {
    return this.root().getByRole('img', { name: /^Bitrate over the last/ });
  }

  /** Points drawn per destination id, from the chart's legend. */
  async points(): Promise<Record<string, number>> {
    const entries = this.root().getByRole('list', { name: 'Bitrate per destination' }).getByRole('listitem');
    const pairs = await entries.evaluateAll((items) => items.map((li) => [li.getAttribute('data-series-id') ?? '', Number(li.getAttribute('data-points'))] as const));
    return Object.fromEntries(pairs);
  }

  /** The chart's plot has been drawn (uPlot's canvas exists and has a size). */
  async drawn(): Promise<boolean> {
    return this.chart().locator('canvas').first().evaluate((c: HTMLCanvasElement) => c.width > 0 && c.height > 0);
  }
}
