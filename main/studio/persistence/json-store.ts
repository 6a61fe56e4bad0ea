/**
 * One JSON document in the data folder, with a schema version, migrations, an
 * atomic write and a backup. The file holds `{ "schemaVersion": N, "data": … }`.
 *
 * Lifecycle: `load()` once at start, then `save()` as often as needed; both run
 * one at a time in call order, so the last save called is the one on disk.
 *
 * The rule throughout: a file we cannot use is never deleted or overwritten.
 * - Corrupt or invalid: renamed to `<name>.corrupt-<time>`, reported, and the load
 *   falls back to `<name>.bak`, else defaults.
 * - Older schema: migrated step by step, validated, written back; the original is
 *   kept as `<name>.v<old>.bak`.
 * - Newer schema (made by a newer OnAir Studio): left in place, defaults used in
 *   memory, and save() refused until the user acknowledges; even then the file is
 *   kept as `<name>.v<N>.bak` before ours replaces it.
 */
import { readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BACKUP_SUFFIX, errorCode, writeFileAtomic } from './atomic-file';
import { formatZodError } from './zod-error';

export type Migration = (doc: unknown) => unknown;
export type LoadSource = 'file' | 'backup' | 'defaults';

export interface LoadResult<T> {
  value: T;
  source: LoadSource;
  /** Sentences for the user, each naming the file and what was wrong with it. */
  problems: string[];
  /** The schema version the loaded document was migrated from, when it was. */
  migratedFrom?: number;
}

export interface StoreLogger {
  warn(message: string): void;
  info(message: string): void;
}

export interface JsonStoreOptions<T> {
  file: string;
  schema: z.ZodType<T>;
  /** The schema version this build writes. */
  version: number;
  /** `migrations[n]` turns the `data` of version n into the `data` of version n + 1. */
  migrations: Record<number, Migration>;
  defaults: () => T;
  logger?: StoreLogger;
  /** Permission bits for the file and every copy of it (0o600 for secrets). */
  mode?: number;
  /** Keep `<name>.bak` and fall back to it. Default true; off where a stale copy must not linger (secrets). */
  keepBackup?: boolean;
  clock?: () => Date;
}

export type PersistenceErrorCode = 'NOT_LOADED' | 'NEWER_FILE' | 'INVALID_VALUE' | 'DAMAGED_FILE_IN_PLACE';

export class PersistenceError extends Error {
  readonly code: PersistenceErrorCode;
  constructor(code: PersistenceErrorCode, message: string) {
    super(message);
    this.name = 'PersistenceError';
    this.code = code;
  }
}

/** Two programs writing the same file with different indentation would churn diffs; one format. */
const JSON_INDENT = 2;
/** Enough for any real collision of set-aside names (two in the same millisecond). */
const MAX_UNIQUE_NAME_ATTEMPTS = 1000;

const envelopeSchema = z.object({ schemaVersion: z.number().int().nonnegative(), data: z.unknown() });

/** What reading one file (the document or its backup) gave. */
type Reading<T> =
  | { kind: 'missing' }
  /** `reason` completes "scenes.json …", e.g. "could not be read (…)". */
  | { kind: 'unusable'; reason: string }
  | { kind: 'newer'; version: number }
  | { kind: 'ok'; value: T; fromVersion: number; bytes: Buffer };

/** Why save() must not simply write: a file on disk that is not ours to replace yet. */
type SaveGuard = { kind: 'newer'; version: number; acknowledged: boolean } | { kind: 'damaged'; reason: string };

