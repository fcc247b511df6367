import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import type { Db } from '../db/database.ts';
import { countAreas, insertMissingAreas } from './queries.ts';

/**
 * Loads every Indonesian area from the idn-area-data package's CSV files (Kemendagri codes;
 * data under ODbL, credited in the README). The package's own code is ESM-only for Node 22,
 * so we read its data files directly with a real CSV parser (names contain commas and quotes).
 */
function dataDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
}

function readCsv(file: string): Array<Record<string, string>> {
  return parse(fs.readFileSync(path.join(dataDir(), file)), { columns: true, skip_empty_lines: true, trim: true });
}

export interface AreaRecord {
  code: string;
  parentCode: string | null;
  level: 'province' | 'kabupaten' | 'kecamatan' | 'village';
  name: string;
}

export function readAllAreas(): AreaRecord[] {
  const out: AreaRecord[] = [];
  for (const r of readCsv('provinces.csv')) out.push({ code: r.code!, parentCode: null, level: 'province', name: r.name! });
  for (const r of readCsv('regencies.csv')) out.push({ code: r.code!, parentCode: r.province_code!, level: 'kabupaten', name: r.name! });
  for (const r of readCsv('districts.csv')) out.push({ code: r.code!, parentCode: r.regency_code!, level: 'kecamatan', name: r.name! });
  for (const r of readCsv('villages.csv')) out.push({ code: r.code!, parentCode: r.district_code!, level: 'village', name: r.name! });
  return out;
}

/** Inserts areas that are missing (idempotent); returns how many were added. */
export async function loadAreas(db: Db): Promise<number> {
  const all = readAllAreas();
  if ((await countAreas(db)) >= all.length) return 0;
  let added = 0;
  await db.transaction(async (tx) => {
    // parents before children: the list is ordered by level already
    for (let i = 0; i < all.length; i += 5000) added += await insertMissingAreas(tx, all.slice(i, i + 5000));
  });
  return added;
}
