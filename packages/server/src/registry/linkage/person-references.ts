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

/** One reference: [table, column, why] and, for a table pointing at several kinds of record, its condition. */
type Row = readonly [table: string, column: string, why: string, where?: string];

/** The rows follow the survivor. */
const MOVED: readonly Row[] = [
  ['cases', 'person_id', 'the cases of the person'],
  ['referrals', 'person_id', 'the referrals of the person'],
  ['case_needs', 'person_id', 'needs recorded for the person (a household member of a case)'],
  ['proposals', 'person_id', 'usulan about the person'],
  ['proposal_submission_rows', 'person_id', 'rows of national submissions about the person'],
  ['program_enrollments', 'person_id', 'program enrollments of the person'],
  ['assistance_deliveries', 'person_id', 'the assistance the person received (ledger)'],
  ['documents', 'owner_id', 'documents attached to the person', "owner_type = 'person'"],
  ['data_requests', 'person_id', 'a data-subject request is the resident\'s, whichever record survives'],
  ['legal_holds', 'person_id', 'a legal hold must keep covering the resident\'s data'],
  ['person_restrictions', 'person_id', 'a restriction the resident obtained follows them to the survivor'],
];

/** The column speaks of this very record: it stays. */
const KEPT: readonly Row[] = [
  ['breach_persons', 'person_id', 'the record a breach exposed, as it was (the tombstone stays readable)'],
  ['break_glass_grants', 'person_id', 'an emergency grant was for that record at that time'],
  ['persons', 'merged_into', 'a tombstone keeps pointing at the record it was merged into'],
  ['duplicate_pairs', 'person_a_id', 'the pair that was reviewed'],
  ['duplicate_pairs', 'person_b_id', 'the pair that was reviewed'],
  ['person_merges', 'survivor_id', 'the merge itself'],
  ['person_merges', 'merged_id', 'the merge itself'],
];

const reference = (action: PersonReference['action']) => ([table, column, why, where]: Row): PersonReference =>
  ({ table, column, action, why, ...(where ? { where } : {}) });

export const PERSON_REFERENCES: readonly PersonReference[] = [...MOVED.map(reference('move')), ...KEPT.map(reference('keep'))];

/** Tables whose person columns must all be listed (the catalog test reads these). */
export const referenceKey = (r: { table: string; column: string }) => `${r.table}.${r.column}`;
