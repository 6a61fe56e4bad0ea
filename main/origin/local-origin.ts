/**
 * LocalOrigin: the studio's built-in destination. A small node:http server that
 * serves the local HLS output's folder (playlist + segments) and a /watch page
 * that plays it, so a viewer, a second screen or a CDN can pull the stream from
 * the studio machine itself.
 *
 * Routes (only GET, HEAD and OPTIONS; anything else is 405):
 *   GET /                         -> 302 /watch
 *   GET /watch                    -> the watch page (watch-page.ts)
 *   GET /watch/watch.js           -> its script
 *   GET /watch/hls.min.js         -> hls.js from node_modules (404 when not installed)
 *   GET /live/index.m3u8          -> the playlist, cached for less than a segment; 404 while not live
 *   GET /live/segment_NNNNNN.ts   -> a finished segment, cached for good
 *   OPTIONS *                     -> 204 CORS preflight
 * Paths are matched as raw text, never decoded or normalised, so `..`, `%2e%2e`
 * and any other spelling of a different file simply match no route.
 *
 * Lifecycle: constructed -> start() (listening) -> stop(). setHlsDir() may be
 * called at any time: the studio points it at each broadcast's HLS folder.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Logger } from '../engine/logger';
import { openSegment, readPlaylist } from './hls-files';
import { HLS_JS_PATH, PLAYLIST_PATH, WATCH_CSP, WATCH_PATH, WATCH_SCRIPT, WATCH_SCRIPT_PATH, watchPageHtml } from './watch-page';

export const DEFAULT_HOST = '127.0.0.1';
export const LAN_HOST = '0.0.0.0';
/** The CLI's and the studio's HLS segment length. */
export const DEFAULT_SEGMENT_S = 2;
/** A segment never changes once written (its name is its sequence number). */
export const SEGMENT_MAX_AGE_S = 31_536_000;
/** The watch page's own files change only with the app; a short cache keeps reloads quick. */
const PAGE_ASSET_MAX_AGE_S = 60;
/** Browsers may reuse a preflight answer this long. */
const PREFLIGHT_MAX_AGE_S = 86_400;
const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';
const NOT_LIVE_BODY = 'not live yet: the studio is not broadcasting\n';
const SEGMENT_PREFIX = '/live/';

const CORS_HEADERS: OutgoingHttpHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Content-Length, ETag, Last-Modified',
};
/** Sent with every response: nothing here is meant to be sniffed or framed. */
const BASE_HEADERS: OutgoingHttpHeaders = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

/**
 * Players reload a live playlist about once a segment; a cache (browser or CDN)
 * may keep it for less than that, so nobody falls a segment behind.
 */
export function playlistMaxAgeS(segmentSeconds: number): number {
  return Math.max(1, Math.floor(segmentSeconds / 2));
}

export interface LocalOriginOptions {
  /** Default 127.0.0.1; ignored when `lan` is on. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The folder the HLS output writes; null while nothing is broadcasting. */
  hlsDir?: string | null;
  segmentSeconds?: number;
  /** Bind every interface (0.0.0.0) and advertise the machine's LAN address. */
  lan?: boolean;
  /** hls.min.js to serve; default: resolved from the hls.js package. null: serve none (native HLS only). */
  hlsJsFile?: string | null;
  logger?: Logger;
}

export interface LocalOriginAddress {
  /** The playlist URL, for players and CDNs. */
  url: string;
  /** The watch page a viewer opens in a browser. */
  watchUrl: string;
  port: number;
}

export class LocalOrigin {
  private readonly server: Server;
  private hlsDir: string | null;
  private readonly segmentSeconds: number;
  private hlsJs: Buffer | null = null;
  private address: LocalOriginAddress | null = null;

