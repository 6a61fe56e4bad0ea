/**
 * The one place secrets are scrubbed from text. Every log line, error message,
 * health snapshot and CLI line passes through `redact` before it leaves the engine.
 *
 * Two layers, because either alone misses something:
 * 1. Registered secrets (stream keys, passwords) are replaced wherever they appear.
 * 2. Known secret-bearing URL parts are replaced even when nobody registered them:
 *    the stream-key path of an RTMP(S) URL, `user:password@` credentials, and the
 *    `streamid` / `passphrase` / `key` / `token` query parameters.
 */

export const REDACTED = '<redacted>';

/** Secrets shorter than this are too likely to match ordinary text to be replaced. */
const MIN_SECRET_LENGTH = 4;

export class SecretRegistry {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret && secret.length >= MIN_SECRET_LENGTH) this.secrets.add(secret);
  }

  /** Registers the secret parts of a destination URL (its stream key, credentials). */
  addUrl(url: string): void {
    for (const part of secretPartsOfUrl(url)) this.add(part);
  }

  redact(text: string): string {
    return redact(text, this.secrets);
  }
}

const SECRET_QUERY_PARAMS = /([?&](?:streamid|passphrase|key|token|password|pwd|auth|sign|secret)=)([^&\s'"]+)/gi;
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)([^/\s:@'"]+):([^@\s'"]+)@/gi;
// rtmp://host[:port]/app/KEY... : everything after the application name is the key.
const RTMP_KEY_PATH = /(rtmps?:\/\/[^/\s'"]+\/[^/\s'"?]+\/)([^\s'"]+)/gi;

export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  // Longest first, so a secret that contains another is replaced whole.
  const sorted = [...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  for (const secret of sorted) out = out.split(secret).join(REDACTED);
  out = out.replace(URL_CREDENTIALS, `$1$2:${REDACTED}@`);
  out = out.replace(SECRET_QUERY_PARAMS, `$1${REDACTED}`);
  out = out.replace(RTMP_KEY_PATH, (_m, head: string, key: string) => (key.startsWith(REDACTED) ? head + key : head + REDACTED));
  return out;
}

/** The parts of a URL that are secret: the RTMP stream key, credentials, secret query values. */
export function secretPartsOfUrl(url: string): string[] {
  const parts: string[] = [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return parts;
  }
  if (parsed.password) parts.push(decodeURIComponent(parsed.password));
  for (const [name, value] of parsed.searchParams) {
    if (/^(streamid|passphrase|key|token|password|pwd|auth|sign|secret)$/i.test(name) && value) parts.push(value);
  }
  if (/^rtmps?:$/.test(parsed.protocol)) {
    const segments = parsed.pathname.split('/').filter(Boolean);
    if (segments.length > 1) parts.push(segments.slice(1).join('/'));
  }
  return parts;
}
