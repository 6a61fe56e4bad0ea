/** The CLI's output, passed in so commands are testable and every line is redacted. */
export interface CliIo {
  out(line: string): void;
  /**
   * Print a line the user must see whole: the studio URL with its session token
   * (the one way into the UI, like a notebook server's URL). Never for logs.
   */
  outUnredacted(line: string): void;
  err(line: string): void;
  /** Rewrite the current terminal line (live status); falls back to plain lines. */
  status(line: string): void;
  isTty: boolean;
}

export function processIo(redact: (s: string) => string): CliIo {
  const isTty = Boolean(process.stderr.isTTY);
  let statusShown = false;
  const clearStatus = () => {
    if (statusShown) process.stderr.write('\r\x1b[2K');
    statusShown = false;
  };
  return {
    isTty,
    out: (line) => {
      clearStatus();
      process.stdout.write(`${redact(line)}\n`);
    },
    outUnredacted: (line) => {
      clearStatus();
      process.stdout.write(`${line}\n`);
    },
    err: (line) => {
      clearStatus();
      process.stderr.write(`${redact(line)}\n`);
    },
    status: (line) => {
      const text = redact(line);
      if (!isTty) {
        process.stderr.write(`${text}\n`);
        return;
      }
      const width = process.stderr.columns ?? 120;
      process.stderr.write(`\r\x1b[2K${text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text}`);
      statusShown = true;
    },
  };
}
