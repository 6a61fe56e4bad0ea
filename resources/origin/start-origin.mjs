#!/usr/bin/env node
/**
 * Starts the self-hosted origin and edge (origin.conf.template, edge.conf.template
 * beside this file) on loopback ports, for trying the recipe on one machine and
 * for the tests and the viewer bench. Plain Node, no dependencies.
 *
 *   node resources/origin/start-origin.mjs [--stream NAME=KEY]... [--json] ...
 *
 * Lifecycle: render both configs and the allow-lists into a run dir -> start the
 * two nginx masters (each in its own process group, so Ctrl-C reaches only this
 * script) -> wait until every port accepts -> print the URLs -> on SIGINT,
 * SIGTERM or SIGHUP quit both gracefully (SIGQUIT, then SIGKILL of whatever is
 * left) and remove the run dir unless --dir chose it. If either nginx dies on
 * its own, the other is stopped too and the script exits 1.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HOST = '127.0.0.1';
const DEFAULT_PORTS = { rtmp: 1935, origin: 8090, edge: 8091 };
/** The studio's default keyframe interval, s: one HLS segment each. */
const DEFAULT_KEYINT_S = 2;
const DEFAULT_PLAYLIST_SEGMENTS = 6;
const DEFAULT_STREAM_NAME = 'cam';
const RANDOM_KEY_BYTES = 15;
const CACHE_MAX_SIZE = '1g';
const START_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 50;
/** A graceful quit finishes in-flight requests; past this, SIGKILL. */
const STOP_GRACE_MS = 3_000;
const ERROR_LOG_TAIL_CHARS = 2_000;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

const STREAM_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const STREAM_KEY = /^[A-Za-z0-9_-]{8,128}$/;

const HERE = dirname(fileURLToPath(import.meta.url));
const RTMP_MODULE_CANDIDATES = [
  '/usr/lib/nginx/modules/ngx_rtmp_module.so',
  '/usr/lib64/nginx/modules/ngx_rtmp_module.so',
  '/usr/share/nginx/modules/ngx_rtmp_module.so',
  '/usr/local/nginx/modules/ngx_rtmp_module.so',
];
const NGINX_CANDIDATES = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];

const USAGE = `Usage: node resources/origin/start-origin.mjs [options]

Starts the self-hosted HLS origin (RTMP ingest + HLS push ingest) and a caching
edge in front of it, on ${HOST} only. Ctrl-C stops both.

  --stream NAME=KEY    allow KEY to publish stream NAME (repeat for more streams);
                       default: "${DEFAULT_STREAM_NAME}" with a random key
  --rtmp-port N        RTMP ingest (default ${DEFAULT_PORTS.rtmp}; 0 = any free port)
  --origin-port N      origin HTTP: HLS, HLS push (PUT) (default ${DEFAULT_PORTS.origin}; 0 = any)
  --edge-port N        edge HTTP, what viewers use (default ${DEFAULT_PORTS.edge}; 0 = any)
  --keyint S           the studio's keyframe interval = HLS segment length (default ${DEFAULT_KEYINT_S})
  --playlist-segments N  segments listed in a playlist (default ${DEFAULT_PLAYLIST_SEGMENTS})
  --dir DIR            run in DIR and keep it (default: a temp dir, removed on exit)
  --json               print one JSON line with every URL instead of the text
`;

class UsageError extends Error {}

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      stream: { type: 'string', multiple: true },
      'rtmp-port': { type: 'string' },
      'origin-port': { type: 'string' },
      'edge-port': { type: 'string' },
      keyint: { type: 'string' },
      'playlist-segments': { type: 'string' },
      dir: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const streams = (values.stream ?? [`${DEFAULT_STREAM_NAME}=${randomBytes(RANDOM_KEY_BYTES).toString('base64url')}`]).map(parseStream);
  const names = new Set(streams.map((s) => s.name));
  const keys = new Set(streams.map((s) => s.key));
  if (names.size !== streams.length || keys.size !== streams.length) throw new UsageError('--stream: every NAME and every KEY must be different');
  return {
    help: values.help === true,
    streams,
    ports: {
      rtmp: parsePort('--rtmp-port', values['rtmp-port'], DEFAULT_PORTS.rtmp),
      origin: parsePort('--origin-port', values['origin-port'], DEFAULT_PORTS.origin),
      edge: parsePort('--edge-port', values['edge-port'], DEFAULT_PORTS.edge),
    },
    keyintS: parseNumber('--keyint', values.keyint, DEFAULT_KEYINT_S, 0.5, 20),
    playlistSegments: Math.round(parseNumber('--playlist-segments', values['playlist-segments'], DEFAULT_PLAYLIST_SEGMENTS, 3, 60)),
    dir: values.dir === undefined ? undefined : resolve(values.dir),
    json: values.json === true,
  };
}

