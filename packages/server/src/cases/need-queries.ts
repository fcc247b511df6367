import type { CaseLevel, Decision } from '@slrt/core';
import type { Tx } from '../db/database.ts';

/** SQL of who holds a need (issue 12, item 2): a need escalated apart from its case, and its own decision. */

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
