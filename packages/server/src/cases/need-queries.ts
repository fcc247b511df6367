import type { CaseLevel, Decision, NeedStatus, Sector } from '@slrt/core';
import type { Queryable, Tx } from '../db/database.ts';
import type { Col, Cols, With } from '../db/rows.ts';

/**
 * SQL of a case's needs: what is asked, for whom, its status, and who holds it (issue 12: a need
 * escalated apart from its case, with its own decision).
 */

/** A need with its resident's name; `level` is the level it is held at apart from its case (0134), or null: with the case. */
export type NeedRow = With<Cols<'case_needs',
  | 'id' | 'case_id' | 'position' | 'sector' | 'urgency' | 'request' | 'status' | 'status_note' | 'recommendation' | 'person_id'
  | 'returned_at' | 'level' | 'decision' | 'decision_notes' | 'decided_at' | 'decided_by' | 'updated_at'>, { sector: Sector }>
  & { person_name: Col<'persons', 'full_name'>; decided_by_name: Col<'users', 'display_name'> | null };

const NEED_COLUMNS = `n.id, n.case_id, n.position, n.sector, n.urgency, n.request, n.status, n.status_note, n.recommendation, n.person_id,
  p.full_name AS person_name, n.returned_at, n.level, n.decision, n.decision_notes, n.decided_at, n.decided_by,
  nu.display_name AS decided_by_name, n.updated_at`;
const NEED_FROM = 'case_needs n JOIN persons p ON p.id = n.person_id LEFT JOIN users nu ON nu.id = n.decided_by';

export async function selectNeeds(q: Queryable, caseId: string): Promise<NeedRow[]> {
  const { rows } = await q.query<NeedRow>(
    `SELECT ${NEED_COLUMNS} FROM ${NEED_FROM} WHERE n.case_id = $1 ORDER BY n.position`,
    [caseId],
  );
  return rows;
}

export async function selectNeedForUpdate(tx: Tx, kabCode: string, needId: string): Promise<NeedRow | null> {
  const { rows } = await tx.query<NeedRow>(
    `SELECT ${NEED_COLUMNS} FROM ${NEED_FROM} WHERE n.kab_code = $1 AND n.id = $2 FOR UPDATE OF n`,
    [kabCode, needId],
  );
  return rows[0] ?? null;
}

export async function setNeedReturned(tx: Tx, needId: string): Promise<void> {
  await tx.query(`UPDATE case_needs SET returned_at = now() WHERE id = $1 AND status = 'open'`, [needId]);
}

/** Of `personIds`, those living in the household (the members a need may be for), with their names. */
export async function selectHouseholdMembers(q: Queryable, householdId: string, personIds: readonly string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const { rows } = await q.query<Cols<'persons', 'id' | 'full_name'>>(
    'SELECT id, full_name FROM persons WHERE household_id = $1 AND id = ANY($2::uuid[])',
    [householdId, [...new Set(personIds)]],
  );
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

/** A need's status and sector, its row locked (a referral's step moves the need). */
export async function lockNeedStatus(tx: Tx, needId: string): Promise<Cols<'case_needs', 'status' | 'sector'> | null> {
  const { rows } = await tx.query<Cols<'case_needs', 'status' | 'sector'>>('SELECT status, sector FROM case_needs WHERE id = $1 FOR UPDATE', [needId]);
  return rows[0] ?? null;
}

export async function updateNeedStatus(tx: Tx, needId: string, status: NeedStatus, note: string | null): Promise<void> {
  await tx.query('UPDATE case_needs SET status = $2, status_note = $3, returned_at = NULL, updated_at = now() WHERE id = $1', [needId, status, note]);
}

export async function updateNeedRecommendation(tx: Tx, caseId: string, needId: string, recommendation: string): Promise<number> {
  const r = await tx.query('UPDATE case_needs SET recommendation = $3, updated_at = now() WHERE case_id = $1 AND id = $2', [caseId, needId, recommendation]);
  return r.rowCount;
}

/**
 * Marks every need not yet done as `status` (a case handled directly and resolved, or closed):
 * those held with the case, and those held apart too when `heldApart`.
 */
export async function settleOpenNeeds(tx: Tx, caseId: string, status: 'resolved' | 'closed', note: string | null, opts: { heldApart?: boolean } = {}): Promise<number> {
  const r = await tx.query(
    `UPDATE case_needs SET status = $2, status_note = coalesce($3, status_note), updated_at = now()
     WHERE case_id = $1 AND status IN ('open', 'in_progress') AND (level IS NULL OR $4::boolean)`,
    [caseId, status, note, opts.heldApart ?? true],
  );
  return r.rowCount;
}

/**
 * Moves needs to `level` (null: back with the case); a decision of the level they leave does not
 * follow them. Escalated (`reopen`), a need being served goes back to open: the level above decides it.
 */
export async function setNeedsLevel(tx: Tx, caseId: string, needIds: readonly string[], level: CaseLevel | null, opts: { reopen: boolean }): Promise<void> {
  await tx.query(
    `UPDATE case_needs SET level = $3, decision = NULL, decision_notes = NULL, decided_by = NULL, decided_at = NULL, updated_at = now(),
       status = CASE WHEN $4::boolean AND status = 'in_progress' THEN 'open' ELSE status END
     WHERE case_id = $1 AND id = ANY($2::uuid[])`,
    [caseId, [...needIds], level, opts.reopen],
  );
}

/** After the whole case moved to `caseLevel`: needs held apart at or below it rejoin the case (core needLevelAfterCaseMove). */
export async function rejoinNeedsAtCaseLevel(tx: Tx, caseId: string, caseLevel: CaseLevel): Promise<void> {
  await tx.query(
    `UPDATE case_needs SET level = NULL, updated_at = now()
     WHERE case_id = $1 AND level IS NOT NULL
       AND (CASE level WHEN 'kecamatan' THEN 1 ELSE 2 END) <= (CASE $2::text WHEN 'village' THEN 0 WHEN 'kecamatan' THEN 1 ELSE 2 END)`,
    [caseId, caseLevel],
  );
}

/**
 * The holding level's decision on needs held apart: `refer` leaves them open for a referral,
 * `handle_directly` starts them, `reject` closes them with the notes.
 */
export async function decideNeeds(tx: Tx, caseId: string, needIds: readonly string[], decision: Decision, notes: string | null, by: string): Promise<void> {
  await tx.query(
    `UPDATE case_needs SET decision = $3, decision_notes = $4, decided_by = $5, decided_at = now(), updated_at = now(), returned_at = NULL,
       status = CASE $3::text WHEN 'handle_directly' THEN 'in_progress' WHEN 'reject' THEN 'closed' ELSE status END,
       status_note = CASE $3::text WHEN 'reject' THEN $4 ELSE status_note END
     WHERE case_id = $1 AND id = ANY($2::uuid[])`,
    [caseId, [...needIds], decision, notes, by],
  );
}

/** A case decided "handle directly": its open needs held with it start (those held apart keep their own course). */
export async function startNeedsWithCase(tx: Tx, caseId: string): Promise<void> {
  await tx.query(`UPDATE case_needs SET status = 'in_progress', updated_at = now() WHERE case_id = $1 AND status = 'open' AND level IS NULL`, [caseId]);
}
