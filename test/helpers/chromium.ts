/**
 * Debian's Chromium as the e2e tests drive it: headless through playwright-core
 * (never a downloaded browser), a fake camera and microphone that need no
 * permission prompt, and media that starts without a click. Plus the page
 * errors a test asserts are empty at the end.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // A fake camera (a moving test pattern at 30 fps) and microphone (a beeping tone), allowed without asking.
  '--use-fake-device-for-media-stream=fps=30',
  '--use-fake-ui-for-media-stream',
  // Pages (and the watch page's player) play sound without a click: no test clicks first.
  '--autoplay-policy=no-user-gesture-required',
];

export function launchChromium(timeoutMs: number): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], timeout: timeoutMs });
}

/** Appends the page's uncaught exceptions and console errors to `errors` as they happen. */
export function collectPageErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
}
