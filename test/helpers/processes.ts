/**
 * Linux process-table reads for helpers that must reap processes they did not
 * spawn themselves (nginx's workers are forked by its master).
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Pids in process group `pgid`, from /proc/<pid>/stat. */
export function processGroupPids(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.pgrp === pgid) members.push(Number(entry));
  }
  return members;
}

/**
 * A zombie counts as dead: it holds no sockets or files any more, and in a
 * container whose init does not reap orphans it may stay a zombie for good.
 */
export function isAlive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

function readStat(pid: number): { state: string; ppid: number; pgrp: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid pgrp ..."; comm may itself contain spaces and parentheses.
  const [state, ppid, pgrp] = text.slice(text.lastIndexOf(')') + 2).split(' ');
  if (state === undefined || ppid === undefined || pgrp === undefined) return undefined;
  return { state, ppid: Number(ppid), pgrp: Number(pgrp) };
}
