/** The local origin's watch page; it exposes its player state as window.__watch. */
import type { Page } from 'playwright-core';

export class WatchPage {
  constructor(readonly page: Page) {}

  async open(url: string, timeoutMs: number): Promise<void> {
    await this.page.goto(url, { timeout: timeoutMs });
  }

  /** Waits until the player has played more than `seconds` of the stream. */
  async waitPlayed(seconds: number, timeoutMs: number): Promise<number> {
    const handle = await this.page.waitForFunction(
      (s) => {
        const w = (window as unknown as { __watch?: { playedS: number } }).__watch;
        return w !== undefined && w.playedS > s ? w.playedS : false;
      },
      seconds,
      { timeout: timeoutMs, polling: 250 },
    );
    return (await handle.jsonValue()) as number;
  }
}
