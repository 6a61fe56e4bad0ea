/**
 * The app's own pages and where they come from. Pages are served by a custom
 * `app://` scheme (main/app/app-protocol.ts), not file:// (Electron security
 * checklist, item 18): each page then has a real origin that permission, IPC and
 * navigation checks can compare, and file:// privileges are never needed.
 *
 * Pure: no electron import, so every check built on it is unit-tested in Node.
 */
export const APP_SCHEME = 'app';

/** One host per page: the studio UI, and the screen/window picker (which gets no studio API). */
export const APP_HOSTS = { studio: 'onair', picker: 'picker' } as const;
export type AppPage = keyof typeof APP_HOSTS;

export function appOrigin(page: AppPage): string {
  return `${APP_SCHEME}://${APP_HOSTS[page]}`;
}

export function appPageUrl(page: AppPage): string {
  return `${appOrigin(page)}/index.html`;
}

/**
 * "scheme://host[:port]" of a URL, or null when it has none we can trust.
 * WHATWG URL gives the opaque origin "null" for non-special schemes such as
 * app://, so the origin is assembled from its parts. URLs carrying credentials
 * are refused outright: nothing of ours has them, and they are a classic way to
 * make "https://trusted@evil" look trusted.
 */
export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password || !parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/** True when the URL is one of the given page's own (same scheme and host; port never set for app://). */
export function isAppUrl(url: string | null | undefined, page: AppPage): boolean {
  return originOf(url) === appOrigin(page);
}

/** The page an app URL belongs to, or null for anything else. */
export function appPageOf(url: string | null | undefined): AppPage | null {
  const origin = originOf(url);
  for (const page of Object.keys(APP_HOSTS) as AppPage[]) if (origin === appOrigin(page)) return page;
  return null;
}
