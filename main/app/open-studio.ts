/**
 * Opens the Studio the way studio-command.ts does for browser mode, with what
 * the desktop app adds: stream keys encrypted through Electron's safeStorage,
 * the data folder from app.getPath('userData'), the ffmpeg shipped unpacked in
 * the package. Nothing that goes wrong here stops the app from opening: each
 * problem becomes a notice the streamer sees once the window is up.
 */
import { app, safeStorage } from 'electron';
import { existsSync } from 'node:fs';
import { EngineError } from '../engine/errors';
import type { Logger } from '../engine/logger';
import { locateFfmpeg, notFoundMessage } from '../engine/probe';
import type { ProcessRegistry } from '../engine/process/process-registry';
import type { SecretRegistry } from '../engine/redact';
import { createSecretStore } from '../studio/secrets/secret-store';
import { Studio } from '../studio/studio';
import { cacheDir } from '../cli/cache-dir';
import type { AppPaths } from './policies/app-paths';
import { keyringNotice } from './policies/diagnostics-report';

export interface StartupNotice {
  level: 'info' | 'warning' | 'error';
  message: string;
  code?: string;
}

export interface OpenedStudio {
  studio: Studio;
  notices: StartupNotice[];
  secretStorage: string;
}

export async function openStudio(deps: { paths: AppPaths; dataDir: string; logger: Logger; registry: ProcessRegistry; secrets: SecretRegistry }): Promise<OpenedStudio> {
  const { logger } = deps;
  const notices: StartupNotice[] = [];
  const storeLogger = { warn: (m: string) => logger.warn(m), info: (m: string) => logger.info(m) };

  // safeStorage is usable only after 'ready'; the secret store decides whether it protects anything.
  const secretStore = createSecretStore(deps.dataDir, safeStorage, { logger: storeLogger });
  if (secretStore.kind === 'file') notices.push({ level: 'warning', message: keyringNotice(secretStore.description, process.platform), code: 'KEYRING_UNAVAILABLE' });

  let ffmpegPath = 'ffmpeg';
  try {
    ffmpegPath = locateFfmpeg({ staticPath: existsSync(deps.paths.bundledFfmpeg) ? deps.paths.bundledFfmpeg : null }).ffmpegPath;
    logger.info(`ffmpeg: ${ffmpegPath}`);
  } catch (err) {
    const message = err instanceof EngineError ? err.message : notFoundMessage();
    notices.push({ level: 'error', message, code: 'FFMPEG_NOT_FOUND' });
  }

  const { studio, problems } = await Studio.open({
    dataDir: deps.dataDir,
    resourcesDir: deps.paths.resourcesDir,
    videosDir: app.getPath('videos'),
    logger: logger.child('studio'),
    registry: deps.registry,
    redactor: deps.secrets,
    secrets: secretStore,
    ffmpegPath,
    probeCacheDir: cacheDir(),
  });
  for (const problem of problems) notices.push({ level: 'warning', message: problem, code: 'DATA_PROBLEM' });
  try {
    await studio.start();
  } catch (err) {
    notices.push({ level: 'warning', message: `The watch page could not start: ${(err as Error).message}. Change its port in Settings.`, code: 'ORIGIN_FAILED' });
  }
  return { studio, notices, secretStorage: secretStore.description };
}
