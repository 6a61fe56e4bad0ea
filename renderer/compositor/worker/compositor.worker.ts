/**
 * The compositor worker's entry. Lifecycle: the first message is 'init' (output
 * options); the runtime starts its clock and answers 'ready' with its first stats;
 * messages that arrive before it is ready wait in order; 'destroy' stops the
 * clock, closes the encoder and every held frame, and ends the worker.
 */
import type { FromWorker, ToWorker } from '../shared/protocol';
import { CompositorRuntime } from './runtime';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, transfer);

let runtime: CompositorRuntime | null = null;
const waiting: ToWorker[] = [];

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'init') {
    const created = new CompositorRuntime(post, message.output, message.monitorFps, message.converterPort, message.backend);
    created.start().then(
      (stats) => {
        runtime = created;
        post({ type: 'ready', stats });
        for (const queued of waiting.splice(0)) handle(queued);
      },
      (error: unknown) => post({ type: 'failed', message: `the compositor could not start: ${String(error)}` }),
    );
    return;
  }
  if (runtime === null) waiting.push(message);
  else handle(message);
};

function handle(message: ToWorker): void {
  if (message.type !== 'destroy') return runtime?.handle(message);
  const ending = runtime;
  runtime = null;
  void ending?.destroy().finally(() => self.close());
}
