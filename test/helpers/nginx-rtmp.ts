/**
 * A real nginx with the RTMP module, started by a test on free loopback ports:
 * the origin our RTMP outputs push to in integration and e2e tests.
 *
 * Lifecycle: new NginxRtmp(options) -> start() -> ... -> stop().
 * - start() picks the ports once and writes the config into a fresh temp dir;
 *   it resolves when both the RTMP and the HTTP port accept connections.
 * - kill() SIGKILLs the master and its workers, like a crash; the dir stays.
 * - restart() starts again on the same ports, so a publisher's reconnect loop
 *   finds its origin back at the same URL.
 * - stop() quits gracefully (SIGQUIT), SIGKILLs whatever is left, closes the
 *   on_publish server and removes the dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HLS_URL_PATH,
  STAT_PATH,
  buildNginxConfig,
  locateNginx,
  locateRtmpModule,
  nginxPaths,
} from './nginx-rtmp-config';
import { isAlive, processGroupPids } from './processes';
import { LOOPBACK_HOST, freePorts } from './ports';
import { PublishAuthServer, type PublishCall } from './publish-auth-server';
import { parseRtmpStat, type RtmpStat, type RtmpStreamStat } from './rtmp-stat';

export interface NginxRtmpOptions {
  /** RTMP application name: rtmp://host:port/<app>/<key>. Default 'live'. */
  app?: string;
  /** Authorise publishers through on_publish: only these stream keys get in. */
  onPublish?: { allowedKeys: readonly string[] };
  /** Have nginx write HLS into its dir and serve it at hlsPlaylistUrl(key). */
  hls?: boolean | { fragmentS?: number; playlistLengthS?: number };
  /** Record every published stream to recordingPath(key) (FLV). */
  record?: boolean;
}

const DEFAULT_APP = 'live';
const HLS_FRAGMENT_S = 1;
const HLS_PLAYLIST_LENGTH_S = 6;
const START_TIMEOUT_MS = 10_000;
/** How long a graceful quit may take before the rest is SIGKILLed. */
const STOP_GRACE_MS = 3_000;
const EXIT_TIMEOUT_MS = 5_000;
const POLL_INTERVAL_MS = 50;
const STAT_POLL_INTERVAL_MS = 100;
const STAT_FETCH_TIMEOUT_MS = 2_000;
const ERROR_LOG_TAIL_CHARS = 2_000;

/** Masters still running, SIGKILLed if the test process exits without stop(). */
const running = new Set<NginxRtmp>();
process.once('exit', () => {
  for (const origin of running) origin.killSync();
});

export class NginxRtmp {
  readonly app: string;
  private readonly options: NginxRtmpOptions;
  private ports: { rtmp: number; http: number; auth: number } | undefined;
  private dirPath: string | undefined;
  private master: ChildProcess | undefined;
  private masterExit: Promise<void> | undefined;
  private auth: PublishAuthServer | undefined;

  constructor(options: NginxRtmpOptions = {}) {
    this.options = options;
    this.app = options.app ?? DEFAULT_APP;
  }

  get rtmpPort(): number {
    return this.requirePorts().rtmp;
  }

  get httpPort(): number {
    return this.requirePorts().http;
  }

  /** The temp dir nginx runs in (config, logs, HLS, recordings). */
  get dir(): string {
    if (this.dirPath === undefined) throw new Error('NginxRtmp has not been started');
    return this.dirPath;
  }

  get statUrl(): string {
    return `http://${LOOPBACK_HOST}:${this.httpPort}${STAT_PATH}`;
  }

  get isRunning(): boolean {
    return this.master !== undefined;
  }

  /** rtmp://127.0.0.1:<port>/<app>/<key>, or the application URL without a key. */
  rtmpUrl(key?: string): string {
    const appUrl = `rtmp://${LOOPBACK_HOST}:${this.rtmpPort}/${this.app}`;
    return key === undefined ? appUrl : `${appUrl}/${key}`;
  }

  hlsPlaylistUrl(key: string): string {
    return `http://${LOOPBACK_HOST}:${this.httpPort}${HLS_URL_PATH}/${key}.m3u8`;
  }

  /** Complete once the publisher has gone (nginx finalises the file then). */
  recordingPath(key: string): string {
    return join(nginxPaths(this.dir).recordDir, `${key}.flv`);
  }

  /** Number of on_publish calls so far (allowed and refused), across restarts. */
  publishCount(): number {
    return this.auth?.calls.length ?? 0;
  }

  publishCalls(): readonly PublishCall[] {
    return this.auth?.calls ?? [];
  }

