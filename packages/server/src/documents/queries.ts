import type { Queryable } from '../db/database.ts';
import type { Col, Cols } from '../db/rows.ts';

export type DocumentRow = Cols<'documents',
  | 'id' | 'kab_code' | 'village_code' | 'owner_type' | 'owner_id' | 'kind' | 'file_name' | 'mime_type' | 'size_bytes' | 'sha256'
  | 'storage_key' | 'uploaded_by' | 'uploaded_at'> & { uploaded_by_name: Col<'users', 'display_name'> | null };

const SELECT = `SELECT d.id, d.kab_code, d.village_code, d.owner_type, d.owner_id, d.kind, d.file_name, d.mime_type,
  d.size_bytes, d.sha256, d.storage_key, d.uploaded_by, u.display_name AS uploaded_by_name, d.uploaded_at
  FROM documents d LEFT JOIN users u ON u.id = d.uploaded_by`;

export async function insertDocument(q: Queryable, d: Omit<DocumentRow, 'uploaded_by_name' | 'uploaded_at'>): Promise<void> {
  await q.query(
    `INSERT INTO documents (id, kab_code, village_code, owner_type, owner_id, kind, file_name, mime_type, size_bytes, sha256, storage_key, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [d.id, d.kab_code, d.village_code, d.owner_type, d.owner_id, d.kind, d.file_name, d.mime_type, d.size_bytes, d.sha256, d.storage_key, d.uploaded_by],
  );
}

/** The owner's live documents, oldest first. The owner was checked in scope by the caller. */
export async function selectDocumentsOf(q: Queryable, kabCode: string, ownerType: string, ownerId: string): Promise<DocumentRow[]> {
  const { rows } = await q.query<DocumentRow>(
    `${SELECT} WHERE d.kab_code = $1 AND d.owner_type = $2 AND d.owner_id = $3 AND d.deleted_at IS NULL ORDER BY d.uploaded_at, d.id`,
    [kabCode, ownerType, ownerId],
  );
  return rows;
}

/** Which of `ids` are live documents of the owner. */
export async function selectDocumentIdsOf(q: Queryable, ownerType: string, ownerId: string, ids: readonly string[]): Promise<string[]> {
  const { rows } = await q.query<Cols<'documents', 'id'>>(
    'SELECT id FROM documents WHERE owner_type = $1 AND owner_id = $2 AND id = ANY($3::uuid[]) AND deleted_at IS NULL',
    [ownerType, ownerId, [...ids]]);
  return rows.map((r) => r.id);
}

export async function selectDocumentOf(q: Queryable, kabCode: string, ownerType: string, ownerId: string, id: string): Promise<DocumentRow | null> {
  const { rows } = await q.query<DocumentRow>(
    `${SELECT} WHERE d.kab_code = $1 AND d.owner_type = $2 AND d.owner_id = $3 AND d.id = $4 AND d.deleted_at IS NULL`,
    [kabCode, ownerType, ownerId, id],
  );
  return rows[0] ?? null;
}

export async function selectDocumentBySha(q: Queryable, kabCode: string, ownerType: string, ownerId: string, sha256: string): Promise<DocumentRow | null> {
  const { rows } = await q.query<DocumentRow>(
    `${SELECT} WHERE d.kab_code = $1 AND d.owner_type = $2 AND d.owner_id = $3 AND d.sha256 = $4 AND d.deleted_at IS NULL`,
    [kabCode, ownerType, ownerId, sha256],
  );
  return rows[0] ?? null;
}

export async function markDocumentDeleted(q: Queryable, id: string, by: string): Promise<number> {
  const r = await q.query('UPDATE documents SET deleted_at = now(), deleted_by = $2 WHERE id = $1 AND deleted_at IS NULL', [id, by]);
  return r.rowCount;
}

/** Marks documents deleted (retention, a withdrawn consent); returns the storage keys of those it marked. */
export async function markDocumentsDeleted(q: Queryable, ids: readonly string[], by: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<Cols<'documents', 'storage_key'>>(
    'UPDATE documents SET deleted_at = now(), deleted_by = $2 WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL RETURNING storage_key',
    [ids, by],
  );
  return rows.map((r) => r.storage_key);
}
