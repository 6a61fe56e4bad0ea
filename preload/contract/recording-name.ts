/**
 * A recording's file name from the streamer's pattern. In the contract because
 * both sides need it: main names the file, the settings form shows what the
 * next recording will be called as the pattern is typed.
 */
// Characters Windows forbids in file names, plus control characters.
export const ILLEGAL_FILE_CHARS = /[<>:"/\\|?*\u0000-\u001f]/g;
/** Names Windows reserves whatever follows the first dot (CON.mkv, nul.x.mkv cannot be created). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(?=\.|$)/i;
/** Leaves room for the folder and extension inside Windows' 260-character path limit. */
export const MAX_FILE_NAME_LENGTH = 180;

/**
 * A recording's file name (without extension) from the pattern:
 * {date} → 2026-11-25, {time} → 13-05-09 (local time; ':' is illegal on
 * Windows), {scene} → the program scene's name. Anything Windows would refuse
 * is replaced by '-' so the same name works on every platform.
 */
export function fileNameFromPattern(pattern: string, date: Date, sceneName: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}-${pad(date.getMinutes())}-${pad(date.getSeconds())}`;
  const filled = pattern.replaceAll('{date}', day).replaceAll('{time}', time).replaceAll('{scene}', sceneName);
  // Windows also drops trailing dots and spaces, which would make two names collide.
  let name = filled.replace(ILLEGAL_FILE_CHARS, '-').slice(0, MAX_FILE_NAME_LENGTH).trim().replace(/[. ]+$/, '');
  if (name === '') name = `OnAir ${day} ${time}`;
  return name.replace(WINDOWS_RESERVED, '$1_');
}
