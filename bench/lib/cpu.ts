import fs from 'node:fs';

/** CPU time (user + system, ms) of one process, from /proc/<pid>/stat (100 ticks a second). */
export function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * CPU time (ms) per pid of PostgreSQL server processes on this machine: those of `pids` (the
 * backends serving the benchmark's database), or every one when `pids` is null. Compare two
 * snapshots with cpuSince(), which ignores processes that exited.
 */
export function postgresCpuMs(pids: ReadonlySet<number> | null = null): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (pids && !pids.has(Number(entry))) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      /* gone */
    }
  }
  return out;
}

/** CPU ms spent since `before` by the processes of `pids` alive now (new ones count in full). */
export function cpuSince(before: Map<number, number>, pids: ReadonlySet<number> | null = null): number {
  let total = 0;
  for (const [pid, ms] of postgresCpuMs(pids)) total += ms - (before.get(pid) ?? 0);
  return total;
}
