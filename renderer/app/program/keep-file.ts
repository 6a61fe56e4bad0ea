/**
 * How a picked file becomes an image or media source's `src`: in browser mode
 * the studio's media library keeps it (uploaded once; it survives a reload and
 * stays out of the state events); without one (the desktop app's IPC client) a
 * picture is kept inline as a data: URL (size-limited) and a clip plays from
 * this page's blob: URL.
 */
import type { StudioClient } from '../../bridge/studio-client';
import { imageFileProblem, readAsDataUrl } from './data-url';
import type { ProgramRuntime } from './program-runtime';

export async function keepPickedFile(
  kind: 'image' | 'media',
  file: File,
  client: Pick<StudioClient, 'uploadFile'>,
  runtime: Pick<ProgramRuntime, 'localFileUrl'> | null,
  onProgress?: (fraction: number) => void,
): Promise<string> {
  if (client.uploadFile) return client.uploadFile(file, file.name, onProgress);
  if (kind === 'image') {
    const problem = imageFileProblem(file);
    if (problem) throw new Error(problem);
    return readAsDataUrl(file);
  }
  if (!runtime) throw new Error('The program is still starting: try again in a moment.');
  return runtime.localFileUrl(file);
}
