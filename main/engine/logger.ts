/**
 * A small leveled logger. Every line goes through the secret registry's `redact`
 * before it reaches a sink, so no caller can leak a stream key by accident.
 */
import { redact } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogRecord {
  time: string;
  level: LogLevel;
  scope: string;
  message: string;
}

export type LogSink = (record: LogRecord) => void;

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  child(scope: string): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  sink?: LogSink;
  /** The registry's redact; defaults to URL-pattern redaction only. */
  redact?: (text: string) => string;
}

export function createLogger(scope: string, options: LoggerOptions = {}): Logger {
  const min = LEVEL_ORDER[options.level ?? 'info'];
  const sink = options.sink ?? stderrSink;
  const scrub = options.redact ?? ((text: string) => redact(text));
  const log = (level: LogLevel, message: string): void => {
    if (LEVEL_ORDER[level] < min) return;
    sink({ time: new Date().toISOString(), level, scope, message: scrub(message) });
  };
  return {
    debug: (m) => log('debug', m),
    info: (m) => log('info', m),
    warn: (m) => log('warn', m),
    error: (m) => log('error', m),
    child: (sub) => createLogger(`${scope}:${sub}`, options),
  };
}

export function stderrSink(record: LogRecord): void {
  process.stderr.write(`${record.time} ${record.level.padEnd(5)} [${record.scope}] ${record.message}\n`);
}

/** For tests and headless runs that want silence but keep the records. */
export function memorySink(records: LogRecord[]): LogSink {
  return (record) => records.push(record);
}
