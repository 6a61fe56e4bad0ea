/**
 * Chromium driven over a bare DevTools connection, for measurements that push a
 * lot through the page's WebSocket. Playwright enables the Network domain on
 * every page, and Chromium then copies every WebSocket frame's payload (base64)
 * into a DevTools event: at 720p30 raw that is 55 MB/s of extra work in the
 * browser and in the bench, so the bench would measure itself. Here only the
 * Runtime domain is on: evaluate an expression, hear the page's errors.
 *
 * Lifecycle: launchCdpPage() (Chromium opens the URL) -> evaluate()... -> close().
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';

/** How long Chromium gets to exit after SIGTERM before SIGKILL. */
const CLOSE_GRACE_MS = 5_000;
const POLL_MS = 100;

export interface CdpPage {
  /** The value of a JavaScript expression in the page (promises awaited); throws what the page threw. */
  evaluate<T>(expression: string): Promise<T>;
  /** Polls `expression` until it is truthy. */
  waitFor(expression: string, timeoutMs: number): Promise<void>;
  /** Uncaught exceptions and console errors so far. */
  errors: string[];
  /** Chromium's process: its children are the renderer, GPU and network processes. */
  process: ChildProcess;
  close(): Promise<void>;
}

export async function launchCdpPage(chromiumPath: string, args: readonly string[], profileDir: string, url: string, timeoutMs: number): Promise<CdpPage> {
  const deadline = Date.now() + timeoutMs;
  const child = spawn(chromiumPath, [...args, '--headless', '--remote-debugging-port=0', `--user-data-dir=${profileDir}`, url], { stdio: 'ignore' });
  const close = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    const port = await waitForValue(async () => (await readFile(join(profileDir, 'DevToolsActivePort'), 'utf8').catch(() => '')).split('\n')[0] || null, deadline, 'Chromium did not open its DevTools port');
    const pageUrl = await waitForValue(async () => {
      const targets = (await fetch(`http://127.0.0.1:${port}/json/list`).then((r) => r.json()).catch(() => [])) as Array<{ type: string; url: string; webSocketDebuggerUrl: string }>;
      return targets.find((t) => t.type === 'page' && t.url.startsWith(new URL(url).origin))?.webSocketDebuggerUrl ?? null;
    }, deadline, `Chromium did not open ${new URL(url).origin}`);
    const socket = new WebSocket(pageUrl, { perMessageDeflate: false });
    await once(socket, 'open');
    return cdpSession(socket, child, close);
  } catch (err) {
    await close();
    throw err;
  }
}

function cdpSession(socket: WebSocket, child: ChildProcess, closeChromium: () => Promise<void>): CdpPage {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const errors: string[] = [];
  socket.on('message', (raw) => {
    const msg = JSON.parse(String(raw)) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown> };
    if (msg.id !== undefined) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error.message));
      else p?.resolve(msg.result);
    } else if (msg.method === 'Runtime.exceptionThrown') {
      errors.push(JSON.stringify((msg.params as { exceptionDetails?: unknown }).exceptionDetails));
    } else if (msg.method === 'Runtime.consoleAPICalled' && msg.params?.type === 'error') {
      errors.push(JSON.stringify(msg.params.args));
    }
  });
  const send = (method: string, params: Record<string, unknown> = {}): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  void send('Runtime.enable');
  const evaluate = async <T>(expression: string): Promise<T> => {
    const r = (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as { result: { value?: unknown }; exceptionDetails?: { exception?: { description?: string }; text: string } };
    if (r.exceptionDetails) throw new Error(`the page threw: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value as T;
  };
  return {
    evaluate,
    waitFor: async (expression, timeoutMs) => {
      await waitForValue(async () => ((await evaluate<unknown>(expression)) ? true : null), Date.now() + timeoutMs, `the page never satisfied ${expression}`);
    },
    errors,
    process: child,
    close: async () => {
      socket.close();
      await closeChromium();
    },
  };
}

async function waitForValue<T>(read: () => Promise<T | null>, deadline: number, message: string): Promise<T> {
  for (;;) {
    const v = await read();
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`${message} in time`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