function parseStream(text) {
  const [name = '', key = ''] = text.split('=', 2);
  if (!STREAM_NAME.test(name)) throw new UsageError(`--stream ${text}: NAME must be 1-64 of A-Z a-z 0-9 _ -`);
  if (!STREAM_KEY.test(key)) throw new UsageError(`--stream NAME=KEY: KEY must be 8-128 of A-Z a-z 0-9 _ -`);
  return { name, key };
}

function parsePort(flag, text, fallback) {
  const port = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${flag} must be a port number (0 = any free port)`);
  return port;
}

function parseNumber(flag, text, fallback, min, max) {
  const n = text === undefined ? fallback : Number(text);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`${flag} must be a number from ${min} to ${max}`);
  return n;
}

/** Replaces every {{NAME}}; a placeholder without a value is a bug in this script. */
function render(template, values) {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_match, name) => {
    if (!(name in values)) throw new Error(`no value for {{${name}}}`);
    return String(values[name]);
  });
}

/** The kernel picks a free port for each 0; all are held until all are known. */
async function resolvePorts(ports) {
  const held = await Promise.all(Object.values(ports).map((port) => (port === 0 ? holdFreePort() : null)));
  const resolved = Object.fromEntries(Object.entries(ports).map(([name, port], i) => [name, held[i]?.port ?? port]));
  await Promise.all(held.map((h) => h?.close()));
  return resolved;
}

function holdFreePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, HOST, () => done({ port: server.address().port, close: () => new Promise((closed) => server.close(closed)) }));
  });
}

function locate(envName, candidates, fallback, what) {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  const found = candidates.find((path) => existsSync(path));
  if (found !== undefined || fallback !== undefined) return found ?? fallback;
  throw new Error(`${what} not found (looked in ${candidates.join(', ')}); install it or set ${envName}`);
}

/** Writes both configs and the allow-lists; returns the config paths. */
async function writeRunDir(dir, options, ports) {
  await Promise.all(['logs', 'tmp', 'hls/live', 'hls/push', 'edge-cache'].map((sub) => mkdir(join(dir, sub), { recursive: true })));
  const values = {
    DIR: dir,
    RTMP_MODULE: locate('NGINX_RTMP_MODULE', RTMP_MODULE_CANDIDATES, undefined, 'ngx_rtmp_module.so (libnginx-mod-rtmp)'),
    RTMP_PORT: ports.rtmp,
    RTMP_LISTEN: `${HOST}:${ports.rtmp}`,
    ORIGIN_LISTEN: `${HOST}:${ports.origin}`,
    ORIGIN_LOOPBACK: `${HOST}:${ports.origin}`,
    ORIGIN_ADDRESS: `${HOST}:${ports.origin}`,
    EDGE_LISTEN: `${HOST}:${ports.edge}`,
    FRAGMENT_S: options.keyintS,
    PLAYLIST_SEGMENTS: options.playlistSegments,
    PLAYLIST_S: options.keyintS * options.playlistSegments,
    CACHE_MAX_SIZE,
  };
  const conf = { origin: join(dir, 'origin.conf'), edge: join(dir, 'edge.conf') };
  for (const name of ['origin', 'edge']) {
    const template = await readFile(join(HERE, `${name}.conf.template`), 'utf8');
    await writeFile(conf[name], render(template, values));
  }
  // The two allow-lists, from the same NAME=KEY pairs: RTMP publishes NAME?key=KEY,
  // HLS push logs in as user NAME with password KEY ({PLAIN}: nginx compares as is).
  await writeFile(join(dir, 'publish-keys.map'), options.streams.map((s) => `${s.name}:${s.key} 1;\n`).join(''), { mode: 0o600 });
  await writeFile(join(dir, 'push-users.htpasswd'), options.streams.map((s) => `${s.name}:{PLAIN}${s.key}\n`).join(''), { mode: 0o600 });
  return conf;
}

/** One nginx master (and its workers), in its own process group. */
function startNginx(name, dir, conf) {
  const errorLog = join(dir, 'logs', `${name}-error.log`);
  // Workers of a root master drop to "nobody", who cannot enter the 0700 run dir.
  const globals = `daemon off; master_process on;${process.getuid?.() === 0 ? ' user root;' : ''}`;
  const child = spawn(locate('NGINX_PATH', NGINX_CANDIDATES, 'nginx', 'nginx'), ['-p', `${dir}/`, '-c', conf, '-e', errorLog, '-g', globals], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((done) => {
    child.once('exit', (code, signal) => done(code ?? signal));
    child.once('error', (error) => done(String(error)));
  });
  const tail = async () => `${stderr}${(await readFile(errorLog, 'utf8').catch(() => '')).slice(-ERROR_LOG_TAIL_CHARS)}`;
  return { name, child, exited, tail };
}

function accepts(port) {
  return new Promise((done) => {
    const socket = connect(port, HOST);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

async function waitListening(servers, ports) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const dead = servers.find((s) => s.child.exitCode !== null || s.child.signalCode !== null);
    if (dead) throw new Error(`${dead.name} nginx exited at start:\n${await dead.tail()}`);
    if ((await Promise.all(ports.map(accepts))).every(Boolean)) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${ports.join(', ')} within ${START_TIMEOUT_MS} ms`);
    await new Promise((done) => setTimeout(done, POLL_INTERVAL_MS));
  }
}

