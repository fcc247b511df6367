import type { Queryable } from '../db/database.ts';
import type { Cols, Exists } from '../db/rows.ts';

/** SQL of the bulk actions on targeting lists: their lineage, and what is still open for a household and program. */

/**
 * Whether the household already has something open for the program that a referral would
 * repeat: a case made from a targeting list of the program that is not finished, or a referral
 * in progress to the program's delivering service for one of its members.
 */
export async function selectOpenForProgram(q: Queryable, householdId: string, programId: string, serviceId: string | null): Promise<boolean> {
  const { rows } = await q.query<Exists>(
    `SELECT EXISTS (
       SELECT 1 FROM targeting_actions t JOIN cases c ON c.id = t.case_id
       WHERE t.household_id = $1 AND t.program_id = $2 AND c.status NOT IN ('resolved', 'closed')
     ) OR EXISTS (
       SELECT 1 FROM referrals r JOIN persons p ON p.id = r.person_id
       WHERE p.household_id = $1 AND r.service_id = $3 AND r.status IN ('sent', 'accepted', 'in_service')
     ) AS ok`,
    [householdId, programId, serviceId],
  );
  return rows[0]?.ok ?? false;
}

/** The person a case about the household is opened for: the head if present, else the eldest member living there. */
export async function selectCasePerson(q: Queryable, householdId: string): Promise<string | null> {
  const { rows } = await q.query<Cols<'persons', 'id'>>(
    `SELECT id FROM persons
     WHERE household_id = $1 AND registry_status <> 'inactive' AND (presence IS NULL OR presence IN ('living_here', 'new_member'))
     ORDER BY (relationship = 'head') DESC, birth_date NULLS LAST, id LIMIT 1`,
    [householdId],
  );
  return rows[0]?.id ?? null;
}

export interface NewTargetingAction {
  id: string; kabCode: string; villageCode: string; programId: string; householdId: string;
  action: 'referral' | 'enrol_proposal' | 'exit_proposal'; caseId: string | null; referralId: string | null; proposalId: string | null; createdBy: string;
}

export async function insertTargetingAction(q: Queryable, a: NewTargetingAction): Promise<void> {
  await q.query(
    `INSERT INTO targeting_actions (id, kab_code, village_code, program_id, household_id, action, case_id, referral_id, proposal_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [a.id, a.kabCode, a.villageCode, a.programId, a.householdId, a.action, a.caseId, a.referralId, a.proposalId, a.createdBy],
  );
}
