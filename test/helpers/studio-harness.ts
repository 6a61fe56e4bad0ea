/**
 * A real Studio (real engine, real ffmpeg, real local origin) in a temporary data
 * folder, for integration tests: `await startTestStudio()` ... `await t.close()`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, memorySink, type LogRecord } from '../../main/engine/logger';
import { ProcessRegistry } from '../../main/engine/process/process-registry';
import { SecretRegistry } from '../../main/engine/redact';
import { createSecretStore } from '../../main/studio/secrets/secret-store';
import { Studio } from '../../main/studio/studio';
import type { EventName, EventPayload } from '../../preload/contract';
import { locateFfmpeg } from '../../main/engine/probe';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface TestStudio {
  studio: Studio;
  dataDir: string;
  logs: LogRecord[];
  registry: ProcessRegistry;
  /** Resolves with the first event payload that satisfies the predicate. */
  waitFor<E extends EventName>(event: E, predicate: (p: EventPayload<E>) => boolean, timeoutMs: number): Promise<EventPayload<E>>;
  /** Close the studio; the data folder is kept unless `remove` is set. */
  close(remove?: boolean): Promise<void>;
}

export async function startTestStudio(options: { dataDir?: string; start?: boolean } = {}): Promise<TestStudio> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'onair-studio-')));
  const logs: LogRecord[] = [];
  const redactor = new SecretRegistry();
  const redact = (s: string) => redactor.redact(s);
  const logger = createLogger('studio-test', { level: 'info', sink: memorySink(logs), redact });
  const registry = new ProcessRegistry(logger.child('process'), redact);
  const { studio } = await Studio.open({
    dataDir,
    resourcesDir: join(REPO_ROOT, 'resources'),
    videosDir: join(dataDir, 'videos'),
    logger,
    registry,
    redactor,
    secrets: createSecretStore(dataDir),
    ffmpegPath: locateFfmpeg().ffmpegPath,
    // The local origin on a free port, so tests never collide with a running studio.
    probeCacheDir: join(dataDir, 'cache'),
    originPort: 0,
  });
  if (options.start !== false) await studio.start();
  return {
    studio,
    dataDir,
    logs,
    registry,
    waitFor(event, predicate, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`no ${event} event matched within ${timeoutMs} ms; last logs:\n${logs.slice(-10).map((l) => l.message).join('\n')}`));
        }, timeoutMs);
        const off = studio.on(event, (p) => {
          if (!predicate(p)) return;
          clearTimeout(timer);
          off();
          resolve(p);
        });
      });
    },
    async close(remove = false) {
      await studio.close();
      await registry.stopAll();
      if (remove) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
