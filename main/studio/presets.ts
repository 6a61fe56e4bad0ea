/**
 * Streaming-service presets (resources/presets/services.json) and the one place
 * that turns a destination's server URL and stream key into the URL the engine
 * publishes to.
 *
 * Where the preset values come from:
 * - Twitch: the ingest and recommended maximum (6000 kb/s, 2 s keyframes) that
 *   OBS's rtmp-services list carries for Twitch; "live.twitch.tv" picks the
 *   nearest server by itself.
 * - YouTube: servers and backup as OBS lists them (RTMPS first: the key is not
 *   sent in clear); 12000 kb/s for 1080p60 H.264 from YouTube's "live encoder
 *   settings" table (1080p30: 10000).
 * - Facebook Live: the server Live Producer shows; maxima from Facebook's
 *   bitrate matrix as OBS carries it (1080p60, 9000 kb/s).
 * - Kick: its ingest URL differs per channel and could not be confirmed from a
 *   documentation source, so the list is empty and keyHelp sends the user to
 *   the dashboard. Kick runs on Amazon IVS (its ingest hosts are IVS's), so the
 *   limits are IVS's standard-channel ones, rounded down (8000 kb/s, 1080p60).
 * - Custom RTMP, SRT, HLS push: no servers; generous limits (nothing to recommend).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Destination } from '../../preload/contract/model';
import { PresetSchema, type Preset } from '../../preload/contract/methods';
import { StudioError } from '../../preload/contract/errors';
import { formatZodError } from './persistence/zod-error';

/** The presets file, relative to the resources folder. */
export const PRESETS_FILE = path.join('presets', 'services.json');
/** The placeholder an HLS push URL uses for the stream key. */
export const KEY_PLACEHOLDER = '{key}';

const PresetsFileSchema = z.strictObject({ presets: z.array(PresetSchema) }).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.presets.forEach((preset, i) => {
    if (seen.has(preset.id)) ctx.addIssue({ code: 'custom', path: ['presets', i, 'id'], message: `the id "${preset.id}" is used twice` });
    seen.add(preset.id);
  });
});

/** The app's resources folder: `resources/` under the app root (injected: it differs when packaged). */
export function resourcesDir(appRoot: string): string {
  return path.join(appRoot, 'resources');
}

/**
 * Reads and validates the presets. The file ships with the app, so a missing or
 * invalid one is a packaging fault: INTERNAL, with the path and the problem.
 */
export async function loadPresets(resourcesFolder: string): Promise<Preset[]> {
  const file = path.join(resourcesFolder, PRESETS_FILE);
  const broken = (detail: string) => new StudioError('INTERNAL', 'The list of streaming services could not be read: reinstalling OnAir Studio should fix it.', `${file}: ${detail}`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw broken(err instanceof Error ? err.message : String(err));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw broken(err instanceof Error ? err.message : String(err));
  }
  const parsed = PresetsFileSchema.safeParse(json);
  if (!parsed.success) throw broken(formatZodError(parsed.error));
  return parsed.data.presets;
}

/**
 * The URL the engine publishes to, from a destination's server URL and its key.
 * - rtmp(s): `server/key`. A query on the server (YouTube's backup `?backup=1`)
 *   stays after the key, where the service reads it. The key goes in as given:
 *   RTMP stream names are not URL-decoded, and keys like Facebook's carry their
 *   own `?s_bl=...` that must arrive intact.
 * - srt: the key becomes the `streamid` query parameter, percent-encoded (ffmpeg
 *   decodes it; SRT access-control ids hold `#`, `,` and `=`), unless the URL
 *   already has a streamid.
 * - hls-put: the key replaces `{key}` (percent-encoded, as it is a path segment
 *   or query value); without `{key}` the key is not used.
 * - local: the built-in origin takes no URL; the server URL comes back as is.
 * A missing or blank key leaves the server URL unchanged (the key may already
 * be in it), except for an HLS URL that asks for one.
 */
export function buildDestinationUrl(destination: Pick<Destination, 'kind' | 'serverUrl'>, streamKey: string | null): string {
  const server = destination.serverUrl.trim();
  const key = streamKey?.trim() ?? '';
  switch (destination.kind) {
    case 'local':
      return server;
    case 'rtmp':
      return key === '' ? server : rtmpUrl(server, key);
    case 'srt':
      return key === '' || hasQueryParam(server, 'streamid') ? server : withQueryParam(server, 'streamid', encodeURIComponent(key));
    case 'hls-put':
      if (!server.includes(KEY_PLACEHOLDER)) return server;
      if (key === '') {
        throw new StudioError('BAD_REQUEST', 'This destination\'s URL has a place for the stream key ({key}), but no key is saved: add the key or remove {key} from the URL.', `serverUrl=${server}`);
      }
      return server.replaceAll(KEY_PLACEHOLDER, encodeURIComponent(key));
  }
}

function rtmpUrl(server: string, key: string): string {
  const [base, query] = splitQuery(server);
  const withKey = `${base.replace(/\/+$/, '')}/${key.replace(/^\/+/, '')}`;
  if (query === undefined) return withKey;
  // A key with its own query (Facebook's) keeps it; the server's parameters follow.
  return `${withKey}${withKey.includes('?') ? '&' : '?'}${query}`;
}

/** ['rtmp://h/app', 'backup=1'] for 'rtmp://h/app?backup=1'; the query is undefined when there is none. */
function splitQuery(url: string): [string, string | undefined] {
  const at = url.indexOf('?');
  return at === -1 ? [url, undefined] : [url.slice(0, at), url.slice(at + 1)];
}

function hasQueryParam(url: string, name: string): boolean {
  const [, query] = splitQuery(url);
  return query !== undefined && query.split('&').some((pair) => pair.split('=')[0] === name);
}

function withQueryParam(url: string, name: string, encodedValue: string): string {
  const [, query] = splitQuery(url);
  const separator = query === undefined ? '?' : query === '' ? '' : '&';
  return `${url}${separator}${name}=${encodedValue}`;
}
