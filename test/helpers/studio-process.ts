/**
 * `onair studio` as a child process for end-to-end tests: started on free ports
 * with its own data folder, its printed studio URL parsed, stopped with SIGINT
 * (as Ctrl-C would) and killed only if it does not exit in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** How long the studio gets to finish (stop ffmpeg, save) after SIGINT before it is killed. */
export const STUDIO_STOP_GRACE_MS = 10_000;

export interface StudioProcess {
  child: ChildProcess;
  studioUrl: string;
  /** Everything it printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export async function startStudio(cliPath: string, args: string[], timeoutMs: number): Promise<StudioProcess> {
  const child = spawn(process.execPath, [cliPath, 'studio', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ONAIR_LOG_LEVEL: 'warn' } });
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (text += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (text += d));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), STUDIO_STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    const studioUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the studio printed no URL within ${timeoutMs} ms:\n${text}`)), timeoutMs);
      const look = () => {
        const match = /studio:\s+(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(text);
        if (!match?.[1]) return;
        clearTimeout(timer);
        resolve(match[1]);
      };
      child.stdout.on('data', look);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the studio exited with ${code} before printing its URL:\n${text}`));
      });
    });
    return { child, studioUrl, output: () => text, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
