/**
 * What a failed capture means to a streamer: the browser's DOMException names
 * (getUserMedia / getDisplayMedia) turned into one sentence that says which
 * device, what went wrong and what to do. Pure, so every wording is tested.
 */

/** What is being captured; each reads differently ("allow the camera", "share a screen"). */
export type CaptureKind = 'camera' | 'screen' | 'microphone' | 'desktop-audio';

const LABEL: Readonly<Record<CaptureKind, string>> = {
  camera: 'Camera',
  screen: 'Screen',
  microphone: 'Microphone',
  'desktop-audio': 'Desktop audio',
};

const NOUN: Readonly<Record<CaptureKind, string>> = {
  camera: 'camera',
  screen: 'screen',
  microphone: 'microphone',
  'desktop-audio': 'desktop audio',
};

/** Screens and desktop audio are shared through the browser's picker; cameras and microphones are permissions. */
const isShared = (kind: CaptureKind) => kind === 'screen' || kind === 'desktop-audio';

export function captureLabel(kind: CaptureKind): string {
  return LABEL[kind];
}

/** The button that (re)starts a capture of this kind. */
export function captureActionLabel(kind: CaptureKind): string {
  if (kind === 'screen') return 'Share screen';
  if (kind === 'desktop-audio') return 'Share desktop audio';
  return 'Try again';
}

/** Why a capture waits for a click: browsers only open the share picker from one. */
export function needsClickMessage(kind: CaptureKind): string {
  return `${LABEL[kind]}: click "${captureActionLabel(kind)}" to choose what to share (the browser asks on each visit).`;
}

/** The capture ended by itself: the user stopped sharing, or the device went away. */
export function endedMessage(kind: CaptureKind): string {
  if (isShared(kind)) return `${LABEL[kind]}: sharing stopped — click "${captureActionLabel(kind)}" to share again.`;
  return `${LABEL[kind]}: the ${NOUN[kind]} stopped (unplugged, or taken by another application) — click "Try again".`;
}

export function captureErrorMessage(kind: CaptureKind, error: unknown): string {
  const label = LABEL[kind];
  const noun = NOUN[kind];
  const name = error instanceof Error || isDomExceptionLike(error) ? error.name : '';
  const detail = error instanceof Error || isDomExceptionLike(error) ? error.message : String(error);
  // Our own errors (DesktopAudioUnavailableError) already speak to the streamer.
  if (hasCode(error, 'DESKTOP_AUDIO_UNAVAILABLE')) return `${label}: ${detail}`;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return isShared(kind)
        ? `${label}: sharing was cancelled or blocked — click "${captureActionLabel(kind)}" and pick what to share.`
        : `${label}: permission denied — allow the ${noun} in your browser's site settings, then click "Try again".`;
    case 'InvalidStateError':
      // Chromium's answer to getDisplayMedia outside a click ("requires transient activation").
      return needsClickMessage(kind);
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return `${label}: no ${noun} found — connect one, then click "Try again".`;
    case 'OverconstrainedError':
      return `${label}: the chosen ${noun} is not available (unplugged?) — pick another one for this source.`;
    case 'NotReadableError':
    case 'TrackStartError':
      return `${label}: the ${noun} is in use by another application or failed to start — close the other application, then click "Try again".`;
    case 'AbortError':
      return `${label}: the ${noun} did not start — click "${captureActionLabel(kind)}".`;
    case 'NotSupportedError':
      return `${label}: this browser cannot capture a ${noun} here.`;
    default:
      if (name === 'TypeError' && /mediaDevices|undefined/i.test(detail)) {
        // navigator.mediaDevices is missing outside a secure context (http on a LAN address).
        return `${label}: this page may not use capture devices — open the studio at http://127.0.0.1 (or localhost), not a LAN address.`;
      }
      return `${label}: could not start (${name || 'error'}: ${detail}).`;
  }
}

function isDomExceptionLike(e: unknown): e is { name: string; message: string } {
  return typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string' && typeof (e as { message?: unknown }).message === 'string';
}

function hasCode(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;
}
