/**
 * Field checks for the recording and local-origin settings (and the scene
 * export's file name), against the
 * contract's own schemas (the limits main enforces), with the reason in words.
 * Whether a folder can be written is only known to main: it answers on Save.
 */
import { LocalOriginSettingsSchema, RecordingSettingsSchema } from '../../preload/contract';
import { ILLEGAL_FILE_CHARS, fileNameFromPattern } from '../../preload/contract/recording-name';
import { describeIssue } from './field-validation';

/** null when the folder text can be sent to the studio, else why not. */
export function recordingFolderError(folder: string): string | null {
  const text = folder.trim();
  if (text === '') return 'Choose a folder for recordings.';
  if (!(text.startsWith('/') || /^[A-Za-z]:[\\/]/.test(text) || text.startsWith('\\\\'))) {
    return 'Give the full path of the folder, like /home/you/Videos or C:\\Users\\you\\Videos.';
  }
  const parsed = RecordingSettingsSchema.shape.folder.safeParse(text);
  return parsed.success ? null : describeIssue(parsed.error.issues[0], 'characters');
}

/** null when the pattern makes a usable file name, else why not. */
export function fileNamePatternError(pattern: string): string | null {
  if (pattern.trim() === '') return 'A file name pattern is required, like OnAir {date} {time}.';
  const parsed = RecordingSettingsSchema.shape.fileNamePattern.safeParse(pattern);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return issue?.code === 'invalid_format' ? 'A file name cannot contain / \\ : * ? " < > |.' : describeIssue(issue, 'characters');
}

/** The file the next recording would make, for the pattern as typed. */
export function exampleFileName(pattern: string, format: 'mkv' | 'mp4', sceneName: string, now: Date): string {
  return `${fileNameFromPattern(pattern, now, sceneName)}.${format}`;
}

/** null when the text is a port the local origin can use, else why not. */
export function originPortError(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'A port is required (8090 unless something else uses it).';
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return 'Enter a number.';
  const parsed = LocalOriginSettingsSchema.shape.port.safeParse(value);
  if (!parsed.success) return describeIssue(parsed.error.issues[0], '');
  if (value !== 0 && value < 1024) return 'Ports below 1024 need administrator rights: choose 1024 or above (8090 is the default).';
  return null;
}

/** The scene export's file name, from the collection's name, safe on every platform. */
export function exportFileName(collectionName: string): string {
  const base = collectionName.replace(ILLEGAL_FILE_CHARS, '-').trim() || 'scenes';
  return `${base}.onair-scenes.json`;
}
