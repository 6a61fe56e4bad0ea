/**
 * Browser mode's media library over HTTP, beside the UI it serves:
 *   POST /media?name=clip.mp4   the file's bytes as the body, with
 *                               `Authorization: Bearer <session token>`;
 *                               answers {"src":"studio-media:<id>"}
 *   GET|HEAD /media/<id>        the file, with single byte ranges (a <video>
 *                               seeks and loops with them)
 * Adding needs the session token and the studio's own origin, like the bridge.
 * Reading needs neither: <img> and <video> cannot send a token, and an id is the
 * SHA-256 of the file, which no one can guess without having the file.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import type { Logger } from '../engine/logger';
import { MediaLibraryError, type MediaLibrary } from '../studio/media/media-library';
import { MEDIA_HTTP_PATH } from '../../preload/contract/media-library';
import { byteRange } from './byte-range';
import { contentTypeFor } from './content-types';
import { isAllowedOrigin, tokenMatches } from './ws-guard';

const MEDIA_PATH = MEDIA_HTTP_PATH;

export interface MediaRoutesOptions {
  library: MediaLibrary;
  token: string;
  allowedOrigins: () => string[];
  logger: Logger;
}

/** Handles the request when it is for /media (and returns true); leaves every other path alone. */
export function createMediaRoutes(options: MediaRoutesOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== MEDIA_PATH && !url.pathname.startsWith(`${MEDIA_PATH}/`)) return false;
    try {
      if (req.method === 'POST' && url.pathname === MEDIA_PATH) await add(req, res, url, options);
      else if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname.startsWith(`${MEDIA_PATH}/`)) await serve(req, res, decodeURIComponent(url.pathname.slice(MEDIA_PATH.length + 1)), options.library);
      else answer(res, 405, { error: 'Use POST /media to add a file and GET /media/<id> to read one.' }, { Allow: 'GET, HEAD, POST' });
    } catch (err) {
      if (err instanceof MediaLibraryError) answer(res, err.status, { error: err.message });
      else {
        options.logger.warn(`media: ${(err as Error).message}`);
        if (!res.headersSent) answer(res, 500, { error: 'The studio could not store the file; the log has the details.' });
        else res.destroy();
      }
    }
    return true;
  };
}

async function add(req: IncomingMessage, res: ServerResponse, url: URL, options: MediaRoutesOptions): Promise<void> {
  if (!isAllowedOrigin(req.headers.origin, options.allowedOrigins())) return answer(res, 403, { error: `Only the studio's own page may add files (this request came from ${req.headers.origin ?? 'no page'}).` });
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!tokenMatches(given, options.token)) return answer(res, 401, { error: 'The studio did not accept this window (missing or wrong token): open the studio from the URL it printed.' });
  const name = url.searchParams.get('name') ?? '';
  if (name === '') return answer(res, 400, { error: 'name the file: POST /media?name=<file name>' });
  const src = await options.library.add(req, name);
  answer(res, 201, { src });
}

async function serve(req: IncomingMessage, res: ServerResponse, id: string, library: MediaLibrary): Promise<void> {
  const { path, size } = await library.file(id);
  const headers = {
    'Content-Type': contentTypeFor(extname(id)),
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
    // The id is the file's hash: its bytes never change.
    'Cache-Control': 'private, max-age=31536000, immutable',
  };
  const range = byteRange(req.headers.range, size);
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` }).end();
    return;
  }
  const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, size - 1];
  res.writeHead(range.kind === 'part' ? 206 : 200, {
    ...headers,
    'Content-Length': end - start + 1,
    ...(range.kind === 'part' ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  createReadStream(path, { start, end }).on('error', () => res.destroy()).pipe(res);
}

function answer(res: ServerResponse, status: number, body: object, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra }).end(JSON.stringify(body));
}
