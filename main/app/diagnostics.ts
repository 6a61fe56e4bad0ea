/**
 * The about box and "copy diagnostics": versions (app, Electron, Chromium, Node,
 * ffmpeg, the encoder in use), the probe report, the last health snapshots and
 * the log's tail, gathered here and formatted (and redacted) by
 * policies/diagnostics-report.ts.
 */
import { app, clipboard, dialog, type BrowserWindow } from 'electron';
import os from 'node:os';
import type { HealthSnapshot } from '../../preload/contract/health';
import type { StudioApi, StudioState } from '../../preload/contract';
import { aboutDetail, diagnosticsText, encoderInUse, probeSummary, type Versions } from './policies/diagnostics-report';
import type { RotatingLogFile } from './log-file';

/** Health snapshots kept for diagnostics: the last ten seconds. */
export const HEALTH_HISTORY = 10;

export interface DiagnosticsDeps {
  studio: { api: StudioApi; state(): StudioState; readonly health: HealthSnapshot | null };
  logFile: RotatingLogFile;
  redact: (text: string) => string;
  secretStorage: string;
  dataDir: string;
}

export class Diagnostics {
  private readonly history: HealthSnapshot[] = [];

  constructor(private readonly deps: DiagnosticsDeps) {}

  recordHealth(snapshot: HealthSnapshot): void {
    this.history.push(snapshot);
    if (this.history.length > HEALTH_HISTORY) this.history.shift();
  }

  async showAbout(parent: BrowserWindow | null): Promise<void> {
    const versions = await this.versions();
    const options = { type: 'info' as const, title: `About ${app.getName()}`, message: app.getName(), detail: aboutDetail(versions), buttons: ['OK'] };
    await (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
  }

  /** Copies the report to the clipboard; returns it (redacted). */
  async copy(): Promise<string> {
    const report = await this.probeReport();
    const text = diagnosticsText(
      {
        versions: await this.versions(report),
        generatedAt: new Date().toISOString(),
        secretStorage: this.deps.secretStorage,
        dataDir: this.deps.dataDir,
        logFile: this.deps.logFile.file,
        probeReport: report,
        health: this.history,
        logTail: this.deps.logFile.tail(),
      },
      this.deps.redact,
    );
    clipboard.writeText(text);
    return text;
  }

  private async versions(report?: unknown): Promise<Versions> {
    const probe = probeSummary(report === undefined ? await this.probeReport() : report);
    return {
      app: app.getVersion(),
      electron: process.versions.electron ?? 'unknown',
      chrome: process.versions.chrome ?? 'unknown',
      node: process.versions.node,
      os: `${os.type()} ${os.release()} (${process.platform} ${process.arch})`,
      ffmpeg: probe.ffmpeg ?? 'not found (see Help → Copy Diagnostics)',
      encoder: encoderInUse(this.deps.studio.health, probe.encoder, this.deps.studio.state().settings.profile.encoder),
    };
  }

  private async probeReport(): Promise<unknown> {
    try {
      return (await this.deps.studio.api.getProbeReport({})).report;
    } catch (err) {
      return { error: (err as Error).message };
    }
  }
}
