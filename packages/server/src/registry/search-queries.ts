import { areaScopeSql, SqlParams, type Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import { PERSON_SELECT } from './queries.ts';
import { personFromRow, type PersonRecord, type PersonRow } from './records.ts';

/**
 * The person search SQL, kept in one place so the benchmark issue can tune it.
 *
 * Index design (0010_registry.sql), for a kabupaten of 3.6 million people:
 * - `persons_nik_uniq (kab_code, nik)` and `persons_kk_idx (kab_code, kk)`: the exact searches.
 * - `persons_name_trgm_idx` GIN (name_norm gin_trgm_ops): `$q <% name_norm` (word similarity:
 *   the typed words against the best-matching part of the full name) is answered from it.
 * - `persons_village_idx (village_code text_pattern_ops)`: scope and area filters, both
 *   `village_code = '32.04.05.2004'` and `village_code LIKE '32.04.05.%'`.
 * The planner combines the two (BitmapAnd) or, for one village (~13,000 people), scans the
 * village and computes the similarity of each: both are cheap.
 *
 * Ranking: the mean of word similarity and whole-name similarity, so that a full name typed
 * with a typo ranks above a longer name that merely contains the words. Rounded to a numeric
 * so that the keyset cursor compares exactly.
 */

/** Word-similarity threshold for a name to match at all (pg_trgm default 0.6 misses typos). */
export const NAME_MATCH_THRESHOLD = 0.45;

export type SearchFilter = { kabCode: string; area?: { level: 'kecamatan' | 'village'; code: string } | undefined; birthYear?: number | undefined };

function filters(params: SqlParams, actor: Actor, f: SearchFilter): string[] {
  const where = [`p.kab_code = ${params.add(f.kabCode)}`, areaScopeSql(actor, 'registry.read', params, { kab: 'p.kab_code', village: 'p.village_code' })];
  if (f.area?.level === 'village') where.push(`p.village_code = ${params.add(f.area.code)}`);
  if (f.area?.level === 'kecamatan') where.push(`p.village_code LIKE ${params.add(`${f.area.code}.%`)}`);
  if (f.birthYear !== undefined) {
    where.push(`p.birth_date >= make_date(${params.add(f.birthYear)}::int, 1, 1) AND p.birth_date < make_date(${params.add(f.birthYear + 1)}::int, 1, 1)`);
  }
  return where;
}

export async function searchByNumber(
  db: Db, actor: Actor, f: SearchFilter, column: 'nik' | 'kk', value: string, page: { limit: number; afterId?: string | undefined },
): Promise<PersonRecord[]> {
  const params = new SqlParams();
  const where = [...filters(params, actor, f), `p.${column} = ${params.add(value)}`];
  if (page.afterId) where.push(`p.id > ${params.add(page.afterId)}`);
  const { rows } = await db.query<PersonRow>(
    `${PERSON_SELECT} WHERE ${where.join(' AND ')} ORDER BY p.id LIMIT ${params.add(page.limit + 1)}`,
    params.values,
  );
  return rows.map(personFromRow);
}

/** Persons of an area (no name), by name then id. */
export async function listByArea(
  db: Db, actor: Actor, f: SearchFilter, page: { limit: number; after?: { name: string; id: string } | undefined },
): Promise<Array<PersonRecord & { nameNorm: string }>> {
  const params = new SqlParams();
  const where = filters(params, actor, f);
  if (page.after) where.push(`(p.name_norm, p.id) > (${params.add(page.after.name)}, ${params.add(page.after.id)}::uuid)`);
  const { rows } = await db.query<PersonRow>(
    `${PERSON_SELECT} WHERE ${where.join(' AND ')} ORDER BY p.name_norm, p.id LIMIT ${params.add(page.limit + 1)}`,
    params.values,
  );
  return rows.map((r) => ({ ...personFromRow(r), nameNorm: r.name_norm }));
}

/** Typo-tolerant name search; `q` is already normalized (normalizeName). */
export async function searchByName(
  db: Db, actor: Actor, f: SearchFilter, q: string, page: { limit: number; after?: { score: number; id: string } | undefined },
): Promise<Array<PersonRecord & { score: number }>> {
  const params = new SqlParams();
  const qp = params.add(q);
  const where = [...filters(params, actor, f), `${qp} <% p.name_norm`];
  const outer: string[] = [];
  if (page.after) {
    const s = params.add(page.after.score);
    outer.push(`(s.score < ${s}::numeric OR (s.score = ${s}::numeric AND s.id > ${params.add(page.after.id)}::uuid))`);
  }
  const limit = params.add(page.limit + 1);
  // set_config(..., true) is local to the transaction: the threshold never leaks to other queries.
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(NAME_MATCH_THRESHOLD)]);
    const { rows } = await tx.query<PersonRow & { score: number }>(
      `SELECT s.* FROM (
         ${PERSON_SELECT.replace('SELECT p.id,', `SELECT round(((word_similarity(${qp}, p.name_norm) + similarity(${qp}, p.name_norm)) / 2)::numeric, 6) AS score, p.id,`)}
         WHERE ${where.join(' AND ')}
       ) s ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''}
       ORDER BY s.score DESC, s.id LIMIT ${limit}`,
      params.values,
    );
    return rows.map((r) => ({ ...personFromRow(r), score: Number(r.score) }));
  });
}
