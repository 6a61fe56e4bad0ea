/**
 * How a source refers to a file in the studio's media library (browser mode:
 * main/studio/media/media-library.ts keeps the files, main/remote/media-routes.ts
 * serves them beside the UI): `studio-media:<id>` in the source's settings, read
 * at MEDIA_HTTP_PATH/<id> on the server that served the page.
 */
export const MEDIA_REF_PREFIX = 'studio-media:';
export const MEDIA_HTTP_PATH = '/media';
