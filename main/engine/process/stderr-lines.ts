/**
 * Turns a stream of chunks into complete lines. Pure apart from the partial line
 * it carries between pushes; one instance per stream.
 *
 * ffmpeg ends its log lines with '\n' but rewrites its stats line in place with
 * '\r', and the next message can follow that '\r' on the same "line" (see
 * test/fixtures/ffmpeg/rtmp-origin-killed.loglevel-info.txt). So '\r', '\n' and
 * '\r\n' each end a line, and a '\r\n' split across two chunks still counts once.
 */
import { StringDecoder } from 'node:string_decoder';

/**
 * A line longer than this is emitted in pieces rather than buffered without
 * bound (a process writing binary junk to stderr must not grow our memory).
 */
export const MAX_LINE_CHARS = 64 * 1024;

export class LineSplitter {
  private partial = '';
  /** The previous chunk ended with '\r': a '\n' starting the next one belongs to it. */
  private afterCr = false;
  /** Keeps a multi-byte UTF-8 character that straddles two chunks in one piece. */
  private readonly decoder = new StringDecoder('utf8');

  /** Returns the lines completed by this chunk, without their terminators. */
  push(chunk: string | Uint8Array): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    const lines: string[] = [];
    let start = 0;
    if (this.afterCr && text.startsWith('\n')) start = 1;
    if (text.length > 0) this.afterCr = false;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      lines.push(this.partial + text.slice(start, i));
      this.partial = '';
      if (c === 0x0d) {
        if (i + 1 === text.length) this.afterCr = true;
        else if (text.charCodeAt(i + 1) === 0x0a) i++;
      }
      start = i + 1;
    }
    this.partial += text.slice(start);
    while (this.partial.length > MAX_LINE_CHARS) {
      lines.push(this.partial.slice(0, MAX_LINE_CHARS));
      this.partial = this.partial.slice(MAX_LINE_CHARS);
    }
    return lines;
  }

  /** At end of stream: the last line if it had no terminator (else nothing). */
  flush(): string[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    this.afterCr = false;
    return rest.length > 0 ? [rest] : [];
  }
}

/** Splits a whole text at once (fixtures, tests, one-shot outputs). */
export function splitLines(text: string): string[] {
  const splitter = new LineSplitter();
  return [...splitter.push(text), ...splitter.flush()];
}
