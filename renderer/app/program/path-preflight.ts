/**
 * The video path pre-flight, from the UI's side. When the profile leaves the
 * choice to the machine (videoPath 'auto'), the compositor runs each path for a
 * few seconds at the output settings (Compositor.preflight) and the result goes
 * to the studio (reportPreflight), which uses it the next time the program goes
 * out. It runs once the compositor has started, and again when the output size,
 * rate or bitrate changes, but never while the program is being sent: the
 * pre-flight's frames are not the program's, so the stream would freeze. Going
 * live during a run stops it at once (the compositor cancels it); it runs again
 * once the program stops.
 *
 * Lifecycle: new PathPreflight(deps) -> consider(profile, busy) on every
 * change (a change arriving mid-run is measured once the run ends) ->
 * reconnected() after the connection came back (the studio may have restarted
 * and forgotten) -> destroy().
 */
import type { OutputProfile, PreflightReport } from '../../../preload/contract';
import { PREFLIGHT_CANCELLED_CODE, type PreflightResult } from '../../compositor/shared/types';

export interface PreflightCompositor {
  preflight(options: { engineHasHardwareEncoder: boolean }): Promise<PreflightResult>;
}

export interface PathPreflightDeps {
  compositor: PreflightCompositor;
  /** From the studio's probe report: raw is preferred when its ffmpeg has a working hardware encoder. */
  engineHasHardwareEncoder(): Promise<boolean>;
  /** Hands the result to the studio. */
  report(result: PreflightReport): Promise<unknown>;
  /** A problem the streamer should read. */
  notice(message: string): void;
}

type Key = Pick<OutputProfile, 'width' | 'height' | 'fps' | 'videoBitrateKbps'>;

const keyOf = (p: Key): string => `${p.width}x${p.height}@${p.fps}/${p.videoBitrateKbps}`;

export class PathPreflight {
  /** The settings measured last (or being measured): another run only for other settings. */
  private measuredKey: string | null = null;
  private running = false;
  /** What to measure once the run in progress ends (the latest consider() that wanted a run). */
  private wanted: Key | null = null;
  private lastReport: PreflightReport | null = null;
  private destroyed = false;

  constructor(private readonly deps: PathPreflightDeps) {}

  /** The profile changed, or whether the program is busy: being sent, or another window sends it (its CPU is not ours to take). */
  consider(profile: OutputProfile, busy: boolean): void {
    if (this.destroyed || profile.videoPath !== 'auto' || busy) {
      this.wanted = null;
      return;
    }
    const key = { width: profile.width, height: profile.height, fps: profile.fps, videoBitrateKbps: profile.videoBitrateKbps };
    if (keyOf(key) === this.measuredKey) {
      this.wanted = null;
      return;
    }
    this.wanted = key;
    if (!this.running) void this.run();
  }

  /** The studio is back (maybe a new process, which keeps no pre-flight): tell it again. */
  reconnected(): void {
    if (this.lastReport && !this.destroyed) this.deps.report(this.lastReport).catch(() => undefined);
  }

  destroy(): void {
    this.destroyed = true;
    this.wanted = null;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.wanted && !this.destroyed) {
        const key = this.wanted;
        this.wanted = null;
        this.measuredKey = keyOf(key);
        await this.measure(key);
      }
    } finally {
      this.running = false;
    }
  }

  private async measure(key: Key): Promise<void> {
    try {
      const engineHasHardwareEncoder = await this.deps.engineHasHardwareEncoder().catch(() => false);
      if (this.destroyed) return;
      const result = await this.deps.compositor.preflight({ engineHasHardwareEncoder });
      if (this.destroyed) return;
      // The compositor measured at its output size and rate, which follow the profile while idle.
      const report: PreflightReport = { ...result, videoBitrateKbps: key.videoBitrateKbps };
      this.lastReport = report;
      await this.deps.report(report);
    } catch (e) {
      // Going live stopped it: nothing to tell; measured again once the program stops.
      if ((e as { code?: unknown } | null)?.code === PREFLIGHT_CANCELLED_CODE) {
        if (this.measuredKey === keyOf(key)) this.measuredKey = null;
        return;
      }
      // Not retried for the same settings (every state change would try again); a change of settings does.
      this.deps.notice(`The video path could not be measured, so raw frames go to the studio: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
