/**
 * Turns an image or media source's `src` into something fetch() and <video> take:
 * URLs (data:, blob:, http(s):, file:) stay as they are; a file in the studio's
 * media library (`studio-media:<id>`, added in browser mode) is read from the
 * server that serves the page (/media/<id>); an absolute file path
 * (Electron) becomes a file:// URL with each path segment escaped (a '#' or '?'
 * in a file name must not end the path).
 */
import { MEDIA_HTTP_PATH, MEDIA_REF_PREFIX } from '../../preload/contract/media-library';

const URL_SCHEME = /^(data|blob|https?|file):/i;
const WINDOWS_DRIVE = /^[A-Za-z]:[\\/]/;

const escapeSegments = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export function sourceUrl(src: string): string {
  if (URL_SCHEME.test(src)) return src;
  if (src.startsWith(MEDIA_REF_PREFIX)) return `${MEDIA_HTTP_PATH}/${encodeURIComponent(src.slice(MEDIA_REF_PREFIX.length))}`;
  if (WINDOWS_DRIVE.test(src)) {
    const path = src.replace(/\\/g, '/');
    return `file:///${path.slice(0, 2)}${escapeSegments(path.slice(2))}`;
  }
  if (src.startsWith('/')) return `file://${escapeSegments(src)}`;
  return src;
}
