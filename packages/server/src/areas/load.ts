import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import type { Db } from '../db/database.ts';

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
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM areas');
  const all = readAllAreas();
  if ((rows[0]?.n ?? 0) >= all.length) return 0;
  let added = 0;
  await db.transaction(async (tx) => {
    // parents before children: the list is ordered by level already
    for (let i = 0; i < all.length; i += 5000) {
      const chunk = all.slice(i, i + 5000);
      const res = await tx.query(
        `INSERT INTO areas (code, parent_code, level, name)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
         ON CONFLICT (code) DO NOTHING`,
        [chunk.map((a) => a.code), chunk.map((a) => a.parentCode), chunk.map((a) => a.level), chunk.map((a) => a.name)],
      );
      added += res.rowCount;
    }
  });
  return added;
}
