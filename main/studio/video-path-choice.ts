/**
 * Which video path a broadcast uses. The profile says 'raw', 'encoded' or
 * 'auto'; 'auto' is resolved by the compositor's pre-flight, kept here per
 * output profile (a measurement at 640x360 says nothing about 1080p60, nor at
 * one bitrate about another). Without a measurement for the current profile,
 * 'auto' is raw: every producer (and the engine's slate) can feed it.
 *
 * One per Studio; it forgets nothing on its own: a new profile simply has no
 * measurement until the compositor reports one.
 */
import type { OutputProfile } from '../../preload/contract/model';
import type { PreflightReport, VideoPathStatus } from '../../preload/contract/video-path';

/** What a pre-flight is keyed by: the output settings it ran at. */
export type PreflightKey = Pick<OutputProfile, 'width' | 'height' | 'fps' | 'videoBitrateKbps'>;

export function measuredFor(report: PreflightKey, profile: PreflightKey): boolean {
  return report.width === profile.width && report.height === profile.height && report.fps === profile.fps && report.videoBitrateKbps === profile.videoBitrateKbps;
}

export class VideoPathChoice {
  private latest: PreflightReport | null = null;

  /** The compositor measured both paths at these output settings. */
  remember(report: PreflightReport): void {
    this.latest = report;
  }

  /** The measurement for this profile, or null (none yet, or it was for other settings). */
  preflightFor(profile: PreflightKey): PreflightReport | null {
    return this.latest && measuredFor(this.latest, profile) ? this.latest : null;
  }

  /** The path a broadcast of this profile uses, and why in words. */
  resolve(profile: Pick<OutputProfile, 'videoPath'> & PreflightKey): VideoPathStatus {
    const preflight = this.preflightFor(profile);
    const setting = profile.videoPath;
    if (setting !== 'auto') {
      const why = setting === 'encoded' ? 'the browser encodes the video (WebCodecs)' : 'the studio encodes raw frames with ffmpeg';
      return { setting, path: setting, chosenBy: 'user', reason: `Chosen in Settings: ${why}.`, preflight };
    }
    if (!preflight) {
      return {
        setting,
        path: 'raw',
        chosenBy: 'default',
        reason: `No pre-flight has measured ${describeProfile(profile)} yet (the studio window runs one when its compositor starts), so raw frames go to the studio.`,
        preflight: null,
      };
    }
    return { setting, path: preflight.choice, chosenBy: 'preflight', reason: `Chosen by the pre-flight: ${summarizePreflight(preflight)}.`, preflight };
  }
}

function describeProfile(p: PreflightKey): string {
  return `${p.width}x${p.height} at ${p.fps} fps, ${p.videoBitrateKbps} kb/s`;
}

/** "raw held 22 fps, encoded 30 fps (raw costs 12.0 ms a frame, encoded 3.1 ms): <the pre-flight's reason>". */
export function summarizePreflight(r: PreflightReport): string {
  const held = (m: PreflightReport['raw']) => (m.ok ? `${Math.round(m.achievedFps)} fps` : `failed (${m.error ?? 'unknown'})`);
  const cost = (m: PreflightReport['raw']) => `${m.workerMsPerFrame.toFixed(1)} ms`;
  return `raw held ${held(r.raw)}, encoded ${held(r.encoded)} of ${r.fps} (compositor time a frame: raw ${cost(r.raw)}, encoded ${cost(r.encoded)}); ${r.reason}`;
}
