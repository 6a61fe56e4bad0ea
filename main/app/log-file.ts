/**
 * The app's log: a file in the OS's log folder for the app, rotated by size.
 * Lines arrive already redacted (the logger runs every message through the
 * secret registry before any sink sees it). Writes are synchronous: log volume
 * is a few lines a second at most, and a line written before a crash is the one
 * that explains it.
 *
 *   main.log -> main.1.log -> ... -> main.<keep>.log -> deleted
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { LogRecord, LogSink } from '../engine/logger';

/** Rotate when the current file passes this size, bytes. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
/** Rotated files kept besides the current one. */
export const LOG_KEEP_FILES = 3;
/** How much of the file end the diagnostics read, bytes. */
export const LOG_TAIL_BYTES = 64 * 1024;

export function formatLogRecord(record: LogRecord): string {
  return `${record.time} ${record.level.padEnd(5)} [${record.scope}] ${record.message.replace(/\r?\n/g, '\n    ')}\n`;
}

export class RotatingLogFile {
  readonly file: string;
  private fd: number | null = null;
  private size = 0;

  constructor(
    readonly dir: string,
    private readonly options: { name?: string; maxBytes?: number; keep?: number } = {},
  ) {
    this.file = path.join(dir, options.name ?? 'main.log');
  }

  readonly sink: LogSink = (record) => this.write(formatLogRecord(record));

  write(text: string): void {
    try {
      const fd = this.open();
      const bytes = Buffer.from(text);
      writeSync(fd, bytes);
      this.size += bytes.length;
      if (this.size >= (this.options.maxBytes ?? LOG_MAX_BYTES)) this.rotate();
    } catch {
      // Logging must never take the app down (a full disk, a removed folder): the line is lost.
    }
  }

  /** The last lines of the current file (up to LOG_TAIL_BYTES), for diagnostics. */
  tail(maxBytes = LOG_TAIL_BYTES): string {
    if (!existsSync(this.file)) return '';
    const fd = openSync(this.file, 'r');
    try {
      const size = fstatSync(fd).size;
      const length = Math.min(size, maxBytes);
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, size - length);
      const text = buffer.toString('utf8');
      // Start at a whole line when the read began mid-file.
      return length < size ? text.slice(text.indexOf('\n') + 1) : text;
    } finally {
      closeSync(fd);
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private open(): number {
    if (this.fd !== null) return this.fd;
    this.fd = openSync(this.file, 'a', 0o600);
    this.size = statSync(this.file).size;
    return this.fd;
  }

  private rotate(): void {
    this.close();
    const keep = this.options.keep ?? LOG_KEEP_FILES;
    const numbered = (n: number) => this.file.replace(/(\.log)?$/, `.${n}.log`);
    rmSync(numbered(keep), { force: true });
    for (let n = keep - 1; n >= 1; n -= 1) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
    renameSync(this.file, numbered(1));
    this.size = 0;
  }
}

/** Send each record to every sink (the file and stderr). */
export function teeSink(...sinks: LogSink[]): LogSink {
  return (record) => {
    for (const sink of sinks) sink(record);
  };
}
