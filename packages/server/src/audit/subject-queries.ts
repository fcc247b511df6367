import type { Queryable } from '../db/database.ts';
import type { Cols, Joined } from '../db/rows.ts';
import type { AuditInput } from './audit-event.ts';

/**
 * The persons (and households) whose data an audit event touches, so that a resident's access
 * log is one indexed query (`details.subjects`, migration 0090). Set where the event is
 * written: from the record type and ids, the record's person and household are looked up in
 * the same transaction (a case, a referral, a document or letter of a case or referral, a
 * proposal). An event that names them itself (`details.subjects`: `subjectsOf` the rows its caller
 * has just read, one query fewer on a hot path) is left as it is.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The record types whose ids lead to a person; others carry no subjects. */
const SUBJECT_SQL: Record<string, string> = {
  person: 'SELECT p.id AS person_id, p.household_id FROM persons p WHERE p.id = ANY($1::uuid[])',
  // households are read in the event's kabupaten ($2), its partition only
  household: 'SELECT NULL::uuid AS person_id, h.id AS household_id FROM households h WHERE h.kab_code = $2 AND h.id = ANY($1::uuid[])',
  case: 'SELECT c.person_id, c.household_id FROM cases c WHERE c.id = ANY($1::uuid[])',
  referral: `SELECT r.person_id, c.household_id FROM referrals r JOIN cases c ON c.id = r.case_id WHERE r.id = ANY($1::uuid[])`,
  proposal: 'SELECT x.person_id, x.household_id FROM proposals x WHERE x.id = ANY($1::uuid[])',
  document: `SELECT c.person_id, c.household_id FROM documents d
      LEFT JOIN referrals r ON d.owner_type = 'referral' AND r.id = d.owner_id
      JOIN cases c ON c.id = CASE WHEN d.owner_type = 'case' THEN d.owner_id ELSE r.case_id END
    WHERE d.id = ANY($1::uuid[])`,
  letter: `SELECT c.person_id, c.household_id FROM letters l
      LEFT JOIN referrals r ON l.owner_type = 'referral' AND r.id = l.owner_id
      JOIN cases c ON c.id = CASE WHEN l.owner_type = 'case' THEN l.owner_id ELSE r.case_id END
    WHERE l.id = ANY($1::uuid[])`,
};

/** More ids than this in one event (an export): the subjects are looked up all the same, in one statement. */
export async function withSubjects(q: Queryable, kabCode: string, input: AuditInput): Promise<AuditInput> {
  const sql = input.recordType ? SUBJECT_SQL[input.recordType] : undefined;
  if (!sql || input.details?.subjects !== undefined) return input;
  const ids = [...new Set((input.recordIds ?? []).filter((id) => UUID.test(id)))];
  if (ids.length === 0) return input;
  const { rows } = await q.query<Joined<Cols<'cases', 'person_id' | 'household_id'>>>(sql, input.recordType === 'household' ? [ids, kabCode] : [ids], `audit_subjects_${input.recordType}`);
  const persons = [...new Set(rows.flatMap((r) => (r.person_id ? [r.person_id] : [])))];
  const households = [...new Set(rows.flatMap((r) => (r.household_id ? [r.household_id] : [])))];
  if (persons.length === 0 && households.length === 0) return input;
  return { ...input, details: { ...(input.details ?? {}), subjects: { persons, households } } };
}
