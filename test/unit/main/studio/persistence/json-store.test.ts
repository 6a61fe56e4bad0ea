import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonStore, PersistenceError, describeJsonError, type JsonStoreOptions } from '../../../../../main/studio/persistence/json-store';

// A toy document: version 1 kept a scene's size as "WxH"; version 2 splits it.
const sceneV2 = z.object({ name: z.string(), width: z.number(), height: z.number() });
const docV2 = z.object({ scenes: z.array(sceneV2) });
type DocV2 = z.infer<typeof docV2>;
const v1ToV2 = (doc: unknown): unknown => {
  const { scenes } = z.object({ scenes: z.array(z.object({ name: z.string(), size: z.string() })) }).parse(doc);
  return {
    scenes: scenes.map(({ name, size }) => {
      const [width, height] = size.split('x').map(Number);
      return { name, width, height };
    }),
  };
};

const FIXED_TIME = new Date('2026-01-02T03:04:05.678Z');
const CORRUPT_NAME = 'scenes.json.corrupt-2026-01-02T03-04-05.678Z';
const GOOD: DocV2 = { scenes: [{ name: 'Intro', width: 1920, height: 1080 }] };

let dir: string;
let file: string;
let logs: { level: 'warn' | 'info'; message: string }[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'onair-store-'));
  file = path.join(dir, 'scenes.json');
  logs = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function store(overrides: Partial<JsonStoreOptions<DocV2>> = {}): JsonStore<DocV2> {
  return new JsonStore<DocV2>({
    file,
    schema: docV2,
    version: 2,
    migrations: { 1: v1ToV2 },
    defaults: () => ({ scenes: [] }),
    logger: { warn: (message) => logs.push({ level: 'warn', message }), info: (message) => logs.push({ level: 'info', message }) },
    clock: () => FIXED_TIME,
    ...overrides,
  });
}

const envelope = (schemaVersion: number, data: unknown): string => JSON.stringify({ schemaVersion, data }, null, 2);
const readJson = async (name: string): Promise<unknown> => JSON.parse(await readFile(path.join(dir, name), 'utf8'));

