import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingFolderProblem } from '../../../../main/studio/recording-folder';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onair-recfolder-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the recording folder', () => {
  it('is made when missing and left without the test file', async () => {
    const folder = join(dir, 'Videos', 'OnAir');
    expect(await recordingFolderProblem(folder)).toBeNull();
    expect(await readdir(folder)).toEqual([]);
  });

  it('is refused when part of the path is a file', async () => {
    await writeFile(join(dir, 'file'), '');
    expect(await recordingFolderProblem(join(dir, 'file', 'OnAir'))).toMatch(/part of that path is a file/);
  });

  it('is refused when it is not a full path', async () => {
    expect(await recordingFolderProblem('Videos/OnAir')).toMatch(/not a full folder path/);
  });

});
