/**
 * The nginx.conf our test origin runs with, and where to find nginx and its RTMP
 * module. Pure apart from the existence checks in the locate* functions, so the
 * config can be read in one place.
 *
 * Every path nginx would otherwise write to (pid, logs, lock, http temp dirs,
 * HLS, recordings) points inside one temp dir, so the origin runs as root or
 * not without touching /var, and two origins never share anything.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where Debian, Fedora and a source build put the module. */
const RTMP_MODULE_CANDIDATES = [
  '/usr/lib/nginx/modules/ngx_rtmp_module.so',
  '/usr/lib64/nginx/modules/ngx_rtmp_module.so',
  '/usr/share/nginx/modules/ngx_rtmp_module.so',
  '/usr/local/nginx/modules/ngx_rtmp_module.so',
];

/** /usr/sbin is not on a non-root PATH on Debian; fall back to PATH last. */
const NGINX_BINARY_CANDIDATES = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];

export function locateNginx(): string {
  const fromEnv = process.env['NGINX_PATH'];
  if (fromEnv) return fromEnv;
  return NGINX_BINARY_CANDIDATES.find((path) => existsSync(path)) ?? 'nginx';
}

export function locateRtmpModule(): string {
  const fromEnv = process.env['NGINX_RTMP_MODULE'];
  const found = fromEnv ? [fromEnv] : RTMP_MODULE_CANDIDATES.filter((path) => existsSync(path));
  const module = found[0];
  if (module === undefined || !existsSync(module)) {
    throw new Error(
      `ngx_rtmp_module.so not found (looked in ${RTMP_MODULE_CANDIDATES.join(', ')}); ` +
        'install libnginx-mod-rtmp or set NGINX_RTMP_MODULE',
    );
  }
  return module;
}

export interface NginxRtmpConfigInput {
  /** The temp dir nginx runs in (its -p prefix); everything it writes goes here. */
  dir: string;
  modulePath: string;
  rtmpPort: number;
  httpPort: number;
  app: string;
  /** Set when publishes must be authorised by our on_publish server. */
  authPort?: number;
  hls?: { fragmentS: number; playlistLengthS: number };
  record: boolean;
  /** Workers run as root when the master is root, so they can write into dir (0700). */
  runAsRoot: boolean;
}

export const STAT_PATH = '/stat';
export const HLS_URL_PATH = '/hls';
export const ON_PUBLISH_PATH = '/on_publish';

export function nginxPaths(dir: string): {
  conf: string;
  pid: string;
  errorLog: string;
  accessLog: string;
  hlsDir: string;
  recordDir: string;
  tempDir: string;
} {
  return {
    conf: join(dir, 'nginx.conf'),
    pid: join(dir, 'nginx.pid'),
    errorLog: join(dir, 'logs', 'error.log'),
    accessLog: join(dir, 'logs', 'access.log'),
    hlsDir: join(dir, 'hls'),
    recordDir: join(dir, 'record'),
    tempDir: join(dir, 'tmp'),
  };
}

/**
 * One worker process on purpose: nginx-rtmp keeps live streams per worker, so
 * with several workers the stat page (served by whichever worker accepts it)
 * would not see every publisher.
 * `daemon` and `master_process` are not here: they are passed with -g, and nginx
 * refuses a directive given twice.
 */
export function buildNginxConfig(input: NginxRtmpConfigInput): string {
  const paths = nginxPaths(input.dir);
  const temp = (name: string): string => join(paths.tempDir, name);
  const appLines = ['live on;'];
  if (input.authPort !== undefined) {
    appLines.push(`on_publish http://127.0.0.1:${input.authPort}${ON_PUBLISH_PATH};`);
  }
  if (input.hls) {
    appLines.push(
      'hls on;',
      `hls_path ${paths.hlsDir};`,
      `hls_fragment ${input.hls.fragmentS}s;`,
      `hls_playlist_length ${input.hls.playlistLengthS}s;`,
    );
  }
  if (input.record) {
    // record_unique off: one file per stream key, overwritten by a new publish.
    appLines.push('record all;', `record_path ${paths.recordDir};`, 'record_unique off;');
  }

  return `${input.runAsRoot ? 'user root;\n' : ''}worker_processes 1;
# A graceful quit would otherwise wait for every RTMP connection to end.
worker_shutdown_timeout 1s;
pid ${paths.pid};
lock_file ${join(input.dir, 'nginx.lock')};
error_log ${paths.errorLog} info;
load_module ${input.modulePath};

events { worker_connections 256; }

rtmp {
  server {
    listen 127.0.0.1:${input.rtmpPort};
    application ${input.app} {
      ${appLines.join('\n      ')}
    }
  }
}

http {
  access_log ${paths.accessLog};
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};

  server {
    listen 127.0.0.1:${input.httpPort};
    location ${STAT_PATH} { rtmp_stat all; }
    location ${HLS_URL_PATH}/ {
      alias ${paths.hlsDir}/;
      types { application/vnd.apple.mpegurl m3u8; video/mp2t ts; }
      add_header Cache-Control no-cache;
    }
  }
}
`;
}
