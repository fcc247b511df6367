import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  pglite: string;
  autocannon: string;
  fastify: string;
  pg: string;
}

/** The installed version of a package (its package.json, found up the node_modules folders). */
function packageVersion(name: string): string {
  for (const start of ['../../packages/server/', '../../']) {
    let dir = fileURLToPath(new URL(start, import.meta.url));
    for (;;) {
      const file = path.join(dir, 'node_modules', name, 'package.json');
      if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return 'unknown';
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    pglite: packageVersion('@electric-sql/pglite'),
    autocannon: packageVersion('autocannon'),
    fastify: packageVersion('fastify'),
    pg: packageVersion('pg'),
  };
}

/** 1-minute load average: a figure taken on a busy machine says so. */
export function loadAverage(): number {
  return Math.round(os.loadavg()[0]! * 100) / 100;
}

/** The processes using most CPU right now (for the report's "what else was running"). */
export async function busiestProcesses(limit = 4, excludePids: readonly number[] = []): Promise<string[]> {
  const ticks = new Map<number, { name: string; t: number }>();
  const read = () => {
    const out = new Map<number, { name: string; t: number }>();
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(Number(entry), { name, t: Number(fields[11]) + Number(fields[12]) });
      } catch {
        /* gone */
      }
    }
    return out;
  };
  for (const [pid, v] of read()) ticks.set(pid, v);
  await new Promise((r) => setTimeout(r, 500));
  const after = read();
  return [...after]
    .filter(([pid]) => !excludePids.includes(pid) && pid !== process.pid)
    .map(([pid, v]) => ({ pid, name: v.name, d: v.t - (ticks.get(pid)?.t ?? v.t) }))
    .filter((p) => p.d > 0)
    .sort((a, b) => b.d - a.d)
    .slice(0, limit)
    .map((p) => `${p.name} (${Math.round(p.d * 2)}% of a core)`);
}
