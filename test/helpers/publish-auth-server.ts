/**
 * The HTTP endpoint nginx-rtmp's `on_publish` calls before it accepts a publisher,
 * the way streaming services check a stream key. nginx POSTs a form
 * (call=publish&app=live&name=<key>&addr=...); a 2xx answer lets the publisher
 * in, anything else (we send 403) makes nginx drop the connection.
 *
 * It belongs to the test, not to nginx, so it keeps running (and counting) when
 * the origin is killed and restarted.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { LOOPBACK_HOST } from './ports';

export interface PublishCall {
  app: string;
  /** The stream key. */
  name: string;
  addr: string;
  allowed: boolean;
  /** Every form field nginx sent, for assertions this type does not name. */
  fields: Record<string, string>;
}

/** nginx sends a few hundred bytes; anything far larger is not nginx. */
const MAX_BODY_BYTES = 64 * 1024;

export class PublishAuthServer {
  readonly calls: PublishCall[] = [];
  private readonly server: Server;
  private readonly allowedKeys: ReadonlySet<string>;

  constructor(allowedKeys: readonly string[]) {
    this.allowedKeys = new Set(allowedKeys);
    this.server = createServer((request, response) => {
      readBody(request)
        .then((body) => {
          const fields = Object.fromEntries(new URLSearchParams(body));
          const name = fields['name'] ?? '';
          const allowed = this.allowedKeys.has(name);
          this.calls.push({ app: fields['app'] ?? '', name, addr: fields['addr'] ?? '', allowed, fields });
          response.statusCode = allowed ? 200 : 403;
          response.end();
        })
        .catch(() => {
          response.statusCode = 400;
          response.end();
        });
    });
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, LOOPBACK_HOST, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY_BYTES) request.destroy(new Error('on_publish body too large'));
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}
