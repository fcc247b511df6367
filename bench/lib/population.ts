import fs from 'node:fs';
import path from 'node:path';
import { readAllAreas } from '../../packages/server/src/areas/load.ts';
import { canonicalCsvLines } from '../../packages/server/src/registry/synthetic/canonical.ts';
import { generateHouseholds } from '../../packages/server/src/registry/synthetic/generator.ts';

export interface PopulationFile {
  path: string;
  /** The header of the file (canonical import columns). */
  columns: string[];
  rows: number;
}

/** Dotted village codes of a kabupaten (from the areas data the server loads). */
export function villagesOf(kabupaten: string): string[] {
  return readAllAreas().filter((a) => a.level === 'village' && a.code.startsWith(`${kabupaten}.`)).map((a) => a.code).sort();
}

/**
 * The synthetic population as a CSV file in the registry's canonical import format, written
 * once per size by the registry's own generator (what `slrt seed synthetic --csv` writes) and
 * reused by every engine.
 */
export async function population(o: { persons: number; seed: number; kabupaten: string; dir: string; log: (m: string) => void }): Promise<PopulationFile> {
  const file = path.join(o.dir, `persons-${o.persons}-${o.seed}.csv`);
  const started = performance.now();
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  let header: string[] = [];
  let rows = -1;
  let buf = '';
  for (const chunk of canonicalCsvLines(generateHouseholds({ persons: o.persons, seed: o.seed, villages: villagesOf(o.kabupaten) }))) {
    if (rows < 0) header = chunk.trim().split(',');
    for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) rows++;
    buf += chunk;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  o.log(`population of ${o.persons}: ${rows} rows written by the registry generator in ${Math.round(performance.now() - started)} ms (${Math.round(fs.statSync(file).size / 2 ** 20)} MiB)`);
  return { path: file, columns: header, rows };
}
