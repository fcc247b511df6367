import type { Queryable } from '../db/database.ts';
import type { Cols } from '../db/rows.ts';

export type AuditEventRow = Cols<'audit_events',
  'id' | 'seq' | 'at' | 'actor_name' | 'actor_roles' | 'action' | 'record_type' | 'record_ids' | 'purpose' | 'client_addr'>;

export interface AuditSearch {
  kabCode: string;
  /** Events whose record ids include it. */
  recordId?: string | undefined;
  /** Events touching the person: among their subjects (details.subjects) or their record ids. */
  personId?: string | undefined;
  /** The account name the event was recorded under (exact). */
  actor?: string | undefined;
  /** An action code or its prefix (`person.` or `person.read`). */
  action?: string | undefined;
  /** Dates (YYYY-MM-DD), inclusive, in the server's time zone. */
  from?: string | undefined;
  to?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

/** A page of the kabupaten's trail, newest first, through the record, subjects and (kab, seq) indexes. */
export async function selectAuditEvents(q: Queryable, s: AuditSearch): Promise<AuditEventRow[]> {
  const params: unknown[] = [s.kabCode, s.limit];
  const where = ['kab_code = $1'];
  if (s.beforeSeq !== undefined) where.push(`seq < $${params.push(s.beforeSeq)}`);
  if (s.recordId) where.push(`record_ids @> ARRAY[$${params.push(s.recordId)}]::text[]`);
  if (s.personId) {
    const p = params.push(s.personId);
    where.push(`(details -> 'subjects' @> jsonb_build_object('persons', jsonb_build_array($${p}::text)) OR record_ids && ARRAY[$${p}::text])`);
  }
  if (s.actor) where.push(`actor_name = $${params.push(s.actor)}`);
  // a prefix: LIKE's own wildcards in the code are taken literally
  if (s.action) where.push(`action LIKE $${params.push(`${s.action.replace(/[\\%_]/g, '\\$&')}%`)}`);
  if (s.from) where.push(`at >= $${params.push(s.from)}::date`);
  if (s.to) where.push(`at < $${params.push(s.to)}::date + 1`);
  const { rows } = await q.query<AuditEventRow>(
    `SELECT id, seq, at, actor_name, actor_roles, action, record_type, record_ids, purpose, client_addr
     FROM audit_events WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT $2`,
    params,
  );
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

type AuditPerson = Cols<'persons', 'id' | 'full_name'>;

/** The kabupaten's person with this NIK or id (the auditor narrows the trail to them), or undefined. */
export async function selectAuditPerson(q: Queryable, kabCode: string, by: { nik?: string | undefined; id?: string | undefined }): Promise<AuditPerson | undefined> {
  const { rows } = by.nik
    ? await q.query<AuditPerson>('SELECT id, full_name FROM persons WHERE kab_code = $1 AND nik = $2 ORDER BY created_at LIMIT 1', [kabCode, by.nik])
    : await q.query<AuditPerson>('SELECT id, full_name FROM persons WHERE kab_code = $1 AND id = $2', [kabCode, by.id]);
  return rows[0];
}
