/**
 * Runs the obs-websocket server by the studio's remote-control settings, and
 * restarts it when they change (port, LAN opt-in, on/off) or the password is
 * regenerated. The password is never logged.
 */
import type { Logger } from '../engine/logger';
import type { Studio } from '../studio/studio';
import { ObsWebSocketServer } from './obs/obs-server';

export interface RemoteControl {
  readonly host: string;
  readonly port: number;
  notifyExit(): void;
  stop(): Promise<void>;
}

export interface RemoteControlOptions {
  studio: Studio;
  logger: Logger;
  allowedOrigins: string[];
  /** --remote-port: overrides the settings for this run. */
  portOverride: number | null;
  /** --remote-password: overrides the stored password for this run. */
  passwordOverride: string | null;
}

export async function startRemoteControl(options: RemoteControlOptions): Promise<RemoteControl | null> {
  const { studio } = options;
  let server: ObsWebSocketServer | null = null;
  let current = { host: '127.0.0.1', port: 0 };
  let key = '';

  const apply = async (): Promise<void> => {
    const r = studio.settings.remote;
    const password = options.passwordOverride ?? (await studio.remotePassword());
    const wanted = `${r.enabled}|${r.lan}|${options.portOverride ?? r.port}|${password}`;
    if (wanted === key) return;
    key = wanted;
    await server?.stop();
    server = null;
    if (!r.enabled) return;
    const host = r.lan ? '0.0.0.0' : '127.0.0.1';
    server = new ObsWebSocketServer({ studio, port: options.portOverride ?? r.port, host, password, allowedOrigins: options.allowedOrigins, logger: options.logger });
    const started = await server.start();
    current = { host, port: started.port };
    options.logger.info(`obs-websocket remote control on ${host}:${started.port}`);
  };

  await apply();
  const unsubscribe = studio.on('state', () => {
    apply().catch((err: Error) => studio.notice('error', `Remote control could not restart: ${err.message}. Check the port in Settings → Remote control.`, 'REMOTE_FAILED'));
  });
  if (!server) return null;
  return {
    get host() {
      return current.host;
    },
    get port() {
      return current.port;
    },
    notifyExit: () => (server as ObsWebSocketServer | null)?.notifyExit(),
    stop: async () => {
      unsubscribe();
      await (server as ObsWebSocketServer | null)?.stop();
    },
  };
}
