/**
 * Whether recordings can be written to a folder, checked when the streamer
 * chooses it rather than when a recording starts (mid-show is too late to find
 * out). The folder is made if missing, and a small file is written and removed,
 * because permission bits alone do not tell (read-only mounts, ACLs, full disks).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

/** The test file's name: hidden, and unlikely to be a recording's. */
const PROBE_FILE = '.onair-write-test';

/** null when recordings can be written in `folder`, else why not and what to do, in words. */
export async function recordingFolderProblem(folder: string): Promise<string | null> {
  if (!isAbsolute(folder)) return `"${folder}" is not a full folder path: give one that starts at the top, like /home/you/Videos or C:\\Users\\you\\Videos.`;
  const probe = join(folder, PROBE_FILE);
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
    return null;
  } catch (err) {
    return describe(folder, (err as NodeJS.ErrnoException).code);
  }
}

function describe(folder: string, code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Recordings cannot be saved in "${folder}": you do not have permission to write there. Choose a folder of your own, such as your Videos folder.`;
    case 'EROFS':
      return `Recordings cannot be saved in "${folder}": that drive is read-only. Choose a folder on another drive.`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `Recordings cannot be saved in "${folder}": part of that path is a file, not a folder. Choose another folder.`;
    case 'ENOSPC':
      return `Recordings cannot be saved in "${folder}": the drive is full. Free some space or choose another drive.`;
    default:
      return `Recordings cannot be saved in "${folder}" (${code ?? 'unknown error'}). Choose another folder.`;
  }
}
