/**
 * The about box and the "copy diagnostics" text, as pure functions of what the
 * shell gathers. Everything leaving through here passes the secret registry's
 * redact: the text goes to the clipboard and from there into bug reports.
 */
import type { HealthSnapshot } from '../../../preload/contract/health';

export interface Versions {
  app: string;
  electron: string;
  chrome: string;
  node: string;
  os: string;
  /** The first line of `ffmpeg -version`, or why it is unknown. */
  ffmpeg: string;
  /** The encoder in use while live, else the one the probe would choose. */
  encoder: string;
}

/** What the probe report (typed `unknown` on the contract) tells the about box, read defensively. */
export function probeSummary(report: unknown): { ffmpeg: string | null; encoder: string | null } {
  const r = report as { version?: unknown; selected?: { name?: unknown } | null } | null;
  return {
    ffmpeg: typeof r?.version === 'string' ? (r.version.split('\n')[0] ?? null) : null,
    encoder: typeof r?.selected?.name === 'string' ? r.selected.name : null,
  };
}

/** The encoder actually encoding (from health while live), else the probe's choice. */
export function encoderInUse(health: HealthSnapshot | null, probedChoice: string | null, setting: string): string {
  const live = (health as { encoder?: { encoder?: unknown; hardware?: unknown } | null } | null)?.encoder;
  if (live && typeof live.encoder === 'string') return `${live.encoder} (${live.hardware ? 'hardware' : 'software'}, in use)`;
  if (setting !== 'auto') return `${setting} (chosen in Settings)`;
  return probedChoice ? `${probedChoice} (automatic choice)` : 'not known yet (no working encoder found)';
}

export function aboutDetail(v: Versions): string {
  return [
    `Version ${v.app}`,
    '',
    `Electron ${v.electron}`,
    `Chromium ${v.chrome}`,
    `Node.js ${v.node}`,
    `ffmpeg: ${v.ffmpeg}`,
    `Video encoder: ${v.encoder}`,
    `System: ${v.os}`,
  ].join('\n');
}

export interface DiagnosticsInput {
  versions: Versions;
  generatedAt: string;
  secretStorage: string;
  dataDir: string;
  logFile: string;
  probeReport: unknown;
  health: readonly HealthSnapshot[];
  logTail: string;
}

/** Plain text with one section per source, so a reader can find their part. */
export function diagnosticsText(input: DiagnosticsInput, redact: (text: string) => string): string {
  const section = (title: string, body: string) => `## ${title}\n${body.trim() || '(none)'}\n`;
  const text = [
    `# OnAir Studio diagnostics (${input.generatedAt})`,
    '',
    section('Versions', aboutDetail(input.versions)),
    section('Storage', `data folder: ${input.dataDir}\nlog file: ${input.logFile}\nstream keys: ${input.secretStorage}`),
    section('Probe report', JSON.stringify(input.probeReport ?? null, null, 2)),
    section(`Last ${input.health.length} health snapshots`, input.health.map((h) => JSON.stringify(h)).join('\n')),
    section('Log (most recent last)', input.logTail),
  ].join('\n');
  return redact(text);
}

/**
 * The notice shown when stream keys cannot be encrypted with the OS keyring: the
 * secret store's own sentence (what happened and the fallback) and what fixes it.
 */
export function keyringNotice(storeDescription: string, platform: NodeJS.Platform): string {
  const fix =
    platform === 'linux'
      ? 'To encrypt them, run a keyring (GNOME Keyring, KWallet or another Secret Service provider), log in to it, and restart OnAir Studio.'
      : 'To encrypt them, make sure your account can use the system keychain, then restart OnAir Studio.';
  const sentence = storeDescription.charAt(0).toUpperCase() + storeDescription.slice(1);
  return `${sentence.replace(/\.?$/, '.')} ${fix}`;
}
