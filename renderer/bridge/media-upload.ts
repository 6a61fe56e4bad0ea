/**
 * Adds a picked file to the studio's media library (browser mode): POST to the
 * UI server's /media with the session token (main/remote/media-routes.ts). The
 * answer is the `studio-media:` reference a source keeps instead of the bytes.
 * XMLHttpRequest rather than fetch(): only it reports upload progress, which a
 * streamer adding a large clip needs to see.
 */
import { MEDIA_HTTP_PATH } from '../../preload/contract/media-library';
import { StudioClientError } from './studio-client';

export type UploadProgress = (fraction: number) => void;

/** http://host:port/media for the bridge's ws://host:port/bridge?token=...; the token separately. */
export function mediaEndpointOf(bridgeUrl: string): { url: string; token: string } {
  const u = new URL(bridgeUrl);
  const scheme = u.protocol === 'wss:' ? 'https:' : 'http:';
  return { url: `${scheme}//${u.host}${MEDIA_HTTP_PATH}`, token: u.searchParams.get('token') ?? '' };
}

export function uploadMedia(endpoint: { url: string; token: string }, file: Blob, name: string, onProgress?: UploadProgress): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${endpoint.url}?name=${encodeURIComponent(name)}`);
    xhr.setRequestHeader('Authorization', `Bearer ${endpoint.token}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new StudioClientError('DISCONNECTED', `"${name}" could not be sent to the studio: is it still running? Try again.`));
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status === 201 && typeof body?.src === 'string') return resolve(body.src);
      // The studio's own reason names the file and the fix; without one, say what little is known.
      const message = typeof body?.error === 'string' ? body.error : `"${name}" was not added: the studio answered ${xhr.status}.`;
      reject(new StudioClientError(xhr.status === 401 || xhr.status === 403 ? 'UNAUTHORIZED' : 'BAD_REQUEST', message));
    };
    xhr.send(file);
  });
}

function parseJson(text: string): { src?: unknown; error?: unknown } | null {
  try {
    return JSON.parse(text) as { src?: unknown; error?: unknown };
  } catch {
    return null;
  }
}
