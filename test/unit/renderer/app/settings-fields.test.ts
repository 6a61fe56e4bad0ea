import { describe, expect, it } from 'vitest';
import { exampleFileName, exportFileName, fileNamePatternError, originPortError, recordingFolderError } from '../../../../renderer/app/settings-fields';

describe('recording fields', () => {
  it('wants a full folder path', () => {
    expect(recordingFolderError('/home/me/Videos')).toBeNull();
    expect(recordingFolderError('C:\\Users\\me\\Videos')).toBeNull();
    expect(recordingFolderError('\\\\nas\\share')).toBeNull();
    expect(recordingFolderError('  ')).toMatch(/Choose a folder/);
    expect(recordingFolderError('Videos')).toMatch(/full path/);
    expect(recordingFolderError(`/${'x'.repeat(5000)}`)).toMatch(/at most 4,096/);
  });

  it('refuses a pattern with characters no file name may have', () => {
    expect(fileNamePatternError('OnAir {date} {time}')).toBeNull();
    expect(fileNamePatternError('show/{date}')).toMatch(/cannot contain \//);
    expect(fileNamePatternError('')).toMatch(/is required/);
  });

  it('shows the next file name for the pattern and format', () => {
    const at = new Date(2026, 10, 25, 9, 5, 7);
    expect(exampleFileName('OnAir {date} {time}', 'mp4', 'Live', at)).toBe('OnAir 2026-11-25 09-05-07.mp4');
    expect(exampleFileName('{scene} take', 'mkv', 'Q&A: part 1', at)).toBe('Q&A- part 1 take.mkv');
  });
});

describe('local origin port', () => {
  it.each([
    ['8090', null],
    ['0', null],
    ['', /is required/],
    ['abc', /Enter a number/],
    ['80', /below 1024/],
    ['70000', /at most 65,535/],
    ['8090.5', /whole number/],
  ])('%j', (text, expected) => {
    const error = originPortError(text);
    if (expected === null) expect(error).toBeNull();
    else expect(error).toMatch(expected);
  });
});

describe('export file name', () => {
  it('comes from the collection name, made safe', () => {
    expect(exportFileName('My studio')).toBe('My studio.onair-scenes.json');
    expect(exportFileName('a/b: c?')).toBe('a-b- c-.onair-scenes.json');
    expect(exportFileName('  ')).toBe('scenes.onair-scenes.json');
  });
});
