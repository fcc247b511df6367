import type { Queryable, Tx } from '../db/database.ts';
import type { Cols } from '../db/rows.ts';

/** SQL of the outreach log (sosialisasi). */

export type OutreachRow = Cols<'puskesos_outreach', 'id' | 'village_code' | 'held_on' | 'place' | 'audience' | 'reached' | 'by_name' | 'by_kind' | 'note'>;

/** Sessions and people reached, per village and kind (aggregates). */
export type OutreachTotals = Cols<'puskesos_outreach', 'village_code' | 'by_kind' | 'reached'> & { sessions: number };

export async function insertOutreach(tx: Tx, kabCode: string, r: OutreachRow, userId: string): Promise<void> {
  await tx.query(
    `INSERT INTO puskesos_outreach (id, kab_code, village_code, held_on, place, audience, reached, by_name, by_kind, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [r.id, kabCode, r.village_code, r.held_on, r.place, r.audience, r.reached, r.by_name, r.by_kind, r.note, userId],
  );
}

export async function selectOutreach(q: Queryable, villageCode: string, limit: number, before: string | null): Promise<OutreachRow[]> {
  const { rows } = await q.query<OutreachRow>(
    `SELECT id, village_code, held_on::text AS held_on, place, audience, reached, by_name, by_kind, note FROM puskesos_outreach
      WHERE village_code = $1 AND ($2::uuid IS NULL OR id < $2::uuid) ORDER BY id DESC LIMIT $3`,
    [villageCode, before, limit],
  );
  return rows;
}

/** Outreach per village and kind in [from, until) inside an area prefix. */
export async function outreachIn(q: Queryable, kabCode: string, area: string, from: string, until: string): Promise<OutreachTotals[]> {
  const { rows } = await q.query<OutreachTotals>(
    `SELECT village_code, by_kind, count(*)::int AS sessions, sum(reached)::int AS reached FROM puskesos_outreach
      WHERE kab_code = $1 AND (village_code = $2 OR village_code LIKE $2 || '.%') AND held_on >= $3::date AND held_on < $4::date
      GROUP BY village_code, by_kind`,
    [kabCode, area, from, until],
  );
  return rows;
}
