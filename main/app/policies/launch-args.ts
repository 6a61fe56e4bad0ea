/**
 * What a launch asks for, from its command line (Windows and Linux: a second
 * launch hands its argv to the first through the single-instance lock) or from
 * macOS's open-file / open-url events:
 * - an exported scene collection (*.onairscenes, the file association) to import;
 * - an onair:// link (the protocol handler): onair://open brings the studio to
 *   the front; onair://import?file=/abs/path.onairscenes imports that file.
 * Every import is confirmed by the user before it replaces their scenes: a web
 * page can launch an onair:// link, so a link alone must never change anything.
 */
import path from 'node:path';

export const PROTOCOL_SCHEME = 'onair';
export const COLLECTION_EXTENSION = '.onairscenes';

export type LaunchRequest = { kind: 'focus' } | { kind: 'import'; file: string };

export function parseProtocolUrl(url: string, platform: NodeJS.Platform = process.platform): LaunchRequest | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${PROTOCOL_SCHEME}:`) return null;
  // onair://open and onair:open both name the action "open".
  const action = (parsed.host || parsed.pathname).replace(/^\/+|\/+$/g, '');
  if (action === 'open' || action === '') return { kind: 'focus' };
  if (action === 'import') {
    const file = parsed.searchParams.get('file');
    return file && isCollectionFile(file, platform) ? { kind: 'import', file } : null;
  }
  return null;
}

/** An absolute path to a scene-collection file (relative paths have no meaning across processes). */
export function isCollectionFile(file: string, platform: NodeJS.Platform = process.platform): boolean {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  return paths.isAbsolute(file) && file.toLowerCase().endsWith(COLLECTION_EXTENSION) && !file.includes('\0');
}

/**
 * Requests in a command line. The executable and Chromium's switches are
 * skipped; relative file arguments are resolved against the launching
 * process's working directory.
 */
export function launchRequests(argv: readonly string[], workingDirectory: string, platform: NodeJS.Platform = process.platform): LaunchRequest[] {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const requests: LaunchRequest[] = [];
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (arg.toLowerCase().startsWith(`${PROTOCOL_SCHEME}:`)) {
      const request = parseProtocolUrl(arg, platform);
      if (request) requests.push(request);
      continue;
    }
    if (arg.toLowerCase().endsWith(COLLECTION_EXTENSION)) {
      const file = paths.resolve(workingDirectory, arg);
      if (isCollectionFile(file, platform)) requests.push({ kind: 'import', file });
    }
  }
  return requests;
}
