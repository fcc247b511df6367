import type { Queryable } from '../db/database.ts';
import type { Col, Cols } from '../db/rows.ts';

/** SQL of the records for the regulator and the configuration they are generated from. */

export type RecordRow = Cols<'privacy_records', 'id' | 'kind' | 'version' | 'generated_at' | 'source_sha256'>;

type Recipient = Cols<'directory_services', 'sector' | 'shared_fields'> & { organization: Col<'organizations', 'name'>; service: Col<'directory_services', 'name'> };

/** Partner services and the resident fields each receives (the recipients of the record of processing). */
export async function selectRecipients(q: Queryable, kabCode: string): Promise<Array<Recipient>> {
  const { rows } = await q.query<Recipient>(
    `SELECT o.name AS organization, s.name AS service, s.sector, s.shared_fields FROM directory_services s JOIN organizations o ON o.id = s.organization_id
     WHERE s.kab_code = $1 AND s.status = 'active' ORDER BY o.name, s.name`,
    [kabCode],
  );
  return rows;
}

/** The programs households are screened for, enrolled in and receive from (national, village and the kabupaten's own), active ones. */
export async function selectPrograms(q: Queryable, kabCode: string): Promise<Array<Cols<'programs', 'code' | 'name' | 'scope' | 'owner_name'>>> {
  const { rows } = await q.query<Cols<'programs', 'code' | 'name' | 'scope' | 'owner_name'>>(
    `SELECT code, name, scope, owner_name FROM programs WHERE active AND (kab_code IS NULL OR kab_code = $1) ORDER BY scope, code`,
    [kabCode],
  );
  return rows;
}

export async function selectLatestRecord(q: Queryable, kabCode: string, kind: string): Promise<RecordRow | undefined> {
  const { rows } = await q.query<RecordRow>(
    'SELECT id, kind, version, generated_at, source_sha256 FROM privacy_records WHERE kab_code = $1 AND kind = $2 ORDER BY version DESC LIMIT 1',
    [kabCode, kind],
  );
  return rows[0];
}

export async function insertRecord(q: Queryable, r: { id: string; kabCode: string; kind: string; version: number; userId: string; sourceSha256: string; pdf: Buffer }): Promise<void> {
  await q.query(
    'INSERT INTO privacy_records (id, kab_code, kind, version, generated_by, source_sha256, pdf) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [r.id, r.kabCode, r.kind, r.version, r.userId, r.sourceSha256, r.pdf],
  );
}

export async function selectRecords(q: Queryable, kabCode: string): Promise<RecordRow[]> {
  const { rows } = await q.query<RecordRow>(
    'SELECT id, kind, version, generated_at, source_sha256 FROM privacy_records WHERE kab_code = $1 ORDER BY kind, version DESC',
    [kabCode],
  );
  return rows;
}

export async function selectRecordPdf(q: Queryable, kabCode: string, id: string): Promise<{ kind: string; version: number; pdf: Buffer } | undefined> {
  const { rows } = await q.query<Cols<'privacy_records', 'kind' | 'version' | 'pdf'>>(
    'SELECT kind, version, pdf FROM privacy_records WHERE kab_code = $1 AND id = $2', [kabCode, id],
  );
  const r = rows[0];
  return r ? { kind: r.kind, version: r.version, pdf: Buffer.from(r.pdf) } : undefined;
}
