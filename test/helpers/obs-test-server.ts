/**
 * Starts the real ObsWebSocketServer on a free loopback port, backed by the
 * FakeStudioPort (wrapped so every studio call is recorded), with its log kept
 * for assertions (the password must never appear in it).
 */
import { createLogger, memorySink, type LogRecord } from '../../main/engine/logger';
import { ObsWebSocketServer, type ObsServerLimits } from '../../main/remote/obs/obs-server';
import { FakeStudioPort, recordingPort, type RecordedCall } from './fake-studio-port';

export const TEST_PASSWORD = 'correct-horse-battery-staple';
export const STUDIO_UI_ORIGIN = 'http://127.0.0.1:5173';

export interface ObsTestServer {
  server: ObsWebSocketServer;
  studio: FakeStudioPort;
  calls: RecordedCall[];
  logs: LogRecord[];
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startObsTestServer(options: { password?: string | null; limits?: Partial<ObsServerLimits>; studio?: FakeStudioPort } = {}): Promise<ObsTestServer> {
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