export class JsonStore<T> {
  private readonly name: string;
  private readonly logger: StoreLogger;
  private readonly clock: () => Date;
  private loaded = false;
  private guard: SaveGuard | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: JsonStoreOptions<T>) {
    if (!Number.isInteger(opts.version) || opts.version < 0) throw new RangeError(`schema version must be a whole number, got ${opts.version}`);
    this.name = path.basename(opts.file);
    this.logger = opts.logger ?? { warn: () => undefined, info: () => undefined };
    this.clock = opts.clock ?? (() => new Date());
  }

  load(): Promise<LoadResult<T>> {
    return this.serially(() => this.loadNow());
  }

  save(value: T): Promise<void> {
    return this.serially(() => this.saveNow(value));
  }

  /** The user chose to replace a file made by a newer OnAir Studio; the next save keeps it as `<name>.v<N>.bak`. */
  acknowledgeNewerFile(): void {
    if (this.guard?.kind === 'newer') this.guard.acknowledged = true;
  }

  /** The schema version of a newer file that blocks saving, or null. */
  get blockingNewerVersion(): number | null {
    return this.guard?.kind === 'newer' && !this.guard.acknowledged ? this.guard.version : null;
  }

  private serially<R>(op: () => Promise<R>): Promise<R> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadNow(): Promise<LoadResult<T>> {
    const { file } = this.opts;
    this.loaded = true;
    this.guard = null;
    const primary = await this.read(file);

    if (primary.kind === 'ok') {
      const problems = primary.fromVersion < this.opts.version ? await this.writeBackMigrated(primary) : [];
      return { value: primary.value, source: 'file', problems: this.report(problems), ...migrated(primary, this.opts.version) };
    }
    if (primary.kind === 'newer') {
      this.guard = { kind: 'newer', version: primary.version, acknowledged: false };
      const problem =
        `${this.name} was made by a newer OnAir Studio (schema version ${primary.version}; this one understands up to ${this.opts.version}). ` +
        'It was left untouched; the studio started from defaults and will not save over it unless you choose to replace it.';
      return { value: this.opts.defaults(), source: 'defaults', problems: this.report([problem]) };
    }

    // The document is missing or unusable: say what happened to it, then try the backup.
    let lead: string | null = null;
    let slotFree = true;
    if (primary.kind === 'unusable') {
      lead = `${this.name} ${primary.reason}; `;
      try {
        lead += `it was set aside as ${path.basename(await this.setAside(file))}`;
      } catch (error) {
        // Left in place, so a save must not overwrite it: save() tries again first.
        slotFree = false;
        this.guard = { kind: 'damaged', reason: primary.reason };
        lead += `it could not be set aside (${messageOf(error)}) and was left in place`;
      }
    }

    const backupFile = file + BACKUP_SUFFIX;
    const backup: Reading<T> = (this.opts.keepBackup ?? true) ? await this.read(backupFile) : { kind: 'missing' };
    const backupName = path.basename(backupFile);
    if (backup.kind === 'ok') {
      const problems = [`${lead ?? `${this.name} was missing`}; the studio started from the backup ${backupName}.`];
      if (slotFree) problems.push(...(await this.restore(backup.value)));
      return { value: backup.value, source: 'backup', problems: this.report(problems), ...migrated(backup, this.opts.version) };
    }

    const problems = lead === null ? [] : [`${lead}; the studio started from defaults.`];
    if (backup.kind === 'unusable') problems.push(`The backup ${backupName} ${backup.reason}, so it was not used either.`);
    if (backup.kind === 'newer') problems.push(`The backup ${backupName} was made by a newer OnAir Studio (schema version ${backup.version}), so it was not used.`);
    if (problems.length === 0) this.logger.info(`${this.name} does not exist yet; starting from defaults`);
    return { value: this.opts.defaults(), source: 'defaults', problems: this.report(problems) };
  }

  private async saveNow(value: T): Promise<void> {
    const { file } = this.opts;
    if (!this.loaded) throw new PersistenceError('NOT_LOADED', `${this.name} must be loaded before it is saved, so a file we cannot read is never overwritten unseen.`);
    const guard = this.guard;
    if (guard?.kind === 'newer') {
      if (!guard.acknowledged) {
        throw new PersistenceError(
          'NEWER_FILE',
          `${this.name} was made by a newer OnAir Studio (schema version ${guard.version}), so changes are not saved over it. ` +
            'Update OnAir Studio, or choose to replace the file (it will be kept as a backup).',
        );
      }
      const kept = await this.moveAside(file, `${file}.v${guard.version}${BACKUP_SUFFIX}`);
      if (kept !== null) this.logger.info(`${this.name} from a newer OnAir Studio was kept as ${path.basename(kept)}`);
    } else if (guard?.kind === 'damaged') {
      try {
        await this.setAside(file);
      } catch (error) {
        throw new PersistenceError('DAMAGED_FILE_IN_PLACE', `${this.name} ${guard.reason} and could not be moved aside (${messageOf(error)}), so it was not overwritten.`);
      }
    }
    this.guard = null;

    const parsed = this.opts.schema.safeParse(value);
    if (!parsed.success) throw new PersistenceError('INVALID_VALUE', `${this.name} was not saved: ${formatZodError(parsed.error)}`);
    await writeFileAtomic(file, this.serialize(parsed.data), { mode: this.opts.mode, backup: this.opts.keepBackup ?? true });
  }

  /** Reads, parses, version-checks, migrates and validates one file. Never throws. */
  private async read(file: string): Promise<Reading<T>> {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
      return { kind: 'unusable', reason: `could not be read (${messageOf(error)})` };
    }
    const text = bytes.toString('utf8');
    if (text.trim() === '') return { kind: 'unusable', reason: 'is empty' };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { kind: 'unusable', reason: `could not be read (${describeJsonError(messageOf(error), text)})` };
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success || !(typeof json === 'object' && json !== null && 'data' in json)) {
      const detail = envelope.success ? 'data: is missing' : formatZodError(envelope.error);
      return { kind: 'unusable', reason: `is not an OnAir Studio document (${detail})` };
    }
    const fromVersion = envelope.data.schemaVersion;
    if (fromVersion > this.opts.version) return { kind: 'newer', version: fromVersion };

    let data = envelope.data.data;
    for (let version = fromVersion; version < this.opts.version; version += 1) {
      const step = this.opts.migrations[version];
      if (!step) return { kind: 'unusable', reason: `has schema version ${fromVersion}, which this OnAir Studio cannot upgrade (no step from version ${version})` };
      try {
        data = step(data);
      } catch (error) {
        return { kind: 'unusable', reason: `could not be upgraded from schema version ${version} to ${version + 1} (${messageOf(error)})` };
      }
    }
    // Validated once, after the last step: intermediate versions have no schema in this build.
    const parsed = this.opts.schema.safeParse(data);
    if (!parsed.success) {
      const upgraded = fromVersion < this.opts.version ? ` after upgrading from schema version ${fromVersion}` : '';
      return { kind: 'unusable', reason: `has invalid data${upgraded} (${formatZodError(parsed.error)})` };
    }
    return { kind: 'ok', value: parsed.data, fromVersion, bytes };
  }

  /** Keeps the pre-migration file as `<name>.v<old>.bak`, then writes the migrated document. */
  private async writeBackMigrated(reading: Extract<Reading<T>, { kind: 'ok' }>): Promise<string[]> {
    const { file, mode } = this.opts;
    try {
      const kept = await uniqueName(`${file}.v${reading.fromVersion}${BACKUP_SUFFIX}`);
      await writeFileAtomic(kept, reading.bytes, { mode, backup: false });
      // No `.bak` here: the `.v<old>.bak` just written is the previous version.
      await writeFileAtomic(file, this.serialize(reading.value), { mode, backup: false });
      this.logger.info(`${this.name} was upgraded from schema version ${reading.fromVersion} to ${this.opts.version}; the old file was kept as ${path.basename(kept)}`);
      return [];
    } catch (error) {
      return [`${this.name} was upgraded from schema version ${reading.fromVersion} in memory but could not be written back (${messageOf(error)}); it will be on the next save.`];
    }
  }

  /** Puts the backup's document back under the real name, so a crash before the next save does not lose it. */
  private async restore(value: T): Promise<string[]> {
    try {
      await writeFileAtomic(this.opts.file, this.serialize(value), { mode: this.opts.mode, backup: false });
      return [];
    } catch (error) {
      return [`${this.name} could not be restored from its backup (${messageOf(error)}); it will be on the next save.`];
    }
  }

  /** `<name>.corrupt-<time>`, with ':' made '-' because Windows file names cannot hold ':'. */
  private async setAside(file: string): Promise<string> {
    const stamp = this.clock().toISOString().replace(/:/g, '-');
    const aside = await this.moveAside(file, `${file}.corrupt-${stamp}`);
    return aside ?? file;
  }

  /** Renames `file` to `wanted` (or `wanted-2`, … if taken); null when `file` is already gone. */
  private async moveAside(file: string, wanted: string): Promise<string | null> {
    const target = await uniqueName(wanted);
    try {
      await rename(file, target);
      return target;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
  }

  private serialize(value: T): string {
    return `${JSON.stringify({ schemaVersion: this.opts.version, data: value }, null, JSON_INDENT)}\n`;
  }

  private report(problems: string[]): string[] {
    for (const problem of problems) this.logger.warn(problem);
    return problems;
  }
}

