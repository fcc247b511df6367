import type { LetterContent, LetterKind } from '@slrt/core';
import type { Queryable, Tx } from '../db/database.ts';
import type { Cols, Row, With } from '../db/rows.ts';

export type LetterRow = With<Omit<Row<'letters'>, 'revoked_by'>, { kind: LetterKind; content: LetterContent }>;

const COLUMNS = `id, kab_code, village_code, owner_type, owner_id, kind, year, serial, number, verify_token, issued_at,
  valid_until, issuing_office, signer_id, signer_name, signer_title, issued_by, content, revoked_at, revoke_reason`;

/** The next serial of a kabupaten, kind and year; the row lock orders concurrent issuers until commit. */
export async function nextLetterSerial(tx: Tx, kabCode: string, kind: LetterKind, year: number): Promise<number> {
  const { rows } = await tx.query<Cols<'letter_counters', 'last_serial'>>(
    `INSERT INTO letter_counters (kab_code, kind, year, last_serial) VALUES ($1, $2, $3, 1)
     ON CONFLICT (kab_code, kind, year) DO UPDATE SET last_serial = letter_counters.last_serial + 1
     RETURNING last_serial`,
    [kabCode, kind, year],
  );
  return rows[0]!.last_serial;
}

export async function insertLetter(tx: Tx, l: Omit<LetterRow, 'revoked_at' | 'revoke_reason'>): Promise<void> {
  await tx.query(
    `INSERT INTO letters (id, kab_code, village_code, owner_type, owner_id, kind, year, serial, number, verify_token, issued_at,
       valid_until, issuing_office, signer_id, signer_name, signer_title, issued_by, content)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [l.id, l.kab_code, l.village_code, l.owner_type, l.owner_id, l.kind, l.year, l.serial, l.number, l.verify_token, l.issued_at,
      l.valid_until, l.issuing_office, l.signer_id, l.signer_name, l.signer_title, l.issued_by, JSON.stringify(l.content)],
  );
}

export async function selectLettersOf(q: Queryable, kabCode: string, ownerType: string, ownerId: string): Promise<LetterRow[]> {
  const { rows } = await q.query<LetterRow>(
    `SELECT ${COLUMNS} FROM letters WHERE kab_code = $1 AND owner_type = $2 AND owner_id = $3 ORDER BY issued_at, id`,
    [kabCode, ownerType, ownerId],
  );
  return rows;
}

export async function selectLetterOf(q: Queryable, kabCode: string, ownerType: string, ownerId: string, id: string): Promise<LetterRow | null> {
  const { rows } = await q.query<LetterRow>(
    `SELECT ${COLUMNS} FROM letters WHERE kab_code = $1 AND owner_type = $2 AND owner_id = $3 AND id = $4`,
    [kabCode, ownerType, ownerId, id],
  );
  return rows[0] ?? null;
}

/** The live (not revoked) letter of a kind for an owner, newest first. */
export async function selectLiveLetter(q: Queryable, kabCode: string, ownerType: string, ownerId: string, kind: LetterKind): Promise<LetterRow | null> {
  const { rows } = await q.query<LetterRow>(
    `SELECT ${COLUMNS} FROM letters WHERE kab_code = $1 AND owner_type = $2 AND owner_id = $3 AND kind = $4 AND revoked_at IS NULL
     ORDER BY issued_at DESC, id DESC LIMIT 1`,
    [kabCode, ownerType, ownerId, kind],
  );
  return rows[0] ?? null;
}

/** For the public verification: by token or by number. Unscoped: it answers only what is public. */
export async function selectLetterByRef(q: Queryable, ref: { token?: string; number?: string }): Promise<LetterRow | null> {
  const { rows } = ref.token
    ? await q.query<LetterRow>(`SELECT ${COLUMNS} FROM letters WHERE verify_token = $1`, [ref.token])
    : await q.query<LetterRow>(`SELECT ${COLUMNS} FROM letters WHERE number = $1 ORDER BY issued_at LIMIT 1`, [ref.number]);
  return rows[0] ?? null;
}

export async function markLetterRevoked(tx: Tx, id: string, by: string, reason: string): Promise<number> {
  const r = await tx.query(
    'UPDATE letters SET revoked_at = now(), revoked_by = $2, revoke_reason = $3 WHERE id = $1 AND revoked_at IS NULL',
    [id, by, reason],
  );
  return r.rowCount;
}
