import type { CaseLevel, CaseStatus } from '@slrt/core';
import type { Queryable, Tx } from '../db/database.ts';
import type { Cols, With } from '../db/rows.ts';

/** SQL of a case's timeline (`case_events`): one row per step, note, referral answer, transfer. */

export interface CaseEventInput {
  id: string;
  kabCode: string;
  villageCode: string;
  caseId: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  fromStatus?: CaseStatus | null;
  toStatus?: CaseStatus | null;
  fromLevel?: CaseLevel | null;
  toLevel?: CaseLevel | null;
  details?: Record<string, unknown> | null;
}

export async function insertCaseEvent(tx: Tx, e: CaseEventInput): Promise<void> {
  await tx.query(
    `INSERT INTO case_events (id, kab_code, village_code, case_id, actor_id, actor_name, action, from_status, to_status, from_level, to_level, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [e.id, e.kabCode, e.villageCode, e.caseId, e.actorId, e.actorName, e.action, e.fromStatus ?? null, e.toStatus ?? null,
      e.fromLevel ?? null, e.toLevel ?? null, e.details ? JSON.stringify(e.details) : null],
  );
}

/** The codes of a step are typed by their vocabulary in core (the table does not CHECK them). */
export type CaseEventRow = With<Cols<'case_events', 'id' | 'at' | 'actor_id' | 'actor_name' | 'action' | 'from_status' | 'to_status' | 'from_level' | 'to_level' | 'details'>, {
  from_status: CaseStatus | null;
  to_status: CaseStatus | null;
  from_level: CaseLevel | null;
  to_level: CaseLevel | null;
  details: Record<string, unknown> | null;
}>;

/** A case's timeline; the kabupaten names the partition to read (migration 0199). */
export async function selectCaseEvents(q: Queryable, kabCode: string, caseId: string): Promise<CaseEventRow[]> {
  const { rows } = await q.query<CaseEventRow>(
    `SELECT id, at, actor_id, actor_name, action, from_status, to_status, from_level, to_level, details
     FROM case_events WHERE kab_code = $1 AND case_id = $2 ORDER BY at, id`,
    [kabCode, caseId],
  );
  return rows;
}
