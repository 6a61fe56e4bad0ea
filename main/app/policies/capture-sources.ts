/**
 * The screen/window picker, as data: what the picker shows, and what a choice
 * grants. desktopCapturer's sources become plain view models (the NativeImage
 * thumbnails as PNG data URLs, made by the caller); a choice is honoured only if
 * it names a source that was offered for this very request.
 *
 * System audio: Chromium captures it with the picture as a "loopback" device on
 * Windows only (Electron's Streams.audio). macOS needs feature flags that are
 * still experimental and Linux has no loopback at all, so the picker offers it
 * on Windows and says nothing elsewhere (a desktop-audio source covers those).
 */
import type { CaptureSource, PickerChoice, PickerRequest } from '../../../preload/contract/capture-picker';

/** Thumbnail size asked of desktopCapturer, px: two columns of 16:9 cards. */
export const THUMBNAIL_SIZE = { width: 320, height: 180 } as const;
/** A window name longer than this is cut; titles can be whole URLs. */
const MAX_NAME_LENGTH = 200;

export interface RawCaptureSource {
  id: string;
  name: string;
  thumbnailDataUrl: string;
  appIconDataUrl: string | null;
}

export function systemAudioOffered(platform: NodeJS.Platform, audioRequested: boolean): boolean {
  return audioRequested && platform === 'win32';
}

export function pickerRequest(sources: readonly RawCaptureSource[], platform: NodeJS.Platform, audioRequested: boolean): PickerRequest {
  const view: CaptureSource[] = sources
    // A window with an empty thumbnail is minimised or cloaked: choosing it would capture nothing.
    .filter((s) => s.id.startsWith('screen:') || s.thumbnailDataUrl !== 'data:image/png;base64,')
    .map((s) => ({
      id: s.id,
      name: s.name.length > MAX_NAME_LENGTH ? `${s.name.slice(0, MAX_NAME_LENGTH - 1)}…` : s.name,
      kind: s.id.startsWith('screen:') ? 'screen' : 'window',
      thumbnail: s.thumbnailDataUrl,
      appIcon: s.appIconDataUrl,
    }));
  // Screens first (the usual choice), then windows, each in the OS's order.
  view.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'screen' ? -1 : 1));
  return { sources: view, systemAudioOffered: systemAudioOffered(platform, audioRequested) };
}

export type Grant = { sourceId: string; audio: 'loopback' | null } | null;

/** What the display-media callback gets for the user's choice; null denies the request. */
export function grantForChoice(choice: PickerChoice, request: PickerRequest): Grant {
  if (!choice) return null;
  if (!request.sources.some((s) => s.id === choice.sourceId)) return null;
  return { sourceId: choice.sourceId, audio: choice.systemAudio && request.systemAudioOffered ? 'loopback' : null };
}
