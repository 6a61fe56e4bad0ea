/**
 * Files picked in the browser, as a scene source can keep them. An image is
 * stored inside the collection as a data: URL (the studio has no access to the
 * browser's disk), so it is size-limited; the compositor gets it as a Blob,
 * decoded here, because the page's CSP forbids fetch() of data: URLs.
 */

/** Largest picture a browser can add, bytes. It travels inside every state event, so keep it modest. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** "12.3 MB" for a byte count. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why this file cannot be an image source, or null when it can. */
export function imageFileProblem(file: { name: string; size: number; type: string }): string | null {
  if (file.type !== '' && !file.type.startsWith('image/')) return `"${file.name}" is not a picture (${file.type}).`;
  if (file.size > MAX_IMAGE_BYTES) {
    return `"${file.name}" is ${formatMegabytes(file.size)}: a browser can add pictures up to ${formatMegabytes(MAX_IMAGE_BYTES)} (the studio keeps them inside your scene collection). Make it smaller, or use the desktop app, which reads pictures from disk.`;
  }
  return null;
}

const DATA_URL = /^data:([^,]*?)(;base64)?,/i;

export function isDataUrl(src: string): boolean {
  return DATA_URL.test(src);
}

/** The bytes of a data: URL as a Blob of its media type; throws on a malformed one. */
export function dataUrlToBlob(url: string): Blob {
  const match = DATA_URL.exec(url);
  if (!match) throw new Error('not a data: URL');
  const type = (match[1] ?? '').split(';')[0] || 'application/octet-stream';
  const body = url.slice(match[0].length);
  if (!match[2]) return new Blob([decodeURIComponent(body)], { type });
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** A file's contents as a data: URL (FileReader does the base64 natively). */
export function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('the file could not be read')));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}