function migrated(reading: { fromVersion: number }, current: number): { migratedFrom?: number } {
  return reading.fromVersion < current ? { migratedFrom: reading.fromVersion } : {};
}

/** A name no file has yet. The data folder has one owner (this process), so checking first is enough. */
async function uniqueName(wanted: string): Promise<string> {
  for (let attempt = 1; attempt <= MAX_UNIQUE_NAME_ATTEMPTS; attempt += 1) {
    const candidate = attempt === 1 ? wanted : `${wanted}-${attempt}`;
    try {
      await stat(candidate);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return candidate;
      throw error;
    }
  }
  throw new Error(`no free name for ${path.basename(wanted)} after ${MAX_UNIQUE_NAME_ATTEMPTS} attempts`);
}

/**
 * A person fixing the file by hand needs a line and column. V8 gives a position
 * for some errors and only a quoted snippet for others ("Unexpected token '}',
 * "…" is not valid JSON"), so the position is found by parsing prefixes: one that
 * ends before the bad character fails only for lack of input, and the shortest
 * one that fails otherwise ends just past it.
 */
export function describeJsonError(message: string, text: string): string {
  const reason = message
    .replace(/^(Unexpected token '.*?'), .* is not valid JSON$/s, '$1')
    .replace(/( in JSON)? at position \d+$/, '');
  const offset = jsonErrorOffset(text);
  if (offset === null) return reason;
  const before = text.slice(0, offset);
  return `${reason} at line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
}

function jsonErrorOffset(text: string): number | null {
  if (!failsBeforeEnd(text)) return null;
  let low = 1;
  let high = text.length;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (failsBeforeEnd(text.slice(0, mid))) high = mid;
    else low = mid + 1;
  }
  return low - 1;
}

/** True when `prefix` has an error before its last character, not merely an unfinished value. */
function failsBeforeEnd(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    const message = messageOf(error);
    if (message === 'Unexpected end of JSON input') return false;
    const position = /at position (\d+)/.exec(message);
    return position === null || Number(position[1]) < prefix.length;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
