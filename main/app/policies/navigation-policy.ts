/**
 * Where a window may go (checklist items 13, 14, 15). Our windows never navigate
 * away from their own page and never open windows. A link the user clicks (the
 * watch page, a service's help page) opens in the system browser, but only when
 * it is a plain web URL: shell.openExternal hands a URL to the OS, and schemes
 * such as file:, smb: or a custom app scheme can run things.
 */
import { appOrigin, isAppUrl, originOf, type AppPage } from './app-origin';

/** Longest URL we hand to the OS; real links are far shorter. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;
const EXTERNAL_PROTOCOLS = new Set(['https:', 'http:']);
const REMOTE_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

export type NavigationDecision =
  | { action: 'allow' }
  /** `openExternally` is the checked URL to give the system browser, or null to drop it. */
  | { action: 'deny'; openExternally: string | null; reason: string };

/** A URL safe to give shell.openExternal, normalised; null when it is not. */
export function externalUrl(url: string): string | null {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol)) return null;
  if (parsed.username || parsed.password || !parsed.hostname) return null;
  return parsed.href;
}

/** will-navigate / will-redirect / will-frame-navigate: only the page's own URLs. */
export function navigationDecision(targetUrl: string, page: AppPage): NavigationDecision {
  if (isAppUrl(targetUrl, page)) return { action: 'allow' };
  const external = externalUrl(targetUrl);
  return {
    action: 'deny',
    openExternally: external,
    reason: external ? 'leaves the app: opened in the system browser instead' : `not ${appOrigin(page)} and not a web link (${originOf(targetUrl) ?? 'no origin'})`,
  };
}

/** setWindowOpenHandler: never a new Electron window; web links go to the system browser. */
export function windowOpenDecision(targetUrl: string): NavigationDecision & { action: 'deny' } {
  const external = externalUrl(targetUrl);
  return { action: 'deny', openExternally: external, reason: external ? 'opened in the system browser' : 'not a web link' };
}

/**
 * Requests our pages must never make ("no remote content"): the CSP already
 * forbids them; the session's request filter enforces it again below the page.
 */
export function isRemoteRequest(url: string): boolean {
  try {
    return REMOTE_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}
