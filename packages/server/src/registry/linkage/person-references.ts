/**
 * Every column of the database that points at a person, and what a merge does with it. A
 * test (merge.test.ts) reads the catalog (foreign keys to persons, and columns named
 * person_id or *_person_id) and fails when a column is not listed here: a table added by
 * another domain must say whether its rows follow the survivor.
 *
 * - `move`: the rows follow the survivor (cases, referrals, proposals, ...); the merge keeps
 *   their ids, and undo moves exactly those back.
 * - `keep`: the column says something about this very record (the pair that was reviewed,
 *   the merge itself, the tombstone's pointer), so it stays.
 */
export interface PersonReference {
  table: string;
  column: string;
  action: 'move' | 'keep';
  /** Extra condition for tables that point at several kinds of record (documents). */
  where?: string;
  why: string;
}

export const PERSON_REFERENCES: readonly PersonReference[] = [
  { table: 'cases', column: 'person_id', action: 'move', why: 'the cases of the person' },
  { table: 'referrals', column: 'person_id', action: 'move', why: 'the referrals of the person' },
  { table: 'case_needs', column: 'person_id', action: 'move', why: 'needs recorded for the person (a household member of a case)' },
  { table: 'proposals', column: 'person_id', action: 'move', why: 'usulan about the person' },
  { table: 'proposal_submission_rows', column: 'person_id', action: 'move', why: 'rows of national submissions about the person' },
  { table: 'program_enrollments', column: 'person_id', action: 'move', why: 'program enrollments of the person' },
  { table: 'assistance_deliveries', column: 'person_id', action: 'move', why: 'the assistance the person received (ledger)' },
  { table: 'documents', column: 'owner_id', action: 'move', where: "owner_type = 'person'", why: 'documents attached to the person' },
  { table: 'data_requests', column: 'person_id', action: 'move', why: 'a data-subject request is the resident\'s, whichever record survives' },
  { table: 'legal_holds', column: 'person_id', action: 'move', why: 'a legal hold must keep covering the resident\'s data' },
  { table: 'person_restrictions', column: 'person_id', action: 'move', why: 'a restriction the resident obtained follows them to the survivor' },
  { table: 'breach_persons', column: 'person_id', action: 'keep', why: 'the record a breach exposed, as it was (the tombstone stays readable)' },
  { table: 'break_glass_grants', column: 'person_id', action: 'keep', why: 'an emergency grant was for that record at that time' },
  { table: 'persons', column: 'merged_into', action: 'keep', why: 'a tombstone keeps pointing at the record it was merged into' },
  { table: 'duplicate_pairs', column: 'person_a_id', action: 'keep', why: 'the pair that was reviewed' },
  { table: 'duplicate_pairs', column: 'person_b_id', action: 'keep', why: 'the pair that was reviewed' },
  { table: 'person_merges', column: 'survivor_id', action: 'keep', why: 'the merge itself' },
  { table: 'person_merges', column: 'merged_id', action: 'keep', why: 'the merge itself' },
];

/** Tables whose person columns must all be listed (the catalog test reads these). */
export const referenceKey = (r: { table: string; column: string }) => `${r.table}.${r.column}`;
