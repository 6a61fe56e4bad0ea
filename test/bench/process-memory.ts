/**
 * Resident memory of a process tree, by role (the roles tree-cpu.ts gives), read
 * from /proc/<pid>/status. RSS counts shared pages (the ffmpeg binary's code,
 * libc) in every process that maps them, so a sum over processes overstates what
 * the tree takes from the machine a little; it is what `top` shows per process.
 */
import { readFileSync } from 'node:fs';
import { snapshotTree } from './tree-cpu';

export const BYTES_PER_KB = 1024;

/** "VmRSS:   123456 kB" in /proc/<pid>/status, in bytes; null when missing (a kernel thread, an exited process). */
export function parseVmRssBytes(status: string): number | null {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return m ? Number(m[1]) * BYTES_PER_KB : null;
}

export function rssBytes(pid: number): number | null {
  try {
    return parseVmRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return null;
  }
}

/** RSS of rootPid (as `rootRole`) and of every descendant, summed per role, bytes. */
export function treeRssByRole(rootPid: number, rootRole: string): Map<string, number> {
  const byRole = new Map<string, number>();
  const add = (role: string, bytes: number | null): void => {
    if (bytes !== null) byRole.set(role, (byRole.get(role) ?? 0) + bytes);
  };
  add(rootRole, rssBytes(rootPid));
  for (const p of snapshotTree(rootPid)) add(p.role, rssBytes(p.pid));
  return byRole;
}
