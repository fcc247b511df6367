import type { FundingStatus, Permission } from '@slrt/core';
import { areaScopeSql, SqlParams, type Actor } from '../access/actor.ts';
import type { Queryable, Tx } from '../db/database.ts';
import type { Cols, With } from '../db/rows.ts';

/** SQL of the Puskesos funding lines (budget and spending per year and source). */

export type FundingRow = With<Cols<'puskesos_funding',
  'id' | 'kab_code' | 'village_code' | 'year' | 'source' | 'kind' | 'category' | 'amount' | 'note' | 'status' | 'entered_at' | 'confirmed_at' | 'approved_at'>,
  { status: FundingStatus }>;

const COLS = 'id, kab_code, village_code, year, source, kind, category, amount, note, status, entered_at, confirmed_at, approved_at';

export async function insertFunding(tx: Tx, r: Omit<FundingRow, 'status' | 'entered_at' | 'confirmed_at' | 'approved_at'> & { entered_by: string }): Promise<void> {
  await tx.query(
    `INSERT INTO puskesos_funding (id, kab_code, village_code, year, source, kind, category, amount, note, entered_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [r.id, r.kab_code, r.village_code, r.year, r.source, r.kind, r.category, r.amount, r.note, r.entered_by],
  );
}

export async function selectFundingOf(q: Queryable, villageCode: string, year: number | null): Promise<FundingRow[]> {
  const { rows } = await q.query<FundingRow>(
    `SELECT ${COLS} FROM puskesos_funding WHERE village_code = $1 AND ($2::int IS NULL OR year = $2::int) ORDER BY year DESC, source, kind, id`,
    [villageCode, year],
  );
  return rows;
}

/** One line when its village lies in the actor's scope for `permission`. */
export async function selectFundingLine(q: Queryable, actor: Actor, permission: Permission, id: string, lock = false): Promise<FundingRow | null> {
  const p = new SqlParams();
  const { rows } = await q.query<FundingRow>(
    `SELECT ${COLS} FROM puskesos_funding WHERE id = ${p.add(id)} AND ${areaScopeSql(actor, permission, p, { village: 'village_code' })}${lock ? ' FOR UPDATE' : ''}`,
    p.values,
  );
  return rows[0] ?? null;
}

export async function setFundingStatus(tx: Tx, id: string, status: 'confirmed' | 'approved', userId: string): Promise<void> {
  const col = status === 'confirmed' ? 'confirmed' : 'approved';
  await tx.query(`UPDATE puskesos_funding SET status = $2, ${col}_at = now(), ${col}_by = $3 WHERE id = $1`, [id, status, userId]);
}

/** Confirmed or approved lines of the year inside an area prefix, per source and kind. */
export async function fundingBySourceIn(q: Queryable, kabCode: string, area: string, year: number): Promise<Array<Cols<'puskesos_funding', 'source' | 'kind' | 'amount'>>> {
  const { rows } = await q.query<Cols<'puskesos_funding', 'source' | 'kind' | 'amount'>>(
    `SELECT source, kind, sum(amount)::bigint AS amount FROM puskesos_funding
      WHERE kab_code = $1 AND (village_code = $2 OR village_code LIKE $2 || '.%') AND year = $3 AND status <> 'entered'
      GROUP BY source, kind`,
    [kabCode, area, year],
  );
  return rows;
}
