import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EncryptedSecretStore,
  EncryptionUnavailableError,
  FileSecretStore,
  SECRETS_FILE,
  createSecretStore,
  type SafeStorageLike,
} from '../../../../../main/studio/secrets/secret-store';

const PERMISSION_BITS = 0o777;
const STREAM_KEY = 'live_123456789_AbCdEfGhIjKlMnOpQrStUv';
const OTHER_KEY = 'sk_other_0000111122223333';

/**
 * A FAKE of Electron's safeStorage: XOR with a key byte behind a marker. Not
 * encryption, but the plaintext never appears in its output, and decrypting with
 * another key byte fails the way a reset keyring does.
 */
class FakeSafeStorage implements SafeStorageLike {
  constructor(
    private readonly available = true,
    private readonly keyByte = 0x5a,
    private readonly backend?: string,
  ) {}
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(plainText: string): Buffer {
    return Buffer.concat([Buffer.from([0xfa, this.keyByte]), Buffer.from(plainText).map((byte) => byte ^ this.keyByte)]);
  }
  decryptString(encrypted: Buffer): string {
    if (encrypted[0] !== 0xfa || encrypted[1] !== this.keyByte) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(2).map((byte) => byte ^ this.keyByte)).toString();
  }
  getSelectedStorageBackend(): string {
    return this.backend ?? 'gnome_libsecret';
  }
}

let dir: string;
let file: string;
let warnings: string[];
const logger = { warn: (m: string) => warnings.push(m), info: () => undefined };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'onair-secrets-'));
  file = path.join(dir, SECRETS_FILE);
  warnings = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const modeOf = async (target: string): Promise<number> => (await stat(target)).mode & PERMISSION_BITS;

