/**
 * FAKES of the few Electron objects the preload and the IPC gateway take through
 * their constructors. They are fakes: no Chromium, no processes, no structured
 * clone. Each records what was done to it and lets a test play the other side
 * (the page calling, main answering, a window navigating).
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => void;

/** Stands in for contextBridge: keeps what was exposed, by key. */
export class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`"${key}" exposed twice`);
    this.exposed.set(key, api);
  }
}

/** Stands in for ipcRenderer: invoke answers through `answer`, sends and posts are recorded. */
export class FakeIpcRenderer {
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  readonly posted: Array<{ channel: string; message: unknown; transfer: MessagePort[] }> = [];
  private readonly listeners = new Map<string, Listener[]>();
  answer: (channel: string, ...args: unknown[]) => Promise<unknown> = async () => ({ ok: true, result: null });

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.answer(channel, ...args);
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener as Listener]);
    return this;
  }
  postMessage(channel: string, message: unknown, transfer: MessagePort[] = []): void {
    this.posted.push({ channel, message, transfer });
  }
  /** Main sends on `channel` (the first argument the listener gets is the IPC event). */
  emitFromMain(channel: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender: 'FAKE ipcRenderer event' }, ...args);
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

/** Stands in for a WebContents: an id, sent messages, and lifecycle events a test can emit. */
export class FakeWebContents extends EventEmitter {
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  destroyed = false;
  constructor(readonly id: number, public url = 'app://onair/index.html') {
    super();
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The top frame as an IPC event would carry it. */
  mainFrame(): FakeFrame {
    return { url: this.url, parent: null };
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** Stands in for ipcMain: handlers and listeners by channel; a test plays the renderer. */
export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, Handler[]>();

  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: Handler): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  removeAllListeners(channel?: string): this {
    if (channel) this.listeners.delete(channel);
    else this.listeners.clear();
    return this;
  }
  /** ipcRenderer.invoke from `sender` with that frame. */
  async invoke(channel: string, sender: FakeWebContents, frame: FakeFrame | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ sender, senderFrame: frame }, ...args);
  }
  /** ipcRenderer.send / postMessage from `sender`. */
  emit(channel: string, sender: FakeWebContents, frame: FakeFrame | null, ports: unknown[], ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender, senderFrame: frame, ports }, ...args);
  }
}

/** Stands in for MessagePortMain: messages in by `deliver`, acks out recorded, close by `disconnect`. */
export class FakeMessagePortMain extends EventEmitter {
  readonly posted: unknown[] = [];
  started = false;
  closed = false;
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  deliver(data: unknown): void {
    this.emit('message', { data });
  }
  disconnect(): void {
    this.emit('close');
  }
}
