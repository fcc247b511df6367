import type { Permission, ProposalSettings, RoundStatus } from '@slrt/core';
import { areaScopeSql, SqlParams, type Actor } from '../../access/actor.ts';
import type { Queryable } from '../../db/database.ts';
import type { Col, Cols, VillageNames } from '../../db/rows.ts';
import { newId } from '../../db/ids.ts';

/** SQL of the round rules and of the villages' monthly rounds. */

export async function selectSettings(q: Queryable, kabCode: string): Promise<ProposalSettings | null> {
  const { rows } = await q.query<Cols<'proposal_settings', 'cut_off_day' | 'time_zone' | 'separate_ratifier'>>(
    'SELECT cut_off_day, time_zone, separate_ratifier FROM proposal_settings WHERE kab_code = $1',
    [kabCode],
  );
  const r = rows[0];
  return r ? { cutOffDay: r.cut_off_day, timeZone: r.time_zone, separateRatifier: r.separate_ratifier } : null;
}

export async function upsertSettings(q: Queryable, kabCode: string, s: ProposalSettings, by: string): Promise<void> {
  await q.query(
    `INSERT INTO proposal_settings (kab_code, cut_off_day, time_zone, separate_ratifier, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (kab_code) DO UPDATE SET cut_off_day = $2, time_zone = $3, separate_ratifier = $4, updated_by = $5, updated_at = now()`,
    [kabCode, s.cutOffDay, s.timeZone, s.separateRatifier, by],
  );
}

export type RoundRow = Cols<'proposal_rounds',
  | 'id' | 'kab_code' | 'village_code' | 'period' | 'cut_off_date' | 'status' | 'basis' | 'basis_date' | 'note' | 'submitted_at' | 'reviewed_at'
  | 'review_note'> & VillageNames & {
  submitted_by_name: Col<'users', 'display_name'> | null;
  reviewed_by_name: Col<'users', 'display_name'> | null;
  /** Proposals per status (json_object_agg of counts). */
  counts: Record<string, number> | null;
};

const ROUND_SELECT = `
  SELECT r.id, r.kab_code, r.village_code, v.name AS village_name, k.code AS kecamatan_code, k.name AS kecamatan_name,
    r.period, r.cut_off_date, r.status, r.basis, r.basis_date, r.note, r.submitted_at, su.display_name AS submitted_by_name,
    r.reviewed_at, ru.display_name AS reviewed_by_name, r.review_note,
    (SELECT json_object_agg(c.status, c.n) FROM (
       SELECT p.status, count(*)::int AS n FROM proposals p WHERE p.round_id = r.id GROUP BY p.status) c) AS counts
  FROM proposal_rounds r
  JOIN areas v ON v.code = r.village_code
  JOIN areas k ON k.code = v.parent_code
  LEFT JOIN users su ON su.id = r.submitted_by
  LEFT JOIN users ru ON ru.id = r.reviewed_by`;

/** The round of a village and month, created on first use (open, with the given cut-off). */
export async function ensureRound(q: Queryable, r: { kabCode: string; villageCode: string; period: string; cutOffDate: string }): Promise<Cols<'proposal_rounds', 'id' | 'status'>> {
  await q.query(
    `INSERT INTO proposal_rounds (id, kab_code, village_code, period, cut_off_date) VALUES ($1, $2, $3, $4, $5::date)
     ON CONFLICT (kab_code, village_code, period) DO NOTHING`,
    [newId(), r.kabCode, r.villageCode, r.period, r.cutOffDate],
  );
  const { rows } = await q.query<Cols<'proposal_rounds', 'id' | 'status'>>(
    'SELECT id, status FROM proposal_rounds WHERE kab_code = $1 AND village_code = $2 AND period = $3',
    [r.kabCode, r.villageCode, r.period],
  );
  return rows[0]!;
}

