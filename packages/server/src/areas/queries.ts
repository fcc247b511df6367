import type { Queryable } from '../db/database.ts';
import type { Cols, Count, VillageNames } from '../db/rows.ts';

export type AreaRow = Cols<'areas', 'code' | 'name' | 'level' | 'parent_code'>;

export async function listChildAreas(q: Queryable, parent: string | null, opts: { after?: string | undefined; limit: number; search?: string | undefined }) {
  const params: unknown[] = [opts.limit + 1];
  const where: string[] = [parent === null ? 'parent_code IS NULL' : `parent_code = $${params.push(parent)}`];
  if (opts.after) where.push(`code > $${params.push(opts.after)}`);
  if (opts.search) where.push(`name ILIKE $${params.push(`%${opts.search}%`)}`);
  const { rows } = await q.query<AreaRow>(
    `SELECT code, name, level, parent_code FROM areas WHERE ${where.join(' AND ')} ORDER BY code LIMIT $1`,
    params,
  );
  return rows;
}

/** One area with its parents, from the province down. */
export async function getAreaWithParents(q: Queryable, code: string) {
  const { rows } = await q.query<AreaRow & { depth: number }>(
    `WITH RECURSIVE up AS (
       SELECT code, name, level, parent_code, 0 AS depth FROM areas WHERE code = $1
       UNION ALL
       SELECT a.code, a.name, a.level, a.parent_code, up.depth + 1 FROM areas a JOIN up ON a.code = up.parent_code
     ) SELECT * FROM up ORDER BY depth DESC`,
    [code],
  );
  return rows;
}

/** Villages of a kabupaten with their kecamatan, for pickers (names repeat: show the kecamatan). */
export async function villagesOf(q: Queryable, kabCode: string) {
  const { rows } = await q.query<Cols<'areas', 'code' | 'name'> & Omit<VillageNames, 'village_name'>>(
    `SELECT v.code, v.name, k.code AS kecamatan_code, k.name AS kecamatan_name
     FROM areas v JOIN areas k ON k.code = v.parent_code
     WHERE k.parent_code = $1 AND v.level = 'village' ORDER BY v.code`,
    [kabCode],
  );
  return rows;
}

/** The kabupaten's name by its 4-digit code (the code itself when unknown). */
export async function kabupatenName(q: Queryable, kabCode: string): Promise<string> {
  const { rows } = await q.query<Cols<'areas', 'name'>>('SELECT name FROM areas WHERE code = $1', [`${kabCode.slice(0, 2)}.${kabCode.slice(2)}`]);
  return rows[0]?.name ?? kabCode;
}

/** The dotted codes of every kabupaten and kecamatan (the regions a NIK or KK may name). */
export async function regionCodes(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<Cols<'areas', 'code'>>(`SELECT code FROM areas WHERE level IN ('kabupaten', 'kecamatan')`);
  return rows.map((r) => r.code);
}

export async function countAreas(q: Queryable): Promise<number> {
  const { rows } = await q.query<Count>('SELECT count(*)::int AS n FROM areas');
  return rows[0]?.n ?? 0;
}

/** Inserts the areas not there yet (parents first); returns how many were added. */
export async function insertMissingAreas(q: Queryable, areas: ReadonlyArray<{ code: string; parentCode: string | null; level: string; name: string }>): Promise<number> {
  const res = await q.query(
    `INSERT INTO areas (code, parent_code, level, name)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (code) DO NOTHING`,
    [areas.map((a) => a.code), areas.map((a) => a.parentCode), areas.map((a) => a.level), areas.map((a) => a.name)],
  );
  return res.rowCount;
}
