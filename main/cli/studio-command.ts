/**
 * `onair studio` (= `npm run studio`): browser mode. Starts the engine and the
 * Studio, serves the UI and its WebSocket bridge on 127.0.0.1, the local origin's
 * watch page, and obs-websocket remote control; prints (and opens) a URL with a
 * fresh token. With no browser connected it runs headless: remote control works
 * and going live sends the slate.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from '../engine/logger';
import { locateFfmpeg } from '../engine/probe';
import type { ProcessRegistry } from '../engine/process/process-registry';
import type { SecretRegistry } from '../engine/redact';
import { BridgeServer } from '../remote/bridge/bridge-server';
import { startRemoteControl, type RemoteControl } from '../remote/remote-control';
import { createMediaRoutes } from '../remote/media-routes';
import { createUiHandler } from '../remote/ui-server';
import { MediaLibrary, mediaIdsIn, mediaIdsInCollectionFiles } from '../studio/media/media-library';
import { COLLECTION_FILE } from '../studio/studio-stores';
import { resolveDataDir } from '../studio/persistence/data-dir';
import { createSecretStore } from '../studio/secrets/secret-store';
import { Studio } from '../studio/studio';
import { requestMedia } from '../studio/studio-broadcast';
import { cacheDir } from './cache-dir';
import type { CliIo } from './cli-io';
import { UsageError } from './broadcast-args';

export const STUDIO_USAGE = `Usage: onair studio [--port N] [--no-open] [--data-dir DIR] [--remote-port N] [--remote-password PW] [--ui DIR]

  --port N             port of the studio UI on 127.0.0.1 (default 7420; 0 = any free port)
  --no-open            do not open a browser (headless: control it remotely, or open the URL yourself)
  --data-dir DIR       where scenes, settings and keys are kept (default: ONAIR_DATA_DIR or the OS config folder)
  --remote-port N      obs-websocket port for Stream Deck, Companion... (default from settings: 4455)
  --remote-password PW use this obs-websocket password instead of the stored one
  --ui DIR             serve the UI from DIR (default: the built UI in dist/renderer)`;

export const DEFAULT_UI_PORT = 7420;
const TOKEN_BYTES = 24;

export interface StudioCommandDeps {
  io: CliIo;
  logger: Logger;
  registry: ProcessRegistry;
  secrets: SecretRegistry;
  interrupted: Promise<void>;
  /** The package root (for dist/renderer and resources/). */
  appRoot: string;
}

