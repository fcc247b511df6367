import type { Db, Queryable, Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { eventHash, GENESIS_HASH, type AuditContext, type AuditInput, type AuditRow } from './audit-event.ts';

const AUDIT_LOCK = 727002;

function toRow(ctx: AuditContext, input: AuditInput, at: Date): AuditRow {
  return {
    id: newId(),
    kab_code: ctx.kabCode,
    at,
    actor_id: ctx.actorId,
    actor_name: ctx.actorName,
    actor_roles: ctx.actorRoles,
    action: input.action,
    record_type: input.recordType ?? null,
    record_ids: [...(input.recordIds ?? [])],
    purpose: input.purpose ?? null,
    client_addr: ctx.clientAddr,
    request_id: ctx.requestId,
    details: input.details ?? null,
  };
}

/**
 * Appends events to the hash chain of their kabupaten inside `tx`. The advisory lock orders
 * writers, so each event's prev_hash is the hash of the event committed before it; the head
 * table catches a deleted last event.
 */
export async function appendAuditEvents(tx: Tx, items: ReadonlyArray<{ ctx: AuditContext; input: AuditInput }>): Promise<void> {
  if (items.length === 0) return;
  const byKab = new Map<string, AuditRow[]>();
  const at = new Date();
  for (const { ctx, input } of items) {
    const list = byKab.get(ctx.kabCode) ?? [];
    list.push(toRow(ctx, input, at));
    byKab.set(ctx.kabCode, list);
  }
  for (const [kab, rows] of [...byKab].sort(([a], [b]) => a.localeCompare(b))) {
    await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [AUDIT_LOCK, Number(kab)]);
    const head = await tx.query<{ hash: string }>('SELECT hash FROM audit_heads WHERE kab_code = $1', [kab]);
    let prev = head.rows[0]?.hash ?? GENESIS_HASH;
    const cols: unknown[][] = [[], [], [], [], [], [], [], [], [], [], [], [], [], [], []];
    for (const row of rows) {
      const hash = eventHash(prev, row);
      const values = [row.id, row.kab_code, row.at, row.actor_id, row.actor_name, row.actor_roles, row.action,
        row.record_type, JSON.stringify(row.record_ids), row.purpose, row.client_addr, row.request_id,
        row.details === null ? null : JSON.stringify(row.details), prev, hash];
      values.forEach((v, i) => cols[i]!.push(v));
      prev = hash;
    }
    // The events and the chain head in one statement (fewer round trips per audited request).
    await tx.query(
      `WITH ins AS (
         INSERT INTO audit_events (id, kab_code, at, actor_id, actor_name, actor_roles, action, record_type, record_ids,
           purpose, client_addr, request_id, details, prev_hash, hash)
         SELECT u.id, u.kab_code, u.at, u.actor_id, u.actor_name, u.actor_roles, u.action, u.record_type,
           ARRAY(SELECT jsonb_array_elements_text(u.record_ids::jsonb)), u.purpose, u.client_addr, u.request_id,
           u.details::jsonb, u.prev_hash, u.hash
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
           $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
           WITH ORDINALITY AS u(id, kab_code, at, actor_id, actor_name, actor_roles, action, record_type, record_ids,
             purpose, client_addr, request_id, details, prev_hash, hash, n)
         ORDER BY u.n
         RETURNING seq
       )
       INSERT INTO audit_heads (kab_code, last_seq, hash) SELECT $16, max(seq), $17 FROM ins
       ON CONFLICT (kab_code) DO UPDATE SET last_seq = EXCLUDED.last_seq, hash = EXCLUDED.hash`,
      [...cols, kab, prev],
    );
  }
}

/**
 * The audit log of one process. Writes are recorded inside the caller's transaction
 * (`record(tx, ...)`), so a write and its audit event commit together or not at all.
 * Reads are recorded with `recordRead`, which group-commits: concurrent reads share one
 * transaction, and each caller waits until its event is durable before answering.
 */
export class AuditLog {
  private pending: Array<{ ctx: AuditContext; input: AuditInput; done: (err?: unknown) => void }> = [];
  private flushing: Promise<void> | null = null;
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  record(tx: Tx, ctx: AuditContext, input: AuditInput): Promise<void> {
    return appendAuditEvents(tx, [{ ctx, input }]);
  }

  recordRead(ctx: AuditContext, input: AuditInput): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ctx, input, done: (err) => (err ? reject(err) : resolve()) });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0, 500);
      try {
        await this.db.transaction((tx) => appendAuditEvents(tx, batch));
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.done(err);
      }
    }
    this.flushing = null;
  }
}

export async function lastAuditEvents(q: Queryable, kabCode: string, limit = 50) {
  const { rows } = await q.query(
    `SELECT id, at, actor_name, actor_roles, action, record_type, record_ids, purpose, client_addr
     FROM audit_events WHERE kab_code = $1 ORDER BY seq DESC LIMIT $2`,
    [kabCode, limit],
  );
  return rows;
}
