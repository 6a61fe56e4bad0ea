/**
 * Where stream keys and passwords live: `secrets.json` in the data folder, never
 * next to the settings that use them (those hold only a secret's id).
 *
 * Two stores share the file:
 * - EncryptedSecretStore (desktop app): each value is encrypted with the OS
 *   keyring through an injected `safeStorage` (Electron's, passed in by the
 *   Electron shell; this folder runs in plain Node and never imports electron).
 * - FileSecretStore (browser/CLI mode, or no usable keyring): values as-is.
 *   Encrypting them would need a key, and without an OS keyring that key would
 *   sit in the same folder as the file, protecting nothing. The protection is the
 *   file's permissions, 0600 (only you can read it), as for ~/.ssh/id_*.
 *
 * Each entry records its own encoding, so a file written by one mode is read
 * safely by the other: the encrypted store upgrades plain entries it finds, and
 * the file store says clearly when an entry needs the keyring it does not have.
 *
 * No `.bak` is kept: a deleted or replaced key must not linger in a copy.
 */
import { chmod, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { errorCode } from '../persistence/atomic-file';
import { JsonStore, type StoreLogger } from '../persistence/json-store';

export interface SecretStore {
  /** The secret, or null when there is none (or it can no longer be decrypted; that is logged). */
  get(id: string): Promise<string | null>;
  set(id: string, secret: string): Promise<void>;
  delete(id: string): Promise<void>;
  readonly kind: 'os-keyring' | 'file';
  /** One sentence for the user on how their stream keys are protected. */
  readonly description: string;
}

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; 'basic_text' means no keyring, only a password built into Electron. */
  getSelectedStorageBackend?(): string;
}

export interface SecretStoreOptions {
  logger?: StoreLogger;
  platform?: NodeJS.Platform;
}

export const SECRETS_FILE = 'secrets.json';
/** Owner read/write only. */
export const SECRETS_FILE_MODE = 0o600;
/** Any group or other permission bit. */
const GROUP_OTHER_BITS = 0o077;
const PERMISSION_BITS = 0o777;
const SECRETS_SCHEMA_VERSION = 1;
/** Electron's Linux backend when no keyring was found: "encrypted" with a fixed, public password. */
const UNPROTECTED_LINUX_BACKEND = 'basic_text';
/** Ids are ours (e.g. "destination:abc123:key"); a narrow alphabet keeps them safe as JSON object keys. */
// The first character is a letter or digit so that no id can be "__proto__".
const SECRET_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const entrySchema = z.object({ encoding: z.enum(['plain', 'os-encrypted']), value: z.string() });
const secretsSchema = z.object({ secrets: z.record(z.string().regex(SECRET_ID), entrySchema) });
type SecretEntry = z.infer<typeof entrySchema>;
type Entries = ReadonlyMap<string, SecretEntry>;

export class EncryptionUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`Stream keys cannot be encrypted: ${reason}.`);
    this.name = 'EncryptionUnavailableError';
  }
}

/**
 * The OS keyring store when `safeStorage` is given and usable, else the file store
 * with a description (and a warning) saying why.
 */
export function createSecretStore(dir: string, safeStorage?: SafeStorageLike, options: SecretStoreOptions = {}): SecretStore {
  if (safeStorage === undefined) return new FileSecretStore(dir, options);
  const why = encryptionUnavailableReason(safeStorage);
  if (why === null) return new EncryptedSecretStore(dir, safeStorage, options);
  const store = new FileSecretStore(dir, { ...options, unavailableReason: why });
  options.logger?.warn(store.description);
  return store;
}

/** Why `safeStorage` cannot protect secrets here, or null when it can. */
export function encryptionUnavailableReason(safeStorage: SafeStorageLike): string | null {
  if (!safeStorage.isEncryptionAvailable()) return 'the OS keyring is unavailable';
  if (safeStorage.getSelectedStorageBackend?.() === UNPROTECTED_LINUX_BACKEND) {
    return 'no OS keyring was found (Electron would encrypt with a password built into every copy of it)';
  }
  return null;
}

export class FileSecretStore implements SecretStore {
  readonly kind = 'file';
  readonly description: string;
  private readonly file: SecretsFile;

  constructor(dir: string, options: SecretStoreOptions & { unavailableReason?: string } = {}) {
    this.file = new SecretsFile(dir, options);
    this.description =
      options.unavailableReason === undefined
        ? `Stream keys are stored in ${SECRETS_FILE}, a file only you can read.`
        : `${options.unavailableReason}: stream keys are stored in a file only you can read`;
  }

  async get(id: string): Promise<string | null> {
    const entry = (await this.file.entries()).get(checkId(id));
    if (entry === undefined) return null;
    if (entry.encoding === 'plain') return entry.value;
    this.file.logger.warn(`The secret "${id}" was encrypted with the OS keyring, which is not available here; enter it again to use it.`);
    return null;
  }

  async set(id: string, secret: string): Promise<void> {
    checkId(id);
    await this.file.update((entries) => entries.set(id, { encoding: 'plain', value: secret }));
  }

  async delete(id: string): Promise<void> {
    checkId(id);
    await this.file.update((entries) => entries.delete(id));
  }
}

export class EncryptedSecretStore implements SecretStore {
  readonly kind = 'os-keyring';
  readonly description = 'Stream keys are encrypted with your operating system’s keyring.';
  private readonly file: SecretsFile;
  private upgraded: Promise<void> | null = null;

