import type { Queryable, Tx } from '../../db/database.ts';
import type { Cols, Count, With } from '../../db/rows.ts';
import type { PersonReference } from './person-references.ts';

/** SQL of merges: the catalog of person references, moving them, the merge record. */

/** Every column that references a person: foreign keys to persons, and columns named person_id or *_person_id. */
export async function selectPersonReferenceColumns(q: Queryable): Promise<{ table: string; column: string }[]> {
  const { rows } = await q.query<{ table: string; column: string }>(
    `SELECT c.conrelid::regclass::text AS "table", a.attname::text AS "column"
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.contype = 'f' AND c.confrelid = 'persons'::regclass
     UNION
     SELECT col.table_name::text, col.column_name::text
       FROM information_schema.columns col
       JOIN information_schema.tables t ON t.table_schema = col.table_schema AND t.table_name = col.table_name AND t.table_type = 'BASE TABLE'
      WHERE col.table_schema = current_schema() AND (col.column_name = 'person_id' OR col.column_name LIKE '%\\_person\\_id')
     ORDER BY 1, 2`,
  );
  return rows;
}

// Identifiers come from the constant list PERSON_REFERENCES, never from a request.
const ident = (s: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`not an identifier: ${s}`);
  return `"${s}"`;
};

/** Points the rows of one reference from `from` to `to`; returns the ids of the rows moved. */
export async function moveReference(tx: Tx, ref: PersonReference, from: string, to: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE ${ident(ref.table)} SET ${ident(ref.column)} = $2 WHERE ${ident(ref.column)} = $1${ref.where ? ` AND ${ref.where}` : ''} RETURNING id::text AS id`,
    [from, to],
  );
  return rows.map((r) => r.id);
}

/** Undo: points exactly these rows back. */
export async function moveBack(tx: Tx, ref: PersonReference, ids: readonly string[], to: string): Promise<void> {
  if (!ids.length) return;
  await tx.query(`UPDATE ${ident(ref.table)} SET ${ident(ref.column)} = $2 WHERE id::text = ANY($1::text[])`, [ids, to]);
}

export async function setMergedInto(tx: Tx, id: string, survivor: string | null): Promise<void> {
  await tx.query('UPDATE persons SET merged_into = $2 WHERE id = $1', [id, survivor]);
}

/** Tombstones that point at `id` (their NIK finds the survivor). */
export async function selectMergedInto(q: Queryable, id: string): Promise<string[]> {
  const { rows } = await q.query<Cols<'persons', 'id'>>('SELECT id FROM persons WHERE merged_into = $1 ORDER BY id', [id]);
  return rows.map((r) => r.id);
}

export type MergeRow = With<Cols<'person_merges',
  'id' | 'kab_code' | 'village_code' | 'pair_id' | 'survivor_id' | 'merged_id' | 'status' | 'merged_at' | 'undone_at'>, {
  survivor_changes: Record<string, { old: unknown; new: unknown }>;
  merged_before: Record<string, unknown>;
  moved: { table: string; column: string; ids: string[] }[];
}>;

export async function insertMerge(tx: Tx, m: Omit<MergeRow, 'status' | 'merged_at' | 'undone_at'> & { mergedBy: string | null }): Promise<void> {
  await tx.query(
    `INSERT INTO person_merges (id, kab_code, village_code, pair_id, survivor_id, merged_id, survivor_changes, merged_before, moved, status, merged_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'merged', $10)`,
    [m.id, m.kab_code, m.village_code, m.pair_id, m.survivor_id, m.merged_id, JSON.stringify(m.survivor_changes), JSON.stringify(m.merged_before), JSON.stringify(m.moved), m.mergedBy],
  );
}

export async function selectMerge(q: Queryable, kabCode: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<MergeRow | null> {
  const { rows } = await q.query<MergeRow>(`SELECT * FROM person_merges WHERE kab_code = $1 AND id = $2${opts.forUpdate ? ' FOR UPDATE' : ''}`, [kabCode, id]);
  return rows[0] ?? null;
}

export async function markMergeUndone(tx: Tx, id: string, actorId: string | null): Promise<void> {
  await tx.query(`UPDATE person_merges SET status = 'undone', undone_by = $2, undone_at = now() WHERE id = $1`, [id, actorId]);
}

/** A later merge that took this survivor or tombstone in: undo that one first. */
export async function selectLaterMerges(q: Queryable, merge: { id: string; survivor_id: string; merged_id: string; merged_at: Date }): Promise<number> {
  const { rows } = await q.query<Count>(
    `SELECT count(*)::int AS n FROM person_merges WHERE status = 'merged' AND id <> $1 AND merged_at > $4
       AND (survivor_id IN ($2, $3) OR merged_id IN ($2, $3))`,
    [merge.id, merge.survivor_id, merge.merged_id, merge.merged_at],
  );
  return rows[0]?.n ?? 0;
}