describe('JsonStore', () => {
  it('starts from defaults when the file does not exist yet, and says so', async () => {
    const result = await store().load();
    expect(result).toEqual({ value: { scenes: [] }, source: 'defaults', problems: [] });
    expect(logs).toEqual([{ level: 'info', message: 'scenes.json does not exist yet; starting from defaults' }]);
  });

  it('saves as { schemaVersion, data } and loads it back', async () => {
    const s = store();
    await s.load();
    await s.save(GOOD);
    expect(await readJson('scenes.json')).toEqual({ schemaVersion: 2, data: GOOD });
    expect(await store().load()).toEqual({ value: GOOD, source: 'file', problems: [] });
  });

  it('sets a corrupt file aside, reports it, and starts from the backup', async () => {
    const broken = '{\n  "schemaVersion": 2,\n  "data": }\n';
    await writeFile(file, broken);
    await writeFile(`${file}.bak`, envelope(2, GOOD));

    const result = await store().load();

    expect(result.source).toBe('backup');
    expect(result.value).toEqual(GOOD);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^scenes\.json could not be read \(Unexpected token '}' at line 3, column 11\); /);
    expect(result.problems[0]).toContain(`it was set aside as ${CORRUPT_NAME}; the studio started from the backup scenes.json.bak.`);
    // Set aside byte for byte, and the real name holds the backup's document again.
    expect(await readFile(path.join(dir, CORRUPT_NAME), 'utf8')).toBe(broken);
    expect(await readJson('scenes.json')).toEqual({ schemaVersion: 2, data: GOOD });
    expect(logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual(result.problems);
  });

  it('names the bad field when the data does not match the schema, and falls back to defaults without a backup', async () => {
    await writeFile(file, envelope(2, { scenes: [GOOD.scenes[0], { name: 'Outro', width: 'wide', height: 720 }] }));

    const result = await store().load();

    expect(result.source).toBe('defaults');
    expect(result.problems).toEqual([
      `scenes.json has invalid data (scenes[1].width: expected a number, got a string); it was set aside as ${CORRUPT_NAME}; the studio started from defaults.`,
    ]);
    expect(await readdir(dir)).toEqual([CORRUPT_NAME]);
  });

  it('reports both files when the backup is unusable too', async () => {
    await writeFile(file, '');
    await writeFile(`${file}.bak`, '{"data": {}}');
    const result = await store().load();
    expect(result.source).toBe('defaults');
    expect(result.problems).toEqual([
      `scenes.json is empty; it was set aside as ${CORRUPT_NAME}; the studio started from defaults.`,
      'The backup scenes.json.bak is not an OnAir Studio document (schemaVersion: is missing (expected a number)), so it was not used either.',
    ]);
  });

  it('never overwrites an earlier set-aside file', async () => {
    await writeFile(path.join(dir, CORRUPT_NAME), 'earlier');
    await writeFile(file, 'not json');
    const result = await store().load();
    expect(result.problems[0]).toContain(`set aside as ${CORRUPT_NAME}-2;`);
    expect(await readFile(path.join(dir, CORRUPT_NAME), 'utf8')).toBe('earlier');
    expect(await readFile(path.join(dir, `${CORRUPT_NAME}-2`), 'utf8')).toBe('not json');
  });

  it('uses the backup when the file itself is missing', async () => {
    await writeFile(`${file}.bak`, envelope(2, GOOD));
    const result = await store().load();
    expect(result).toMatchObject({ source: 'backup', value: GOOD, problems: ['scenes.json was missing; the studio started from the backup scenes.json.bak.'] });
  });

  it('migrates a v1 file to v2, writes it back, and keeps the v1 file', async () => {
    const v1 = envelope(1, { scenes: [{ name: 'Intro', size: '1920x1080' }] });
    await writeFile(file, v1);

    const result = await store().load();

    expect(result).toEqual({ value: GOOD, source: 'file', problems: [], migratedFrom: 1 });
    expect(await readJson('scenes.json')).toEqual({ schemaVersion: 2, data: GOOD });
    expect(await readFile(`${file}.v1.bak`, 'utf8')).toBe(v1);
    // Loaded again, it is simply a v2 file.
    expect(await store().load()).toEqual({ value: GOOD, source: 'file', problems: [] });
  });

  it('validates the migrated result and sets the file aside when it is invalid', async () => {
    const brokenStep = { 1: (): unknown => ({ scenes: [{ name: 'Intro' }] }) };
    await writeFile(file, envelope(1, { scenes: [] }));
    const result = await store({ migrations: brokenStep }).load();
    expect(result.source).toBe('defaults');
    expect(result.problems[0]).toContain('scenes.json has invalid data after upgrading from schema version 1 (scenes[0].width: is missing (expected a number);');
  });

  it('reports a migration that throws, with the step that failed', async () => {
    await writeFile(file, envelope(1, { scenes: 'none' }));
    const result = await store().load();
    expect(result.problems[0]).toMatch(/^scenes\.json could not be upgraded from schema version 1 to 2 \(/);
  });

  describe('a file made by a newer OnAir Studio', () => {
    const newer = envelope(3, { scenes: [], layouts: ['grid'] });

    it('is left untouched, defaults are used, and save is refused with a clear error', async () => {
      await writeFile(file, newer);
      const s = store();

      const result = await s.load();

      expect(result.source).toBe('defaults');
      expect(result.problems[0]).toContain('scenes.json was made by a newer OnAir Studio (schema version 3; this one understands up to 2)');
      expect(s.blockingNewerVersion).toBe(3);
      const refused = await s.save(GOOD).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(PersistenceError);
      expect(refused).toMatchObject({ code: 'NEWER_FILE', message: expect.stringContaining('made by a newer OnAir Studio') });
      expect(await readFile(file, 'utf8')).toBe(newer);
      expect(await readdir(dir)).toEqual(['scenes.json']);
    });

    it('is kept as .v3.bak when the user chooses to replace it', async () => {
      await writeFile(file, newer);
      const s = store();
      await s.load();
      s.acknowledgeNewerFile();

      await s.save(GOOD);

      expect(await readFile(`${file}.v3.bak`, 'utf8')).toBe(newer);
      expect(await readJson('scenes.json')).toEqual({ schemaVersion: 2, data: GOOD });
      expect(s.blockingNewerVersion).toBeNull();
    });
  });

  it('refuses to save an invalid value, naming the field, and leaves the file alone', async () => {
    const s = store();
    await s.load();
    await s.save(GOOD);
    const bad = { scenes: [{ name: 'X', width: 1, height: Number.NaN }] };
    await expect(s.save(bad)).rejects.toThrow('scenes.json was not saved: scenes[0].height: expected a number, got a NaN');
    expect(await readJson('scenes.json')).toEqual({ schemaVersion: 2, data: GOOD });
  });

  it('refuses to save before load, so an unread file is never overwritten', async () => {
    await writeFile(file, newerThanAnything());
    await expect(store().save(GOOD)).rejects.toMatchObject({ code: 'NOT_LOADED' });
    expect(await readFile(file, 'utf8')).toBe(newerThanAnything());
  });

  it('runs saves in call order, so the last one called is on disk', async () => {
    const s = store();
    await s.load();
    const names = ['a', 'b', 'c', 'd', 'e'];
    await Promise.all(names.map((name) => s.save({ scenes: [{ name, width: 1, height: 1 }] })));
    expect(await readJson('scenes.json')).toEqual({ schemaVersion: 2, data: { scenes: [{ name: 'e', width: 1, height: 1 }] } });
    expect(await readJson('scenes.json.bak')).toEqual({ schemaVersion: 2, data: { scenes: [{ name: 'd', width: 1, height: 1 }] } });
  });
});

describe('describeJsonError', () => {
  it.each([
    ['a token V8 reports with a snippet', '{\n  "a": }', "Unexpected token '}', \"...\" is not valid JSON", "Unexpected token '}' at line 2, column 8"],
    ['an error V8 reports with a position', '{\n "a" 1}', "Expected ':' after property name in JSON at position 7", "Expected ':' after property name at line 2, column 6"],
    ['text after the document', '{}\n}', 'Unexpected non-whitespace character after JSON at position 3', 'Unexpected non-whitespace character after JSON at line 2, column 1'],
    ['an unfinished document, which has no bad character', '{"a": [1,', 'Unexpected end of JSON input', 'Unexpected end of JSON input'],
  ])('locates %s', (_what, text, message, expected) => {
    expect(describeJsonError(message, text)).toBe(expected);
  });
});

function newerThanAnything(): string {
  return envelope(99, {});
}