describe('FileSecretStore', () => {
  it('round-trips secrets across instances in a 0600 file, and keeps no backup copy', async () => {
    const store = new FileSecretStore(dir, { logger });
    await store.set('youtube:key', STREAM_KEY);
    await store.set('twitch:key', OTHER_KEY);
    await store.set('twitch:key', 'rotated_key_value');

    const reopened = new FileSecretStore(dir, { logger });
    expect(await reopened.get('youtube:key')).toBe(STREAM_KEY);
    expect(await reopened.get('twitch:key')).toBe('rotated_key_value');
    expect(await reopened.get('absent')).toBeNull();
    expect(await modeOf(file)).toBe(0o600);
    // A replaced key must not linger in a .bak.
    expect(await readdir(dir)).toEqual([SECRETS_FILE]);
    expect(await readFile(file, 'utf8')).not.toContain(OTHER_KEY);
  });

  it('delete removes the secret from the file', async () => {
    const store = new FileSecretStore(dir, { logger });
    await store.set('youtube:key', STREAM_KEY);
    await store.delete('youtube:key');
    expect(await store.get('youtube:key')).toBeNull();
    expect(await readFile(file, 'utf8')).not.toContain(STREAM_KEY);
  });

  it('makes a 0644 secrets file private again, with a warning, before reading it', async () => {
    await new FileSecretStore(dir, { logger }).set('youtube:key', STREAM_KEY);
    await chmod(file, 0o644);

    const store = new FileSecretStore(dir, { logger });
    expect(await store.get('youtube:key')).toBe(STREAM_KEY);

    expect(await modeOf(file)).toBe(0o600);
    expect(warnings).toEqual([`${SECRETS_FILE} could be read by other users of this computer (mode 0644); its mode was changed to 0600 so only you can read it.`]);
  });

  it('keeps parallel changes: none is lost', async () => {
    const store = new FileSecretStore(dir, { logger });
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    await Promise.all(ids.map((id) => store.set(id, `secret-${id}`)));
    const reopened = new FileSecretStore(dir, { logger });
    expect(await Promise.all(ids.map((id) => reopened.get(id)))).toEqual(ids.map((id) => `secret-${id}`));
  });

  it('rejects ids that could not be stored safely', async () => {
    const store = new FileSecretStore(dir, { logger });
    await expect(store.set('__proto__', STREAM_KEY)).rejects.toThrow(RangeError);
    await expect(store.set('', STREAM_KEY)).rejects.toThrow(RangeError);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('says clearly when an entry needs the OS keyring it does not have', async () => {
    await new EncryptedSecretStore(dir, new FakeSafeStorage(), { logger }).set('youtube:key', STREAM_KEY);
    expect(await new FileSecretStore(dir, { logger }).get('youtube:key')).toBeNull();
    expect(warnings).toEqual(['The secret "youtube:key" was encrypted with the OS keyring, which is not available here; enter it again to use it.']);
  });
});

describe('EncryptedSecretStore', () => {
  it('round-trips through safeStorage and never writes the plaintext', async () => {
    const store = new EncryptedSecretStore(dir, new FakeSafeStorage(), { logger });
    await store.set('youtube:key', STREAM_KEY);

    expect(await new EncryptedSecretStore(dir, new FakeSafeStorage(), { logger }).get('youtube:key')).toBe(STREAM_KEY);
    const bytes = await readFile(file);
    expect(bytes.includes(STREAM_KEY)).toBe(false);
    expect(bytes.includes(Buffer.from(STREAM_KEY).toString('base64'))).toBe(false);
    expect(JSON.parse(bytes.toString()).data.secrets['youtube:key'].encoding).toBe('os-encrypted');
    expect(await modeOf(file)).toBe(0o600);
    expect(store.kind).toBe('os-keyring');
  });

  it('encrypts plain entries left by the file store the first time it opens the file', async () => {
    await new FileSecretStore(dir, { logger }).set('youtube:key', STREAM_KEY);
    expect((await readFile(file)).includes(STREAM_KEY)).toBe(true);

    const store = new EncryptedSecretStore(dir, new FakeSafeStorage(), { logger });
    expect(await store.get('youtube:key')).toBe(STREAM_KEY);

    expect((await readFile(file)).includes(STREAM_KEY)).toBe(false);
    expect(await new EncryptedSecretStore(dir, new FakeSafeStorage(), { logger }).get('youtube:key')).toBe(STREAM_KEY);
  });

  it('answers null, with a warning, for a secret the keyring can no longer decrypt', async () => {
    await new EncryptedSecretStore(dir, new FakeSafeStorage(true, 0x11), { logger }).set('youtube:key', STREAM_KEY);
    const afterKeyringReset = new EncryptedSecretStore(dir, new FakeSafeStorage(true, 0x22), { logger });
    expect(await afterKeyringReset.get('youtube:key')).toBeNull();
    expect(warnings[0]).toMatch(/^The secret "youtube:key" could not be decrypted \(.*\); enter it again\.$/);
  });

  it('refuses to be built when encryption is unavailable', () => {
    expect(() => new EncryptedSecretStore(dir, new FakeSafeStorage(false))).toThrow(EncryptionUnavailableError);
  });
});

describe('createSecretStore', () => {
  it('uses the OS keyring when it is available', () => {
    expect(createSecretStore(dir, new FakeSafeStorage(), { logger }).kind).toBe('os-keyring');
    expect(warnings).toEqual([]);
  });

  it('uses the file in browser/CLI mode', () => {
    const store = createSecretStore(dir, undefined, { logger });
    expect(store.kind).toBe('file');
    expect(store.description).toBe(`Stream keys are stored in ${SECRETS_FILE}, a file only you can read.`);
  });

  it('falls back to the file, and says why, when the keyring is unavailable', async () => {
    const store = createSecretStore(dir, new FakeSafeStorage(false), { logger });
    expect(store.kind).toBe('file');
    expect(store.description).toBe('the OS keyring is unavailable: stream keys are stored in a file only you can read');
    expect(warnings).toEqual([store.description]);
    await store.set('youtube:key', STREAM_KEY);
    expect(await modeOf(file)).toBe(0o600);
  });

  it("falls back when Electron on Linux found no keyring and would use its built-in password ('basic_text')", () => {
    const store = createSecretStore(dir, new FakeSafeStorage(true, 0x5a, 'basic_text'), { logger });
    expect(store.kind).toBe('file');
    expect(store.description).toMatch(/^no OS keyring was found .*: stream keys are stored in a file only you can read$/);
  });
});

describe('a corrupt secrets file', () => {
  it('is set aside (still private) and reported; the store starts empty', async () => {
    await writeFile(file, '{"schemaVersion": 1, "data": {"secrets": {"youtube:key": 42}}}', { mode: 0o600 });
    const store = new FileSecretStore(dir, { logger });
    expect(await store.get('youtube:key')).toBeNull();
    expect(warnings[0]).toMatch(/^secrets\.json has invalid data \(secrets\["youtube:key"\]: expected an object, got a number\); it was set aside as secrets\.json\.corrupt-/);
    const [aside] = (await readdir(dir)).filter((name) => name.includes('.corrupt-'));
    expect(aside).toBeDefined();
    expect(await modeOf(path.join(dir, aside ?? ''))).toBe(0o600);
  });
});