  constructor(private readonly options: LocalOriginOptions = {}) {
    this.hlsDir = options.hlsDir ?? null;
    this.segmentSeconds = options.segmentSeconds ?? DEFAULT_SEGMENT_S;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => this.fail(res, err));
    });
  }

  async start(): Promise<LocalOriginAddress> {
    if (this.address) return this.address;
    this.hlsJs = await this.loadHlsJs();
    const host = this.options.lan ? LAN_HOST : (this.options.host ?? DEFAULT_HOST);
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const port = (this.server.address() as AddressInfo).port;
    const publicHost = this.options.lan ? (lanAddress() ?? DEFAULT_HOST) : host;
    const base = `http://${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${port}`;
    this.address = { url: `${base}${PLAYLIST_PATH}`, watchUrl: `${base}${WATCH_PATH}`, port };
    this.options.logger?.info(`serving ${this.hlsDir ?? '(no HLS folder yet)'} at ${this.address.url}; watch page ${this.address.watchUrl}`);
    return this.address;
  }

  /** Stops listening and drops open connections (a player keeps its connection alive). */
  async stop(): Promise<void> {
    if (!this.address) return;
    this.address = null;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  setHlsDir(dir: string | null): void {
    this.hlsDir = dir;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? '';
    const path = (req.url ?? '').split('?', 1)[0] ?? '';
    if (method === 'OPTIONS') return this.preflight(res);
    if (method !== 'GET' && method !== 'HEAD') {
      return send(res, 405, { Allow: ALLOWED_METHODS, ...CORS_HEADERS, ...textHeaders() }, `method ${method} is not allowed: use GET or HEAD\n`, false);
    }
    const head = method === 'HEAD';
    if (path === '/') return send(res, 302, { Location: WATCH_PATH, ...textHeaders() }, `see ${WATCH_PATH}\n`, head);
    if (path === WATCH_PATH) return this.watchPage(res, head);
    if (path === WATCH_SCRIPT_PATH) return send(res, 200, assetHeaders('text/javascript; charset=utf-8'), WATCH_SCRIPT, head);
    if (path === HLS_JS_PATH && this.hlsJs) return send(res, 200, assetHeaders('text/javascript; charset=utf-8'), this.hlsJs, head);
    if (path === PLAYLIST_PATH) return this.playlist(res, head);
    if (path.startsWith(SEGMENT_PREFIX)) return this.segment(req, res, path.slice(SEGMENT_PREFIX.length), head);
    return send(res, 404, textHeaders(), 'not found\n', head);
  }

  private preflight(res: ServerResponse): void {
    send(res, 204, {
      ...CORS_HEADERS,
      'Access-Control-Allow-Methods': ALLOWED_METHODS,
      'Access-Control-Allow-Headers': 'Range, If-None-Match, If-Modified-Since',
      'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_S),
    }, undefined, true);
  }

  private watchPage(res: ServerResponse, head: boolean): void {
    send(res, 200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': WATCH_CSP,
      // The page is tiny and says which player it uses; always fetch it fresh.
      'Cache-Control': 'no-cache',
    }, watchPageHtml({ hlsJs: this.hlsJs !== null }), head);
  }

  private async playlist(res: ServerResponse, head: boolean): Promise<void> {
    const read = await readPlaylist(this.hlsDir, this.segmentSeconds);
    if (read.state === 'offline') return send(res, 404, { ...CORS_HEADERS, ...textHeaders() }, NOT_LIVE_BODY, head);
    send(res, 200, {
      ...CORS_HEADERS,
      'Content-Type': 'application/vnd.apple.mpegurl',
      'Cache-Control': `max-age=${playlistMaxAgeS(this.segmentSeconds)}`,
      'Last-Modified': read.modified.toUTCString(),
    }, read.body, head);
  }

  private async segment(req: IncomingMessage, res: ServerResponse, name: string, head: boolean): Promise<void> {
    const segment = await openSegment(this.hlsDir, name);
    if (!segment) return send(res, 404, { ...CORS_HEADERS, ...textHeaders() }, 'no such segment\n', head);
    const headers: OutgoingHttpHeaders = {
      ...CORS_HEADERS,
      'Cache-Control': `public, max-age=${SEGMENT_MAX_AGE_S}, immutable`,
      ETag: segment.etag,
      'Last-Modified': segment.modified.toUTCString(),
    };
    if (notModified(req, segment.etag, segment.modified)) {
      await segment.handle.close();
      return send(res, 304, headers, undefined, true);
    }
    const full = { ...headers, 'Content-Type': 'video/mp2t', 'Content-Length': String(segment.size) };
    if (head || segment.size === 0) {
      await segment.handle.close();
      return send(res, 200, full, undefined, true);
    }
    res.writeHead(200, { ...BASE_HEADERS, ...full });
    // Only the bytes stat saw: ffmpeg never appends to a renamed segment, but a Content-Length must hold.
    // autoClose: the stream closes the handle when done, on error, or when the viewer goes away.
    const body = segment.handle.createReadStream({ start: 0, end: segment.size - 1 });
    body.on('error', (err) => {
      this.options.logger?.warn(`reading segment ${name} failed: ${err.message}`);
      res.destroy(err);
    });
    res.on('close', () => body.destroy());
    body.pipe(res);
  }

  private fail(res: ServerResponse, err: unknown): void {
    this.options.logger?.error(`request failed: ${err instanceof Error ? err.message : String(err)}`);
    if (res.headersSent) res.destroy();
    else send(res, 500, textHeaders(), 'internal error\n', false);
  }

  private async loadHlsJs(): Promise<Buffer | null> {
    const file = this.options.hlsJsFile === undefined ? resolveHlsJs() : this.options.hlsJsFile;
    if (file === null) return null;
    try {
      return await readFile(file);
    } catch (err) {
      this.options.logger?.warn(`hls.js could not be read (${(err as Error).message}); the watch page falls back to native HLS`);
      return null;
    }
  }
}

/** hls.min.js inside the installed hls.js package, or null when it is not installed. */
export function resolveHlsJs(): string | null {
  try {
    return createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js');
  } catch {
    return null;
  }
}

/** The first non-internal IPv4 address: what another device on the LAN can reach. */
export function lanAddress(interfaces = networkInterfaces()): string | null {
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      // Node 18.0-18.3 reported family as the number 4.
      const v4 = info.family === 'IPv4' || (info.family as unknown) === 4;
      if (v4 && !info.internal) return info.address;
    }
  }
  return null;
}

function notModified(req: IncomingMessage, etag: string, modified: Date): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  // HTTP dates have whole seconds.
  return Number.isFinite(since) && Math.floor(modified.getTime() / 1000) * 1000 <= since;
}

function textHeaders(): OutgoingHttpHeaders {
  // Errors and redirects change with the stream's state: never cache them.
  return { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
}

function assetHeaders(contentType: string): OutgoingHttpHeaders {
  return { 'Content-Type': contentType, 'Cache-Control': `public, max-age=${PAGE_ASSET_MAX_AGE_S}` };
}

function send(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: string | Buffer | undefined, head: boolean): void {
  const bytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const length = status === 204 || status === 304 ? {} : { 'Content-Length': String(bytes?.length ?? 0) };
  res.writeHead(status, { ...BASE_HEADERS, ...length, ...headers });
  res.end(head ? undefined : bytes);
}
