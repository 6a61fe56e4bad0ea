/**
 * The studio's files in its data folder, each a versioned, atomically written
 * JSON document (see persistence/json-store.ts):
 *   collection.json  the scene collection
 *   settings.json    output profile, recording, destinations (no keys), remote, hotkeys
 * Stream keys and the remote-control password live in the secret store instead.
 */
import { join } from 'node:path';
import { SceneCollectionSchema, SettingsSchema, type SceneCollection, type Settings } from '../../preload/contract/model';
import { JsonStore, type StoreLogger } from './persistence/json-store';
import { SETTINGS_MIGRATIONS } from './settings-migrations';

export const COLLECTION_FILE = 'collection.json';
export const SETTINGS_FILE = 'settings.json';
export const COLLECTION_SCHEMA_VERSION = 1;
/** 2: the default hotkeys moved off Ctrl+1..9 / Ctrl+T (settings-migrations.ts). */
export const SETTINGS_SCHEMA_VERSION = 2;

export function collectionStore(dataDir: string, defaults: () => SceneCollection, logger: StoreLogger): JsonStore<SceneCollection> {
  return new JsonStore({ file: join(dataDir, COLLECTION_FILE), schema: SceneCollectionSchema, version: COLLECTION_SCHEMA_VERSION, migrations: {}, defaults, logger });
}

export function settingsStore(dataDir: string, defaults: () => Settings, logger: StoreLogger): JsonStore<Settings> {
  return new JsonStore({ file: join(dataDir, SETTINGS_FILE), schema: SettingsSchema, version: SETTINGS_SCHEMA_VERSION, migrations: SETTINGS_MIGRATIONS, defaults, logger });
}