export async function studioCommand(argv: string[], deps: StudioCommandDeps): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        'data-dir': { type: 'string' },
        'remote-port': { type: 'string' },
        'remote-password': { type: 'string' },
        ui: { type: 'string' },
      },
    }).values;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${STUDIO_USAGE}`);
  }
  const port = values.port === undefined ? DEFAULT_UI_PORT : portNumber('--port', values.port, true);
  const remotePort = values['remote-port'] === undefined ? null : portNumber('--remote-port', values['remote-port'], false);
  if (values['remote-password']) deps.secrets.add(values['remote-password']);

  const { io, logger } = deps;
  const dataDir = resolveDataDir({ flag: values['data-dir'] });
  const storeLogger = { warn: (m: string) => logger.warn(m), info: (m: string) => logger.info(m) };
  const located = locateFfmpeg();
  const { studio, problems } = await Studio.open({
    dataDir,
    resourcesDir: join(deps.appRoot, 'resources'),
    videosDir: join(homedir(), 'Videos'),
    logger: logger.child('studio'),
    registry: deps.registry,
    redactor: deps.secrets,
    secrets: createSecretStore(dataDir, undefined, { logger: storeLogger }),
    ffmpegPath: located.ffmpegPath,
    probeCacheDir: cacheDir(),
  });
  for (const p of problems) io.err(`warning: ${p}`);
  // What the UI would show as notices, the terminal shows too (a headless studio has no other voice).
  studio.on('notice', (n) => io.err(`${n.level}: ${n.message}`));
  await studio.start();

  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  // Pictures and clips added from the browser; files no scene uses any more go now, before anything can be added.
  const library = new MediaLibrary(join(dataDir, 'media'));
  const inUse = new Set([...mediaIdsIn(studio.collection), ...(await mediaIdsInCollectionFiles(dataDir, COLLECTION_FILE))]);
  const pruned = await library.prune(inUse);
  if (pruned > 0) logger.info(`media library: removed ${pruned} file(s) no scene uses`);
  const ui = createUiHandlerSafe(values.ui ?? join(deps.appRoot, 'dist', 'renderer'), logger);
  let uiOrigin = '';
  const media = createMediaRoutes({ library, token, allowedOrigins: () => [uiOrigin, uiOrigin.replace('127.0.0.1', 'localhost')], logger: logger.child('media') });
  const server = createServer((req, res) => {
    void media(req, res).then((handled) => {
      if (!handled) ui(req, res);
    });
  });
  const uiPort = await listenWithFallback(server, port, values.port !== undefined, io);
  uiOrigin = `http://127.0.0.1:${uiPort}`;
  const bridge = new BridgeServer({
    studio,
    media: studio,
    server,
    token,
    allowedOrigins: () => [uiOrigin, `http://localhost:${uiPort}`],
    logger: logger.child('bridge'),
    onHello: () => requestMedia(studio),
  });
  let remote: RemoteControl | null = null;
  remote = await startRemoteControl({ studio, logger: logger.child('remote'), allowedOrigins: [uiOrigin], portOverride: remotePort, passwordOverride: values['remote-password'] ?? null }).catch((err: Error) => {
    io.err(`warning: remote control (obs-websocket) did not start: ${err.message}`);
    return null;
  });

  const url = `${uiOrigin}/?token=${token}`;
  io.out(`OnAir Studio is running.`);
  io.outUnredacted(`  studio:         ${url}`);
  io.out(`  watch page:     ${studio.liveStatus.watchUrl ?? '(not available)'}`);
  io.out(`  remote control: ${remote ? `ws://${remote.host}:${remote.port} (obs-websocket 5; password in Settings → Remote control)` : 'off'}`);
  io.out(`  data folder:    ${dataDir}`);
  io.out('Press Ctrl-C to stop.');
  if (!values['no-open']) openBrowser(url, logger);

  await deps.interrupted;
  io.err('stopping the studio...');
  remote?.notifyExit();
  await remote?.stop();
  await bridge.close();
  await new Promise<void>((r) => server.close(() => r()));
  await studio.close();
  return 0;
}

function createUiHandlerSafe(root: string, logger: Logger) {
  const handler = createUiHandler(root);
  return (req: Parameters<typeof handler>[0], res: Parameters<typeof handler>[1]) => {
    handler(req, res).catch((err: Error) => {
      logger.warn(`ui: ${err.message}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}

/**
 * Listens on 127.0.0.1. A port the user chose is kept or refused; the default one,
 * when taken (a second studio, another app), gives way to a free port, because the
 * URL carries a fresh token anyway and is printed.
 */
async function listenWithFallback(server: Server, port: number, userChosen: boolean, io: CliIo): Promise<number> {
  try {
    return await listen(server, port);
  } catch (err) {
    if (userChosen || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw usageErrorFor(err as NodeJS.ErrnoException, port);
    io.err(`note: port ${port} is already in use (another studio?), so the studio UI uses a free port instead.`);
    return listen(server, 0).catch((e: NodeJS.ErrnoException) => Promise.reject(usageErrorFor(e, 0)));
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(err);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function usageErrorFor(err: NodeJS.ErrnoException, port: number): UsageError {
  return new UsageError(err.code === 'EADDRINUSE' ? `Port ${port} is already in use: choose another with --port N (0 picks a free one).` : err.message);
}

function portNumber(name: string, text: string, allowZero: boolean): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1) || n > 65_535) throw new UsageError(`${name} "${text}" must be a port number from ${allowZero ? 0 : 1} to 65535.`);
  return n;
}

/** Open the URL in the user's browser; failing is fine (the URL is printed). */
function openBrowser(url: string, logger: Logger): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => logger.info('could not open a browser; open the URL yourself'));
    child.unref();
  } catch {
    logger.info('could not open a browser; open the URL yourself');
  }
}
