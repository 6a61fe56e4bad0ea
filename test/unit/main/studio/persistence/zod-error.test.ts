import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_LISTED_ISSUES, formatPath, formatZodError } from '../../../../../main/studio/persistence/zod-error';

function errorOf(schema: z.ZodType, value: unknown): z.ZodError {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to be invalid');
  return result.error;
}

const sceneFile = z.object({
  scenes: z.array(z.object({ sources: z.array(z.object({ transform: z.object({ width: z.number() }) })) })),
});

describe('formatZodError', () => {
  it('names the field path the way it appears in the file', () => {
    const value = { scenes: [{ sources: [] }, { sources: [] }, { sources: [{ transform: { width: 'wide' } }] }] };
    expect(formatZodError(errorOf(sceneFile, value))).toBe('scenes[2].sources[0].transform.width: expected a number, got a string');
  });

  it('says a field is missing rather than "received undefined"', () => {
    expect(formatZodError(errorOf(z.object({ name: z.string() }), {}))).toBe('name: is missing (expected a string)');
  });

  it('keeps a message the schema author wrote', () => {
    const schema = z.object({ fps: z.number({ error: 'frame rate must be a number of frames per second' }) });
    expect(formatZodError(errorOf(schema, { fps: 'x' }))).toBe('fps: frame rate must be a number of frames per second');
  });

  it('lists the types a union allows, and unknown fields by name', () => {
    const schema = z.object({ port: z.union([z.string(), z.number()]) }).strict();
    expect(formatZodError(errorOf(schema, { port: true, extra: 1 }))).toBe('port: expected a string or a number; (top level): has unknown field "extra"');
  });

  it('keeps zod wording for other checks, lower-cased to follow the path', () => {
    expect(formatZodError(errorOf(z.object({ bitrate: z.number().min(100) }), { bitrate: 1 }))).toBe('bitrate: too small: expected number to be >=100');
  });

  it(`lists at most ${MAX_LISTED_ISSUES} problems and counts the rest`, () => {
    const schema = z.array(z.number());
    const message = formatZodError(errorOf(schema, ['a', 'b', 'c', 'd', 'e', 'f', 'g']));
    expect(message.split('; ')).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(message).toMatch(/; and 2 more problems$/);
  });
});

describe('formatPath', () => {
  it('quotes keys that are not identifiers', () => {
    expect(formatPath(['outputs', 'my key', 0])).toBe('outputs["my key"][0]');
    expect(formatPath([])).toBe('(top level)');
    expect(formatPath([3, 'x'])).toBe('[3].x');
  });
});
