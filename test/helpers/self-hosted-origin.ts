/**
 * The self-hosted origin + edge recipe (resources/origin/), started the way a
 * person starts it: `node resources/origin/start-origin.mjs --json` on free
 * loopback ports, stopped with SIGINT (Ctrl-C). Used by the integration test and
 * the viewer bench.
 *
 * Lifecycle: SelfHostedOrigin.start() resolves once the script has printed its
 * JSON line (both nginx listen by then) -> ... -> stop() sends SIGINT and
 * resolves with the script's exit code. If the test process exits without
 * stop(), the script and both nginx process groups are SIGKILLed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMediaPlaylist, type MediaPlaylist } from './hls-playlist';

export const START_ORIGIN_SCRIPT = fileURLToPath(new URL('../../resources/origin/start-origin.mjs', import.meta.url));

const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 100;

export interface OriginStreamUrls {
  name: string;
  key: string;
  /** rtmp://127.0.0.1:PORT/live/NAME?key=KEY */
  rtmpPublishUrl: string;
  /** http://NAME:KEY@127.0.0.1:PORT/push/NAME/index.m3u8, for `--hls-put`. */
  pushUrl: string;
  edgeLiveUrl: string;
  edgePushUrl: string;
}

/** What start-origin.mjs prints with --json. */
export interface OriginInfo {
  rtmpUrl: string;
  originUrl: string;
  edgeUrl: string;
  dir: string;
  pids: { origin: number; edge: number };
  segmentSeconds: number;
  playlistSegments: number;
  streams: OriginStreamUrls[];
}

export interface StartOriginOptions {
  streams: ReadonlyArray<{ name: string; key: string }>;
  /** The studio's keyframe interval = segment length, s (the script's default: 2). */
  keyintS?: number;
  /** Where start-origin.mjs is, for callers bundled elsewhere (the bench). */
  scriptPath?: string;
}

const running = new Set<SelfHostedOrigin>();
process.once('exit', () => {
  for (const origin of running) origin.killSync();
});

export class SelfHostedOrigin {
  readonly info: OriginInfo;
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  private constructor(child: ChildProcess, info: OriginInfo, exited: Promise<number | null>) {
    this.child = child;
    this.info = info;
    this.exited = exited;
  }

  static async start(options: StartOriginOptions): Promise<SelfHostedOrigin> {
    const args = [options.scriptPath ?? START_ORIGIN_SCRIPT, '--json', '--rtmp-port', '0', '--origin-port', '0', '--edge-port', '0'];
    for (const { name, key } of options.streams) args.push('--stream', `${name}=${key}`);
    if (options.keyintS !== undefined) args.push('--keyint', String(options.keyintS));
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.once('error', () => resolve(null));
    });
    const info = await new Promise<OriginInfo>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`start-origin.mjs printed nothing in ${START_TIMEOUT_MS} ms:\n${stderr}`)), START_TIMEOUT_MS);
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const newline = stdout.indexOf('\n');
        if (newline < 0) return;
        clearTimeout(timer);
        resolve(JSON.parse(stdout.slice(0, newline)) as OriginInfo);
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`start-origin.mjs exited (${code}) before it was ready:\n${stderr}`));
      });
    }).catch((error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    });
    const origin = new SelfHostedOrigin(child, info, exited);
    running.add(origin);
    return origin;
  }

  stream(name: string): OriginStreamUrls {
    const found = this.info.streams.find((s) => s.name === name);
    if (found === undefined) throw new Error(`no stream "${name}" on this origin`);
    return found;
  }

  /** Ctrl-C: the script quits both nginx and removes its run dir; resolves with its exit code. */
  async stop(): Promise<number | null> {
    if (!running.has(this)) return this.exited;
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.killSync(), STOP_TIMEOUT_MS);
    const code = await this.exited;
    clearTimeout(timer);
    running.delete(this);
    return code;
  }

  /** Synchronous, for the 'exit' handler: the script, then both nginx groups. */
  killSync(): void {
    for (const pid of [this.child.pid, -this.info.pids.origin, -this.info.pids.edge]) {
      if (pid === undefined) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /** The origin's access log lines (one per request it answered so far). */
  async originAccessLog(): Promise<string[]> {
    const text = await readFile(join(this.info.dir, 'logs', 'origin-access.log'), 'utf8').catch(() => '');
    return text.split('\n').filter((line) => line !== '');
  }

  /** How many GETs for `path` (e.g. /live/cam/123.ts) the origin has answered. */
  async originGets(path: string): Promise<number> {
    const lines = await this.originAccessLog();
    return lines.filter((line) => line.includes(`"GET ${path} `)).length;
  }
}

/** Polls a media playlist until it lists at least minSegments segments. */
export async function waitForPlaylist(url: string, minSegments: number, timeoutMs: number): Promise<MediaPlaylist> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    const response = await fetch(url).catch((error: unknown) => error as Error);
    if (response instanceof Response) {
      const text = await response.text();
      last = `${response.status}: ${text.slice(0, 200)}`;
      if (response.ok) {
        const playlist = parseMediaPlaylist(text);
        if (playlist.segments.length >= minSegments) return playlist;
      }
    } else {
      last = response.message;
    }
    if (Date.now() > deadline) throw new Error(`${url} did not list ${minSegments} segments within ${timeoutMs} ms (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

export async function fetchPlaylist(url: string): Promise<MediaPlaylist> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return parseMediaPlaylist(await response.text());
}