  async start(): Promise<void> {
    if (this.master) throw new Error('NginxRtmp is already running');
    if (this.ports === undefined) {
      const [rtmp = 0, http = 0, auth = 0] = await freePorts(3);
      this.ports = { rtmp, http, auth };
    }
    const dir = this.dirPath ?? (await mkdtemp(join(tmpdir(), 'onair-nginx-rtmp-')));
    this.dirPath = dir;
    const paths = nginxPaths(dir);
    await Promise.all(
      [join(dir, 'logs'), paths.tempDir, paths.hlsDir, paths.recordDir].map((path) => mkdir(path, { recursive: true })),
    );
    await writeFile(paths.conf, this.config(dir));

    if (this.options.onPublish && this.auth === undefined) {
      this.auth = new PublishAuthServer(this.options.onPublish.allowedKeys);
      await this.auth.listen(this.ports.auth);
    }

    const child = spawn(
      locateNginx(),
      ['-p', `${dir}/`, '-c', paths.conf, '-e', paths.errorLog, '-g', 'daemon off; master_process on;'],
      // Its own process group, so one signal reaches the master and every worker
      // at once: killing workers first would let the master respawn them.
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    this.master = child;
    // 'error' without 'exit' happens when the binary cannot be spawned at all.
    this.masterExit = new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', (error) => {
        stderr += String(error);
        resolve();
      });
    });
    running.add(this);

    try {
      await this.waitUntilListening(child, START_TIMEOUT_MS);
    } catch (error) {
      await this.kill();
      const log = await this.errorLogTail();
      throw new Error(`nginx did not start: ${(error as Error).message}\n${stderr}\n${log}`);
    }
  }

  /** Graceful quit, then SIGKILL of anything left; removes the temp dir. */
  async stop(): Promise<void> {
    await this.quit();
    await this.auth?.close();
    this.auth = undefined;
    if (this.dirPath !== undefined) await rm(this.dirPath, { recursive: true, force: true });
    this.dirPath = undefined;
  }

  /** SIGKILL of the master and every worker at once, to simulate a crash. */
  async kill(): Promise<void> {
    const group = this.master?.pid;
    this.killSync();
    await this.masterExit;
    if (group !== undefined) await waitForGroupExit(group);
    this.forget();
  }

  /** Starts again on the same ports (quitting first if still running). */
  async restart(): Promise<void> {
    await this.quit();
    await this.start();
  }

  /** Synchronous so it can run in a process 'exit' handler. */
  killSync(): void {
    const group = this.master?.pid;
    if (group === undefined) return;
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // The whole group is already gone.
    }
  }

  async stat(): Promise<RtmpStat> {
    const response = await fetch(this.statUrl, { signal: AbortSignal.timeout(STAT_FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`GET ${this.statUrl} answered ${response.status}`);
    return parseRtmpStat(await response.text());
  }

  async streamStat(key: string): Promise<RtmpStreamStat | undefined> {
    const { streams } = await this.stat();
    return streams.find((stream) => stream.app === this.app && stream.name === key);
  }

  /**
   * Polls the stat page until `key` is being published and nginx has seen its
   * codec headers (so `video`/`audio` are filled in); returns its stats.
   * nginx lists the stream as publishing a moment before the headers arrive.
   */
  async waitForPublisher(key: string, timeoutMs: number): Promise<RtmpStreamStat> {
    let found: RtmpStreamStat | undefined;
    await waitUntil(
      async () => {
        found = await this.streamStat(key).catch(() => undefined);
        return found?.publishing === true && (found.video !== undefined || found.audio !== undefined);
      },
      timeoutMs,
      `a publisher on ${this.app}/${key}`,
      STAT_POLL_INTERVAL_MS,
    );
    if (found === undefined) throw new Error('unreachable: waitUntil resolved without a stream');
    return found;
  }

  async errorLogTail(): Promise<string> {
    if (this.dirPath === undefined) return '';
    const log = await readFile(nginxPaths(this.dirPath).errorLog, 'utf8').catch(() => '');
    return log.slice(-ERROR_LOG_TAIL_CHARS);
  }

  private config(dir: string): string {
    const ports = this.requirePorts();
    const hls = this.options.hls;
    return buildNginxConfig({
      dir,
      modulePath: locateRtmpModule(),
      rtmpPort: ports.rtmp,
      httpPort: ports.http,
      app: this.app,
      ...(this.options.onPublish ? { authPort: ports.auth } : {}),
      ...(hls
        ? {
            hls: {
              fragmentS: (hls === true ? undefined : hls.fragmentS) ?? HLS_FRAGMENT_S,
              playlistLengthS: (hls === true ? undefined : hls.playlistLengthS) ?? HLS_PLAYLIST_LENGTH_S,
            },
          }
        : {}),
      record: this.options.record === true,
      runAsRoot: process.getuid?.() === 0,
    });
  }

  /** SIGQUIT (finish requests, close files), bounded by STOP_GRACE_MS, then kill(). */
  private async quit(): Promise<void> {
    const master = this.master;
    if (master?.pid === undefined) return;
    const group = master.pid;
    master.kill('SIGQUIT');
    const exited = await Promise.race([this.masterExit?.then(() => true), delay(STOP_GRACE_MS).then(() => false)]);
    if (!exited) {
      await this.kill();
      return;
    }
    await waitForGroupExit(group);
    this.forget();
  }

  private forget(): void {
    running.delete(this);
    this.master = undefined;
    this.masterExit = undefined;
  }

  private async waitUntilListening(child: ChildProcess, timeoutMs: number): Promise<void> {
    const { rtmp, http } = this.requirePorts();
    await waitUntil(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`nginx exited (${child.exitCode ?? child.signalCode}) before listening`);
        }
        return (await accepts(rtmp)) && (await accepts(http));
      },
      timeoutMs,
      `nginx to listen on ${rtmp} (rtmp) and ${http} (http)`,
    );
  }

  private requirePorts(): { rtmp: number; http: number; auth: number } {
    if (this.ports === undefined) throw new Error('NginxRtmp has not been started');
    return this.ports;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, LOOPBACK_HOST);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Workers outlive a master that was SIGKILLed for a moment; their sockets close when they die. */
function waitForGroupExit(group: number): Promise<void> {
  const alive = (): number[] => processGroupPids(group).filter(isAlive);
  return waitUntil(() => alive().length === 0, EXIT_TIMEOUT_MS, `nginx process group ${group} to exit`);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every intervalMs until it holds; throws after timeoutMs. */
async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  intervalMs = POLL_INTERVAL_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(intervalMs);
  }
}
