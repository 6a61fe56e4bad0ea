/**
 * The soak's studio: the real Studio service (headless) with the real engine,
 * fed the way the compositor feeds it, through Studio.pushMedia: raw I420 frames
 * and PCM in media messages, stamped on the studio clock. The producer is the
 * test card (flash and beep every second), so the recording can be measured.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger, stderrSink } from '../../main/engine/logger';
import { locateFfmpeg } from '../../main/engine/probe';
import { ProcessRegistry } from '../../main/engine/process/process-registry';
import { SecretRegistry } from '../../main/engine/redact';
import { TestcardSource } from '../../main/engine/sources/testcard';
import { createSecretStore } from '../../main/studio/secrets/secret-store';
import { Studio } from '../../main/studio/studio';
import { MEDIA_KIND } from '../../preload/contract/media';
import type { OutputProfile } from '../../preload/contract/model';

export interface SoakStudio {
  studio: Studio;
  registry: ProcessRegistry;
  /** Start feeding the program (after goLive/startRecording). */
  startProducer(): Promise<void>;
  close(): Promise<void>;
}

export async function openSoakStudio(dir: string, repoRoot: string, profile: Partial<OutputProfile>): Promise<SoakStudio> {
  const redactor = new SecretRegistry();
  const redact = (s: string) => redactor.redact(s);
  // Warnings only, to stderr: a log kept in memory would grow with the run and blur the memory figures.
  const logger = createLogger('soak', { level: 'warn', sink: stderrSink, redact });
  const registry = new ProcessRegistry(logger.child('process'), redact);
  const dataDir = join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  const { studio } = await Studio.open({
    dataDir,
    resourcesDir: join(repoRoot, 'resources'),
    videosDir: join(dir, 'videos'),
    logger,
    registry,
    redactor,
    secrets: createSecretStore(dataDir),
    ffmpegPath: locateFfmpeg().ffmpegPath,
    probeCacheDir: join(dataDir, 'cache'),
    originPort: 0,
  });
  await studio.start();
  await studio.api.setProfile(profile);
  await studio.api.setRecordingSettings({ folder: join(dir, 'recordings'), format: 'mkv' });

  let source: TestcardSource | null = null;
  return {
    studio,
    registry,
    async startProducer() {
      const s = studio.live.running?.settings;
      if (!s) throw new Error('the studio is not live');
      source = new TestcardSource({ width: s.width, height: s.height, fps: s.fps }, { now: studio.clockUs });
      // A transport hands every message over in a buffer of its own, as these copies do.
      await source.start({
        video: (f) => studio.pushMedia({ kind: MEDIA_KIND.rawVideo, keyframe: false, timestampUs: f.timestampUs, payload: f.data.slice() }),
        audio: (a) => studio.pushMedia({ kind: MEDIA_KIND.audio, keyframe: false, timestampUs: a.timestampUs, payload: a.data.slice() }),
      });
    },
    async close() {
      await source?.stop();
      await studio.close();
      await registry.stopAll();
    },
  };
}
