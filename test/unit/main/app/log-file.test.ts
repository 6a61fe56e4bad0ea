import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RotatingLogFile } from '../../../../main/app/log-file';
import { createLogger } from '../../../../main/engine/logger';
import { SecretRegistry } from '../../../../main/engine/redact';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'onair-log-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('rotating log file', () => {
  it('writes redacted records through the logger', () => {
    const dir = tempDir();
    const file = new RotatingLogFile(dir);
    const secrets = new SecretRegistry();
    secrets.add('sk_live_ABCDEFG');
    const logger = createLogger('app', { sink: file.sink, redact: (t) => secrets.redact(t) });
    logger.warn('pushing to rtmp://live.example/app/sk_live_ABCDEFG failed\nsecond line');
    file.close();
    const text = readFileSync(path.join(dir, 'main.log'), 'utf8');
    expect(text).toMatch(/warn  \[app\] pushing to rtmp:\/\/live\.example\/app\/<redacted> failed\n {4}second line\n$/);
    expect(text).not.toContain('ABCDEFG');
  });

  it('rotates past the size limit and keeps only so many files', () => {
    const dir = tempDir();
    const file = new RotatingLogFile(dir, { maxBytes: 100, keep: 2 });
    // 61-byte lines: every second one crosses 100 bytes and rotates.
    for (let i = 0; i < 11; i += 1) file.write(`${String(i % 10).repeat(60)}\n`);
    file.close();
    expect(existsSync(path.join(dir, 'main.log'))).toBe(true);
    expect(existsSync(path.join(dir, 'main.1.log'))).toBe(true);
    expect(existsSync(path.join(dir, 'main.2.log'))).toBe(true);
    expect(existsSync(path.join(dir, 'main.3.log'))).toBe(false);
    expect(readFileSync(path.join(dir, 'main.log'), 'utf8')).toBe(`${'0'.repeat(60)}\n`);
    expect(readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toContain('9'.repeat(60));
    expect(readFileSync(path.join(dir, 'main.2.log'), 'utf8')).toContain('7'.repeat(60));
  });

  it('gives the tail from a whole line', () => {
    const dir = tempDir();
    const file = new RotatingLogFile(dir);
    for (let i = 0; i < 100; i += 1) file.write(`line ${i}\n`);
    expect(file.tail(50).split('\n')[0]).toMatch(/^line \d+$/);
    expect(file.tail()).toContain('line 99');
    file.close();
  });

  it('never throws when the folder is gone', () => {
    const file = new RotatingLogFile(path.join(tempDir(), 'missing', 'deeper'));
    expect(() => file.write('x\n')).not.toThrow();
    expect(file.tail()).toBe('');
  });
});
