/**
 * Opening the audio that feeds the mixer: microphones, desktop audio, and the
 * audio of a screen capture.
 *
 * Broadcast audio wants the signal as the device gives it: the browser's voice
 * call processing (echo cancellation, noise suppression, automatic gain) pumps
 * music, gates quiet speech and fights the streamer's own compressor, so all
 * three are off. The user adds processing deliberately, not by default.
 */

/** Constraints for a broadcast microphone; `deviceId` null is the system default. */
export function microphoneConstraints(deviceId: string | null): MediaTrackConstraints {
  return {
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    echoCancellation: false,
    noiseSuppression: false,
    autoGainControl: false,
    // Stereo and 48 kHz when the device has them; the mixer copes with less.
    channelCount: { ideal: 2 },
    sampleRate: { ideal: 48_000 },
  };
}

export async function openMicrophone(deviceId: string | null, media: MediaDevices = navigator.mediaDevices): Promise<MediaStream> {
  return media.getUserMedia({ audio: microphoneConstraints(deviceId), video: false });
}

/** The audio tracks of a capture as their own stream (for the mixer), or null when it has none. */
export function audioOnly(stream: MediaStream): MediaStream | null {
  const tracks = stream.getAudioTracks();
  return tracks.length > 0 ? new MediaStream(tracks) : null;
}

export class DesktopAudioUnavailableError extends Error {
  readonly code = 'DESKTOP_AUDIO_UNAVAILABLE';
  constructor() {
    super(
      'This system did not share its sound. Chromium shares system audio on Windows and ChromeOS, and a tab\'s audio elsewhere; ' +
        'on Linux and macOS, route the sound through a virtual audio device and add it as a microphone.',
    );
    this.name = 'DesktopAudioUnavailableError';
  }
}

/**
 * Options beyond the DOM library's DisplayMediaStreamOptions (Screen Capture
 * spec additions Chromium implements), so the picker offers system audio.
 */
interface DisplayAudioOptions extends DisplayMediaStreamOptions {
  systemAudio?: 'include' | 'exclude';
}

/**
 * Desktop audio: the browser only shares the system's sound with a screen
 * capture, so this asks for one (the user picks a screen and ticks "share
 * audio"), keeps its audio and stops its video. Rejects with
 * DesktopAudioUnavailableError when the platform gave no audio track.
 */
export async function openDesktopAudio(media: MediaDevices = navigator.mediaDevices): Promise<MediaStream> {
  const options: DisplayAudioOptions = {
    video: true,
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    systemAudio: 'include',
  };
  const capture = await media.getDisplayMedia(options);
  for (const track of capture.getVideoTracks()) track.stop();
  const audio = audioOnly(capture);
  if (!audio) throw new DesktopAudioUnavailableError();
  return audio;
}
