import type { Queryable } from '../db/database.ts';
import type { Col, Cols } from '../db/rows.ts';

/** SQL for residents registered in another village (issue 12, item 13). */

/** A village of the kabupaten with its kecamatan, or null. */
export async function selectVillagePlace(q: Queryable, kabCode: string, code: string): Promise<{ code: string; name: string; kecamatanCode: string; kecamatanName: string } | null> {
  const { rows } = await q.query<Cols<'areas', 'code' | 'name'> & { kecamatan_code: Col<'areas', 'code'>; kecamatan_name: Col<'areas', 'name'> }>(
    `SELECT v.code, v.name, k.code AS kecamatan_code, k.name AS kecamatan_name FROM areas v JOIN areas k ON k.code = v.parent_code
     WHERE v.code = $1 AND v.level = 'village' AND replace(left(v.code, 5), '.', '') = $2`,
    [code, kabCode],
  );
  const r = rows[0];
  return r ? { code: r.code, name: r.name, kecamatanCode: r.kecamatan_code, kecamatanName: r.kecamatan_name } : null;
}

/** The resident's open cases in the kabupaten (any village), locked for the request's timeline lines. */
export async function selectOpenCasesOfPerson(q: Queryable, kabCode: string, personId: string): Promise<Array<Cols<'cases', 'id' | 'code' | 'village_code' | 'level'>>> {
  const { rows } = await q.query<Cols<'cases', 'id' | 'code' | 'village_code' | 'level'>>(
    `SELECT id, code, village_code, level FROM cases
     WHERE kab_code = $1 AND person_id = $2 AND status NOT IN ('resolved', 'closed') ORDER BY id FOR UPDATE`,
    [kabCode, personId],
  );
  return rows;
}
