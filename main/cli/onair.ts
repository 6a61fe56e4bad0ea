#!/usr/bin/env node
/**
 * `onair`: the studio's command line. The composition root for headless use:
 * it wires the logger, the secret registry and the process registry by hand and
 * hands them to the command.
 */
import { EngineError } from '../engine/errors';
import { createLogger, type LogLevel } from '../engine/logger';
import { ProcessRegistry } from '../engine/process/process-registry';
import { SecretRegistry } from '../engine/redact';
import { broadcastCommand } from './broadcast-command';
import { BROADCAST_USAGE, UsageError } from './broadcast-args';
import { processIo } from './cli-io';
import { probeCommand } from './probe-command';
import { STUDIO_USAGE, studioCommand } from './studio-command';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const USAGE = `OnAir Studio command line

  onair probe [--json] [--refresh]   what this machine's ffmpeg can do, and the encoder it would use
  onair broadcast --source testcard|FILE [--to URL]... [--hls DIR] [--record FILE] ...
                                     broadcast headlessly (onair broadcast --help for every option)
  onair studio [--port N] [--no-open] [--data-dir DIR] [--remote-port N] [--remote-password PW]
                                     the studio in your browser, with obs-websocket remote control

Environment: FFMPEG_PATH (ffmpeg to use), ONAIR_CACHE_DIR (probe cache), ONAIR_LOG_LEVEL (debug|info|warn|error).`;

/** Time allowed for a clean stop after Ctrl-C before a second Ctrl-C is needed. */
const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

async function main(argv: string[]): Promise<number> {
  const secrets = new SecretRegistry();
  const redact = (s: string) => secrets.redact(s);
  const io = processIo(redact);
  const levelEnv = process.env.ONAIR_LOG_LEVEL as LogLevel | undefined;
  const logger = createLogger('onair', { level: levelEnv && LOG_LEVELS.includes(levelEnv) ? levelEnv : 'warn', redact });
  const registry = new ProcessRegistry(logger.child('process'), redact);
  const [command, ...rest] = argv;

  let interrupts = 0;
  let onInterrupt: () => void = () => {};
  const interrupted = new Promise<void>((resolve) => (onInterrupt = resolve));
  const handleSignal = () => {
    interrupts++;
    if (interrupts > 1) {
      io.err('stopping now without finishing the outputs');
      void registry.stopAll(0).finally(() => process.exit(130));
      return;
    }
    onInterrupt();
  };
  process.on('SIGINT', handleSignal);
  process.on('SIGTERM', handleSignal);

  try {
    switch (command) {
      case 'probe':
        return await probeCommand(rest, io);
      case 'broadcast':
        if (rest.includes('--help') || rest.includes('-h')) {
          io.out(BROADCAST_USAGE);
          return 0;
        }
        return await broadcastCommand(rest, { io, logger, registry, secrets, interrupted });
      case 'studio':
        if (rest.includes('--help') || rest.includes('-h')) {
          io.out(STUDIO_USAGE);
          return 0;
        }
        return await studioCommand(rest, { io, logger, registry, secrets, interrupted, appRoot: appRoot() });
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(err.message);
      return 2;
    }
    if (err instanceof EngineError) {
      io.err(err.message);
      if (err.detail) logger.debug(err.detail);
      return 3;
    }
    io.err(`unexpected error: ${(err as Error).stack ?? String(err)}`);
    return 1;
  } finally {
    await registry.stopAll();
  }
}

/** The package root: dist/cli/onair.js lives two folders below it (and main/cli/onair.ts too). */
function appRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

void main(process.argv.slice(2)).then((code) => process.exit(code));