/** SIGQUIT (finish requests), then SIGKILL of whatever is left of the group after STOP_GRACE_MS. */
async function stopNginx(server) {
  const group = server.child.pid;
  if (group === undefined) return;
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGQUIT');
    await Promise.race([server.exited, new Promise((done) => setTimeout(done, STOP_GRACE_MS))]);
  }
  try {
    // Workers outlive a master that died or was too slow; after a clean quit the group is empty.
    process.kill(-group, 'SIGKILL');
  } catch {
    // the group is empty
  }
  await server.exited;
}

function urls(options, ports, dir, servers) {
  const origin = `http://${HOST}:${ports.origin}`;
  const edge = `http://${HOST}:${ports.edge}`;
  const rtmp = `rtmp://${HOST}:${ports.rtmp}/live`;
  return {
    rtmpUrl: rtmp,
    originUrl: origin,
    edgeUrl: edge,
    dir,
    pids: { origin: servers[0].child.pid, edge: servers[1].child.pid },
    segmentSeconds: options.keyintS,
    playlistSegments: options.playlistSegments,
    streams: options.streams.map(({ name, key }) => ({
      name,
      key,
      rtmpPublishUrl: `${rtmp}/${name}?key=${key}`,
      pushUrl: `http://${name}:${key}@${HOST}:${ports.origin}/push/${name}/index.m3u8`,
      edgeLiveUrl: `${edge}/live/${name}/index.m3u8`,
      edgePushUrl: `${edge}/push/${name}/index.m3u8`,
    })),
  };
}

function describe(info, keepDir) {
  const lines = [`OnAir self-hosted origin + edge on ${HOST} (Ctrl-C stops both)`];
  for (const s of info.streams) {
    lines.push(
      `  stream "${s.name}", key ${s.key}`,
      `    publish over RTMP   ${s.rtmpPublishUrl}`,
      `    or push HLS         ${s.pushUrl}`,
      `    watch (RTMP-fed)    ${s.edgeLiveUrl}`,
      `    watch (push-fed)    ${s.edgePushUrl}`,
      `    try: onair broadcast --source testcard --to ${s.rtmpPublishUrl}`,
    );
  }
  lines.push(`  origin ${info.originUrl}, edge ${info.edgeUrl}; configs and logs in ${info.dir}${keepDir ? '' : ' (removed on exit)'}`);
  return `${lines.join('\n')}\n`;
}

async function main(argv) {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  // Caught from the start and acted on once both nginx are up, so a Ctrl-C during
  // startup cannot leave one running; a second Ctrl-C while stopping is ignored.
  const interrupted = new Promise((done) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => done(null));
  });
  const ports = await resolvePorts(options.ports);
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'onair-origin-')));
  await mkdir(dir, { recursive: true });
  const servers = [];
  const stop = async (code) => {
    await Promise.all(servers.map(stopNginx));
    if (options.dir === undefined) await rm(dir, { recursive: true, force: true });
    return code;
  };

  try {
    const conf = await writeRunDir(dir, options, ports);
    servers.push(startNginx('origin', dir, conf.origin), startNginx('edge', dir, conf.edge));
    await waitListening(servers, [ports.rtmp, ports.origin, ports.edge]);
  } catch (error) {
    process.stderr.write(`start-origin: ${error.message}\n`);
    return stop(EXIT_FAILED);
  }
  const info = urls(options, ports, dir, servers);
  process.stdout.write(options.json ? `${JSON.stringify(info)}\n` : describe(info, options.dir !== undefined));

  const died = Promise.race(servers.map(async (s) => `${s.name} nginx exited (${await s.exited}):\n${await s.tail()}`));
  const failure = await Promise.race([interrupted, died]);
  if (failure !== null) process.stderr.write(`start-origin: ${failure}\n`);
  return stop(failure === null ? 0 : EXIT_FAILED);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`start-origin: ${error.stack ?? error}\n`);
    process.exit(EXIT_FAILED);
  },
);
