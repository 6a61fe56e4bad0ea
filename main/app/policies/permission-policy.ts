/**
 * Which web permissions our pages get (checklist item 5). Electron grants every
 * permission by default; we grant only what the studio uses, and only to the
 * studio page's own origin, in its top frame:
 * - media: camera and microphone sources (getUserMedia);
 * - display-capture: screen and window sources (getDisplayMedia, then our picker);
 * - clipboard-sanitized-write: "copy watch link" (navigator.clipboard.writeText).
 * Everything else (notifications, geolocation, MIDI, HID, USB, serial, ...) is
 * refused, and the picker page gets nothing at all.
 */
import { appOrigin, isAppUrl, originOf } from './app-origin';

export const GRANTED_PERMISSIONS = ['media', 'display-capture', 'clipboard-sanitized-write'] as const;
const MEDIA_TYPES = new Set(['video', 'audio']);

export interface PermissionAsk {
  permission: string;
  /** details.requestingUrl: the URL the asking frame last loaded. */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
  /** For 'media': 'video' and/or 'audio'. */
  mediaTypes?: readonly string[];
  /** For 'media': the security origin of the request. */
  securityOrigin?: string;
}

export interface PermissionVerdict {
  granted: boolean;
  reason: string;
}

/** setPermissionRequestHandler. */
export function permissionRequestDecision(ask: PermissionAsk): PermissionVerdict {
  const refused = (reason: string): PermissionVerdict => ({ granted: false, reason });
  if (!(GRANTED_PERMISSIONS as readonly string[]).includes(ask.permission)) return refused(`"${ask.permission}" is not a permission the studio uses`);
  if (!isAppUrl(ask.requestingUrl, 'studio')) return refused(`${originOf(ask.requestingUrl) ?? 'an unknown origin'} is not ${appOrigin('studio')}`);
  if (ask.securityOrigin !== undefined && !isAppUrl(ask.securityOrigin, 'studio')) return refused(`security origin ${ask.securityOrigin} is not ${appOrigin('studio')}`);
  if (!ask.isMainFrame) return refused('only the studio page itself may ask, not a frame inside it');
  if (ask.permission === 'media') {
    const types = ask.mediaTypes ?? [];
    if (types.length === 0 || !types.every((t) => MEDIA_TYPES.has(t))) return refused(`media types [${types.join(', ')}] are not camera or microphone`);
  }
  return { granted: true, reason: `${ask.permission} for ${appOrigin('studio')}` };
}

export interface PermissionCheck {
  permission: string;
  /** The origin Electron passes to the check handler. */
  requestingOrigin: string;
  isMainFrame: boolean;
  /** For 'media' checks: 'video', 'audio' or 'unknown'. */
  mediaType?: string;
  securityOrigin?: string;
}

/** setPermissionCheckHandler: the same rules for the synchronous checks Chromium makes first. */
export function permissionCheckDecision(check: PermissionCheck): boolean {
  if (check.permission === 'display-capture') return false; // never a check; getDisplayMedia always asks
  return permissionRequestDecision({
    permission: check.permission,
    requestingUrl: check.requestingOrigin,
    isMainFrame: check.isMainFrame,
    ...(check.permission === 'media' ? { mediaTypes: check.mediaType ? [check.mediaType] : [] } : {}),
    ...(check.securityOrigin !== undefined ? { securityOrigin: check.securityOrigin } : {}),
  }).granted;
}

export interface DisplayMediaAsk {
  securityOrigin: string;
  /** The asking frame's URL; null when the frame is already gone. */
  frameUrl: string | null;
  videoRequested: boolean;
}

/** setDisplayMediaRequestHandler: the studio page may open the picker; nothing else may. */
export function displayMediaDecision(ask: DisplayMediaAsk): PermissionVerdict {
  if (!ask.videoRequested) return { granted: false, reason: 'screen capture without video is not offered' };
  if (!isAppUrl(ask.securityOrigin, 'studio') || !isAppUrl(ask.frameUrl, 'studio')) {
    return { granted: false, reason: `${originOf(ask.frameUrl) ?? ask.securityOrigin} is not ${appOrigin('studio')}` };
  }
  return { granted: true, reason: 'the studio page asked for a screen or window' };
}
