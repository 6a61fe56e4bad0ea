/**
 * The part of `pidusage` (4.x, no bundled types) that process-stats.ts uses.
 * Shape from its README and lib/procfile.js.
 */
declare module 'pidusage' {
  interface PidStats {
    /** Percent of one core since the previous call for this pid (0..100 x cores). */
    cpu: number;
    /** Resident set size, bytes. */
    memory: number;
    ppid: number;
    pid: number;
    /** ms of user + system CPU time. */
    ctime: number;
    /** ms since the process started. */
    elapsed: number;
    /** ms since the epoch. */
    timestamp: number;
  }

  interface PidusageOptions {
    usePs?: boolean;
    /** ms a pid's history (and its open /proc fd) is kept after the last call; default 60000. */
    maxage?: number;
  }

  function pidusage(pid: number | string, options?: PidusageOptions): Promise<PidStats>;
  function pidusage(pids: (number | string)[], options?: PidusageOptions): Promise<Record<string, PidStats>>;

  namespace pidusage {
    function clear(): void;
  }

  export = pidusage;
}
