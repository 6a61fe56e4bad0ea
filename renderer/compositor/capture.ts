/**
 * Opening the MediaStream behind a camera or screen/window source, for the app to
 * hand to Compositor.attachStream. Constraint building is pure (and tested);
 * opening asks the browser. In Electron a screen source carries the
 * desktopCapturer id the user picked (settings.captureId), which Chromium takes
 * through its legacy `mandatory.chromeMediaSourceId` constraint; in a browser
 * getDisplayMedia asks the user (it needs a click to start it).
 */
import type { Source } from '../../preload/contract/model';

type CameraSource = Extract<Source, { kind: 'camera' }>;
type ScreenSource = Extract<Source, { kind: 'screen' }>;

/** Capture rate asked of screens and windows: the output rate is at most this in practice. */
const SCREEN_CAPTURE_FPS = 30;

export function cameraConstraints(settings: CameraSource['settings']): MediaStreamConstraints {
  const video: MediaTrackConstraints = {};
  if (settings.deviceId !== null) video.deviceId = { exact: settings.deviceId };
  if (settings.width !== null) video.width = { ideal: settings.width };
  if (settings.height !== null) video.height = { ideal: settings.height };
  // Microphones are sources of their own (audio-input), mixed by the audio mixer.
  return { video, audio: false };
}

/** Chromium's desktop-capture constraints (Electron), not in the standard typings. */
export interface DesktopCaptureConstraints {
  audio: false | { mandatory: { chromeMediaSource: 'desktop' } };
  video: { mandatory: { chromeMediaSource: 'desktop'; chromeMediaSourceId: string; maxFrameRate: number } };
}

export function desktopCaptureConstraints(settings: ScreenSource['settings'], captureId: string): DesktopCaptureConstraints {
  return {
    // Desktop audio can only be captured with a whole screen, not a window (Chromium's rule).
    audio: settings.withAudio && settings.target === 'screen' ? { mandatory: { chromeMediaSource: 'desktop' } } : false,
    video: { mandatory: { chromeMediaSource: 'desktop', chromeMediaSourceId: captureId, maxFrameRate: SCREEN_CAPTURE_FPS } },
  };
}

export function displayMediaOptions(settings: ScreenSource['settings']): DisplayMediaStreamOptions {
  return {
    video: { displaySurface: settings.target === 'window' ? 'window' : 'monitor', frameRate: SCREEN_CAPTURE_FPS },
    audio: settings.withAudio,
  };
}

/** The source's stream, or null for kinds that have none to capture. */
export async function openCapture(source: Source, devices: MediaDevices = navigator.mediaDevices): Promise<MediaStream | null> {
  if (source.kind === 'camera') return devices.getUserMedia(cameraConstraints(source.settings));
  if (source.kind !== 'screen') return null;
  const { captureId } = source.settings;
  if (captureId === null) return devices.getDisplayMedia(displayMediaOptions(source.settings));
  // The legacy shape is what Chromium reads; the standard typings do not describe it.
  return devices.getUserMedia(desktopCaptureConstraints(source.settings, captureId) as unknown as MediaStreamConstraints);
}
