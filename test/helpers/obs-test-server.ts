/**
 * Starts the real ObsWebSocketServer on a free loopback port, backed by a studio
 * (the FakeStudioPort unless one is given, e.g. a real Studio from
 * studio-harness.ts), wrapped so every studio call is recorded, with the
 * server's log kept for assertions (the password must never appear in it).
 */
import { createLogger, memorySink, type LogRecord } from '../../main/engine/logger';
import { ObsWebSocketServer, type ObsServerLimits } from '../../main/remote/obs/obs-server';
import type { StudioPort } from '../../main/studio/studio-port';
import { FakeStudioPort, recordingPort, type RecordedCall } from './fake-studio-port';

export const TEST_PASSWORD = 'correct-horse-battery-staple';
export const STUDIO_UI_ORIGIN = 'http://127.0.0.1:5173';

export interface ObsTestServer<P extends StudioPort = FakeStudioPort> {
  server: ObsWebSocketServer;
  studio: P;
  calls: RecordedCall[];
  logs: LogRecord[];
  port: number;
  url: string;
  stop(): Promise<void>;
}

export interface ObsTestServerOptions {
  password?: string | null;
  limits?: Partial<ObsServerLimits>;
}

export function startObsTestServer(options?: ObsTestServerOptions): Promise<ObsTestServer>;
export function startObsTestServer<P extends StudioPort>(options: ObsTestServerOptions & { studio: P }): Promise<ObsTestServer<P>>;
export async function startObsTestServer(options: ObsTestServerOptions & { studio?: StudioPort } = {}): Promise<ObsTestServer<StudioPort>> {
  const studio = options.studio ?? new FakeStudioPort();
  const recorded = recordingPort(studio);
  const logs: LogRecord[] = [];
  const logger = createLogger('obs-test', { level: 'debug', sink: memorySink(logs) });
  const server = new ObsWebSocketServer({
    studio: recorded.port,
    port: 0,
    host: '127.0.0.1',
    password: options.password === undefined ? TEST_PASSWORD : options.password,
    allowedOrigins: [STUDIO_UI_ORIGIN],
    logger,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const { port } = await server.start();
  return { server, studio, calls: recorded.calls, logs, port, url: `ws://127.0.0.1:${port}`, stop: () => server.stop() };
}