  /** Throws EncryptionUnavailableError when `safeStorage` cannot protect secrets; createSecretStore falls back instead. */
  constructor(
    dir: string,
    private readonly safeStorage: SafeStorageLike,
    options: SecretStoreOptions = {},
  ) {
    const why = encryptionUnavailableReason(safeStorage);
    if (why !== null) throw new EncryptionUnavailableError(why);
    this.file = new SecretsFile(dir, options);
  }

  async get(id: string): Promise<string | null> {
    await this.upgradePlainEntries();
    const entry = (await this.file.entries()).get(checkId(id));
    if (entry === undefined) return null;
    try {
      return this.decrypt(entry);
    } catch (error) {
      // A reset keyring or a copied profile makes old ciphertext unreadable. The
      // entry stays on disk; the user enters the key again, which replaces it.
      this.file.logger.warn(`The secret "${id}" could not be decrypted (${error instanceof Error ? error.message : String(error)}); enter it again.`);
      return null;
    }
  }

  async set(id: string, secret: string): Promise<void> {
    checkId(id);
    await this.upgradePlainEntries();
    const value = this.safeStorage.encryptString(secret).toString('base64');
    await this.file.update((entries) => entries.set(id, { encoding: 'os-encrypted', value }));
  }

  async delete(id: string): Promise<void> {
    checkId(id);
    await this.upgradePlainEntries();
    await this.file.update((entries) => entries.delete(id));
  }

  private decrypt(entry: SecretEntry): string {
    return entry.encoding === 'plain' ? entry.value : this.safeStorage.decryptString(Buffer.from(entry.value, 'base64'));
  }

  /**
   * Entries written in file mode are encrypted the first time this store opens the
   * file. A failure (a full disk, a file from a newer version) is logged and tried
   * again on the next call: reading must keep working, and plain entries read as-is.
   */
  private upgradePlainEntries(): Promise<void> {
    this.upgraded ??= this.file
      .update((entries) => {
        let count = 0;
        for (const [id, entry] of entries) {
          if (entry.encoding !== 'plain') continue;
          entries.set(id, { encoding: 'os-encrypted', value: this.safeStorage.encryptString(entry.value).toString('base64') });
          count += 1;
        }
        if (count > 0) this.file.logger.info(`${count} secret(s) stored without encryption were encrypted with the OS keyring`);
        return count > 0;
      })
      .catch((error: unknown) => {
        this.upgraded = null;
        this.file.logger.warn(`Secrets stored without encryption could not be encrypted yet (${error instanceof Error ? error.message : String(error)}).`);
      });
    return this.upgraded;
  }
}

/**
 * The file both stores use: loaded once (mode checked first), then rewritten
 * whole on each change. Changes run one at a time and are applied to memory only
 * after they are on disk, so a failed write does not leave memory and disk apart.
 */
class SecretsFile {
  readonly logger: StoreLogger;
  private readonly path: string;
  private readonly platform: NodeJS.Platform;
  private readonly store: JsonStore<z.infer<typeof secretsSchema>>;
  private current: Promise<Map<string, SecretEntry>> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dir: string, options: SecretStoreOptions) {
    this.logger = options.logger ?? { warn: () => undefined, info: () => undefined };
    this.platform = options.platform ?? process.platform;
    this.path = path.join(dir, SECRETS_FILE);
    this.store = new JsonStore({
      file: this.path,
      schema: secretsSchema,
      version: SECRETS_SCHEMA_VERSION,
      migrations: {},
      defaults: () => ({ secrets: {} }),
      logger: this.logger,
      mode: SECRETS_FILE_MODE,
      keepBackup: false,
    });
  }

  entries(): Promise<Entries> {
    // A failed load (say, a file we may not chmod) is not remembered: the next call tries again.
    this.current ??= this.loadOnce().catch((error: unknown) => {
      this.current = null;
      throw error;
    });
    return this.current;
  }

  /** `change` edits a copy; returning false means it changed nothing and the write is skipped. */
  update(change: (entries: Map<string, SecretEntry>) => unknown): Promise<void> {
    const run = this.queue.then(async () => {
      const next = new Map(await this.entries());
      if (change(next) === false) return;
      await this.store.save({ secrets: Object.fromEntries(next) });
      this.current = Promise.resolve(next);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadOnce(): Promise<Map<string, SecretEntry>> {
    await this.tightenMode();
    const { value } = await this.store.load();
    return new Map(Object.entries(value.secrets));
  }

  /** A secrets file others can read is made private before anything is read from it. */
  private async tightenMode(): Promise<void> {
    // Windows keeps access in ACLs; the mode bits Node reports there mean nothing.
    if (this.platform === 'win32') return;
    let mode: number;
    try {
      mode = (await stat(this.path)).mode & PERMISSION_BITS;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw error;
    }
    if ((mode & GROUP_OTHER_BITS) === 0) return;
    await chmod(this.path, SECRETS_FILE_MODE);
    this.logger.warn(
      `${SECRETS_FILE} could be read by other users of this computer (mode ${mode.toString(8).padStart(4, '0')}); ` +
        `its mode was changed to ${SECRETS_FILE_MODE.toString(8).padStart(4, '0')} so only you can read it.`,
    );
  }
}

function checkId(id: string): string {
  if (!SECRET_ID.test(id)) throw new RangeError(`secret id ${JSON.stringify(id)} must be 1–128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit`);
  return id;
}
