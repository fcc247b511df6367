import type { Queryable } from '../db/database.ts';

export interface AuditEventRow {
  id: string;
  seq: number;
  at: Date;
  actor_name: string | null;
  actor_roles: string | null;
  action: string;
  record_type: string | null;
  record_ids: string[];
  purpose: string | null;
  client_addr: string | null;
}

/**
 * The kabupaten's audit trail, newest first, `limit + 1` rows (the extra one tells that a next
 * page exists). Filters: a record id, an actor's name, an action prefix.
 */
export async function listAuditEvents(
  q: Queryable,
  kabCode: string,
  f: { cursor?: string | undefined; limit: number; recordId?: string | undefined; actor?: string | undefined; action?: string | undefined },
): Promise<AuditEventRow[]> {
  const params: unknown[] = [kabCode, f.limit + 1];
  const where = ['kab_code = $1'];
  if (f.cursor) where.push(`seq < $${params.push(Number(f.cursor) || 0)}`);
  if (f.recordId) where.push(`record_ids @> ARRAY[$${params.push(f.recordId)}]::text[]`);
  if (f.actor) where.push(`actor_name = $${params.push(f.actor)}`);
  if (f.action) where.push(`action LIKE $${params.push(`${f.action}%`)}`);
  const { rows } = await q.query<AuditEventRow>(
    `SELECT id, seq, at, actor_name, actor_roles, action, record_type, record_ids, purpose, client_addr
     FROM audit_events WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT $2`,
    params,
  );
  return rows;
}
