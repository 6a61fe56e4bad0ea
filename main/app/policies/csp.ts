/**
 * The Content-Security-Policy of each page (checklist item 7), sent as a response
 * header by the app:// protocol handler, so it holds before any of the page's
 * own bytes are parsed. Strict: scripts, styles, workers and fetches only from
 * the page's own origin; no eval, no inline script, nothing remote.
 *
 * What the studio page needs beyond 'self', and why:
 * - img-src data: blob:   image sources and snapshots the UI makes itself;
 * - media-src blob: mediastream:   camera/screen previews and media-file sources;
 * - worker-src blob:   the compositor worker may be started from a blob URL.
 * The picker shows desktopCapturer thumbnails, which arrive as data: URLs.
 */
import type { AppPage } from './app-origin';

type Directives = Record<string, readonly string[]>;

const COMMON: Directives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

const PAGE_DIRECTIVES: Record<AppPage, Directives> = {
  studio: {
    ...COMMON,
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:', 'mediastream:'],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
  },
  picker: { ...COMMON, 'img-src': ['data:'] },
};

export function contentSecurityPolicy(page: AppPage): string {
  return Object.entries(PAGE_DIRECTIVES[page])
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