export async function selectRound(q: Queryable, actor: Actor, permission: Permission, id: string, opts: { forUpdate?: boolean } = {}): Promise<RoundRow | null> {
  const params = new SqlParams();
  const idParam = params.add(id);
  const scope = areaScopeSql(actor, permission, params, { kab: 'r.kab_code', village: 'r.village_code' });
  const { rows } = await q.query<RoundRow>(`${ROUND_SELECT} WHERE r.id = ${idParam} AND ${scope}${opts.forUpdate ? ' FOR UPDATE OF r' : ''}`, params.values);
  return rows[0] ?? null;
}

export async function listRounds(
  q: Queryable,
  actor: Actor,
  filter: { area?: string | undefined; period?: string | undefined; status?: RoundStatus | undefined },
  page: { limit: number; after?: { period: string; id: string } | null },
): Promise<RoundRow[]> {
  const params = new SqlParams();
  const where = [`r.kab_code = ${params.add(actor.kabCode)}`, areaScopeSql(actor, 'proposals.read', params, { kab: 'r.kab_code', village: 'r.village_code' })];
  if (filter.area) where.push(`(r.village_code = ${params.add(filter.area)} OR r.village_code LIKE ${params.add(`${filter.area}.%`)})`);
  if (filter.period) where.push(`r.period = ${params.add(filter.period)}`);
  if (filter.status) where.push(`r.status = ${params.add(filter.status)}`);
  if (page.after) where.push(`(r.period, r.id) < (${params.add(page.after.period)}, ${params.add(page.after.id)}::uuid)`);
  const { rows } = await q.query<RoundRow>(
    `${ROUND_SELECT} WHERE ${where.join(' AND ')} ORDER BY r.period DESC, r.id DESC LIMIT ${params.add(page.limit + 1)}`,
    params.values,
  );
  return rows;
}

export async function markRoundSubmitted(q: Queryable, id: string, s: { basis: string; basisDate: string; note: string | null; by: string }): Promise<void> {
  await q.query(
    `UPDATE proposal_rounds SET status = 'submitted', basis = $2, basis_date = $3::date, note = $4, submitted_at = now(), submitted_by = $5, updated_at = now()
     WHERE id = $1`,
    [id, s.basis, s.basisDate, s.note, s.by],
  );
}

export async function markRoundReviewed(q: Queryable, id: string, by: string, note: string | null): Promise<void> {
  await q.query(
    `UPDATE proposal_rounds SET status = 'reviewed', reviewed_at = now(), reviewed_by = $2, review_note = $3, updated_at = now() WHERE id = $1`,
    [id, by, note],
  );
}

/** Follows a changed cut-off day: open rounds of the kabupaten get their new cut-off date. */
export async function updateOpenCutOffs(q: Queryable, kabCode: string, cutOffFor: (period: string) => string): Promise<void> {
  const { rows } = await q.query<Cols<'proposal_rounds', 'id' | 'period'>>(`SELECT id, period FROM proposal_rounds WHERE kab_code = $1 AND status = 'open'`, [kabCode]);
  for (const r of rows) await q.query('UPDATE proposal_rounds SET cut_off_date = $2::date WHERE id = $1', [r.id, cutOffFor(r.period)]);
}

/** Proposals of a round in the given statuses, locked, oldest first. */
export async function selectRoundProposalIds(q: Queryable, roundId: string, statuses: readonly string[]): Promise<string[]> {
  const { rows } = await q.query<Cols<'proposals', 'id'>>(
    'SELECT id FROM proposals WHERE round_id = $1 AND status = ANY($2::text[]) ORDER BY created_at, id FOR UPDATE',
    [roundId, statuses],
  );
  return rows.map((r) => r.id);
}

export async function moveToRound(q: Queryable, ids: readonly string[], roundId: string): Promise<void> {
  if (ids.length) await q.query('UPDATE proposals SET round_id = $2, updated_at = now() WHERE id = ANY($1::uuid[])', [ids, roundId]);
}
