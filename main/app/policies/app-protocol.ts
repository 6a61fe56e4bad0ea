/**
 * What the app:// protocol serves: a request URL becomes a file under the
 * page's build folder, or a refusal. Pure (paths in, decision out) so that the
 * traversal rules are tested: a request can never name a file outside its page's
 * folder, whatever dots, encodings or separators it carries.
 */
import path from 'node:path';
import { APP_HOSTS, APP_SCHEME, type AppPage } from './app-origin';
import { contentSecurityPolicy } from './csp';
import { contentTypeFor } from '../../remote/content-types';

export type PageRoots = Readonly<Record<AppPage, string>>;

export type AssetDecision =
  | { ok: true; page: AppPage; filePath: string; contentType: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

export function resolveAppAsset(url: string, roots: PageRoots, paths: path.PlatformPath = path): AssetDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return { ok: false, status: 400, reason: `not an ${APP_SCHEME}: URL` };
  const page = (Object.keys(APP_HOSTS) as AppPage[]).find((p) => APP_HOSTS[p] === parsed.hostname);
  if (!page || parsed.port || parsed.username || parsed.password) return { ok: false, status: 404, reason: `unknown app host "${parsed.host}"` };

  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  // Backslashes are separators on Windows and NUL ends strings in C: neither belongs in our asset names.
  if (relative.includes('\\') || relative.includes('\0')) return { ok: false, status: 400, reason: 'forbidden character in path' };
  if (relative === '/' || relative === '') relative = '/index.html';
  const segments = relative.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { ok: false, status: 403, reason: 'path leaves the page folder' };

  const root = paths.resolve(roots[page]);
  const filePath = paths.resolve(root, ...segments);
  if (filePath !== root && !filePath.startsWith(root + paths.sep)) return { ok: false, status: 403, reason: 'path leaves the page folder' };
  return { ok: true, page, filePath, contentType: contentTypeFor(paths.extname(filePath)) };
}

/**
 * Headers on every app:// response. COOP + COEP make the page cross-origin
 * isolated (SharedArrayBuffer for the compositor and audio worklet), which is
 * free here because everything it loads is its own.
 */
export function appResponseHeaders(page: AppPage, contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy(page),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}
