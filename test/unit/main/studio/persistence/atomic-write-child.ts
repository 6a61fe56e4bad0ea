/**
 * Run as a child process by atomic-file.test.ts (bundled there with esbuild):
 * replaces `target` with `bytes` bytes of JSON through writeFileAtomic, with a
 * file system whose writes trickle out in small, slow chunks. It prints one line
 * per chunk ("chunk <temp path> <bytes so far>") so the parent can SIGKILL it
 * while a temp file is half written.
 *
 * Usage: node child.mjs <target> <bytes>
 */
import * as fsp from 'node:fs/promises';
import { nodeAtomicFs, writeFileAtomic, type AtomicFs } from '../../../../../main/studio/persistence/atomic-file';

const CHUNK_BYTES = 64 * 1024;
/** Slow enough that the parent's kill lands long before the last chunk. */
const CHUNK_DELAY_MS = 20;

const [target, size] = process.argv.slice(2);
if (target === undefined || size === undefined) throw new Error('usage: child <target> <bytes>');

const slowFs: AtomicFs = {
  ...nodeAtomicFs,
  async open(file, flags, mode) {
    const handle = await fsp.open(file, flags, mode);
    return {
      chmod: (m) => handle.chmod(m),
      sync: () => handle.sync(),
      close: () => handle.close(),
      async writeFile(data) {
        const bytes = typeof data === 'string' ? Buffer.from(data) : data;
        for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
          await handle.appendFile(bytes.subarray(offset, offset + CHUNK_BYTES));
          process.stdout.write(`chunk ${file} ${Math.min(offset + CHUNK_BYTES, bytes.length)}\n`);
          await new Promise((resolve) => setTimeout(resolve, CHUNK_DELAY_MS));
        }
      },
    };
  },
};

const document = JSON.stringify({ generation: 'new', padding: 'n'.repeat(Number(size)) });
await writeFileAtomic(target, document, { fs: slowFs });
process.stdout.write('done\n');
