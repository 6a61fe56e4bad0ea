/**
 * The studio's files in its data folder, each a versioned, atomically written
 * JSON document (see persistence/json-store.ts):
 *   collection.json  the scene collection
 *   settings.json    output profile, recording, destinations (no keys), remote, hotkeys
 *   preflight.json   the compositor's last video path pre-flight (this machine's
 *                    measurement, so 'auto' is decided from the first go-live
 *                    after a restart; a cache: a bad file is only logged)
 * Stream keys and the remote-control password live in the secret store instead.
 */
import { join } from 'node:path';
import { SceneCollectionSchema, SettingsSchema, type SceneCollection, type Settings } from '../../preload/contract/model';
import { PreflightReportSchema, type PreflightReport } from '../../preload/contract/video-path';
import { JsonStore, type StoreLogger } from './persistence/json-store';
import { SETTINGS_MIGRATIONS } from './settings-migrations';

export const COLLECTION_FILE = 'collection.json';
export const SETTINGS_FILE = 'settings.json';
export const PREFLIGHT_FILE = 'preflight.json';
export const COLLECTION_SCHEMA_VERSION = 1;
/** 2: the default hotkeys moved off Ctrl+1..9 / Ctrl+T (settings-migrations.ts). */
export const SETTINGS_SCHEMA_VERSION = 2;

export function collectionStore(dataDir: string, defaults: () => SceneCollection, logger: StoreLogger): JsonStore<SceneCollection> {
  return new JsonStore({ file: join(dataDir, COLLECTION_FILE), schema: SceneCollectionSchema, version: COLLECTION_SCHEMA_VERSION, migrations: {}, defaults, logger });
}

export function settingsStore(dataDir: string, defaults: () => Settings, logger: StoreLogger): JsonStore<Settings> {
  return new JsonStore({ file: join(dataDir, SETTINGS_FILE), schema: SettingsSchema, version: SETTINGS_SCHEMA_VERSION, migrations: SETTINGS_MIGRATIONS, defaults, logger });
}

export function preflightStore(dataDir: string, logger: StoreLogger): JsonStore<PreflightReport | null> {
  return new JsonStore({ file: join(dataDir, PREFLIGHT_FILE), schema: PreflightReportSchema.nullable(), version: 1, migrations: {}, defaults: () => null, logger });
}
