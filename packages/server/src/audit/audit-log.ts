import type { Db, Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { eventHash, GENESIS_HASH, type AuditContext, type AuditInput, type AuditKey, type AuditRow } from './audit-event.ts';
import { withSubjects } from './subject-queries.ts';

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

const EVENT_COLUMNS = 'id, kab_code, at, actor_id, actor_name, actor_roles, action, record_type, record_ids, purpose, client_addr, request_id, details, prev_hash, hash';

/** The events as one `INSERT ... SELECT FROM unnest($1..$15)` in chain order, returning their seq. */
const INSERT_EVENTS = `INSERT INTO audit_events (${EVENT_COLUMNS}, hash_version)
  SELECT u.id, u.kab_code, u.at, u.actor_id, u.actor_name, u.actor_roles, u.action, u.record_type,
    ARRAY(SELECT jsonb_array_elements_text(u.record_ids::jsonb)), u.purpose, u.client_addr, u.request_id,
    u.details::jsonb, u.prev_hash, u.hash, 2
  FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
    $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
    WITH ORDINALITY AS u(${EVENT_COLUMNS}, n)`;

/** Inside a transaction that holds the chain head: the events, and the head moved to the last. */
const APPEND_LOCKED = `WITH ins AS (${INSERT_EVENTS} ORDER BY u.n RETURNING seq)
  INSERT INTO audit_heads (kab_code, last_seq, hash) SELECT $16, max(seq), $17 FROM ins
  ON CONFLICT (kab_code) DO UPDATE SET last_seq = EXCLUDED.last_seq, hash = EXCLUDED.hash`;

/**
 * One statement, its own transaction: lock the head row, and append only if the head is still
 * $18 (the hash this process wrote last). The row lock orders it with every other writer
 * (a waiting FOR UPDATE sees the newest head); 0 rows means another writer moved the head.
 */
// The statements of every audited request are prepared (named): planning the unnest INSERT
// costs more than running it.
const APPEND_IF_HEAD = `WITH head AS MATERIALIZED (SELECT hash FROM audit_heads WHERE kab_code = $16 FOR UPDATE),
  ins AS (${INSERT_EVENTS} WHERE (SELECT hash FROM head) = $18 ORDER BY u.n RETURNING seq)
  UPDATE audit_heads SET last_seq = (SELECT max(seq) FROM ins), hash = $17
  WHERE kab_code = $16 AND EXISTS (SELECT 1 FROM ins)`;

/** The events chained after `prev`, as the 15 column arrays of INSERT_EVENTS, and the new head. */
function chain(prev: string, rows: readonly AuditRow[], key: AuditKey): { cols: unknown[][]; head: string } {
  const cols: unknown[][] = [[], [], [], [], [], [], [], [], [], [], [], [], [], [], []];
  for (const row of rows) {
    const hash = eventHash(prev, row, key);
    const values = [row.id, row.kab_code, row.at, row.actor_id, row.actor_name, row.actor_roles, row.action,
      row.record_type, JSON.stringify(row.record_ids), row.purpose, row.client_addr, row.request_id,
      row.details === null ? null : JSON.stringify(row.details), prev, hash];
    values.forEach((v, i) => cols[i]!.push(v));
    prev = hash;
  }
  return { cols, head: prev };
}

function byKabupaten(items: ReadonlyArray<{ ctx: AuditContext; input: AuditInput }>): Array<[string, AuditRow[]]> {
  const byKab = new Map<string, AuditRow[]>();
  const at = new Date();
  for (const { ctx, input } of items) {
    const list = byKab.get(ctx.kabCode) ?? [];
    list.push(toRow(ctx, input, at));
    byKab.set(ctx.kabCode, list);
  }
  return [...byKab].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * The chain head of a kabupaten, locked until the end of `tx`: the row lock orders writers, so
 * each event's prev_hash is the hash of the event committed before it. The advisory lock
 * orders the writers of a chain that has no head row yet.
 */
async function lockHead(tx: Tx, kab: string): Promise<string> {
  const sql = 'SELECT hash FROM audit_heads WHERE kab_code = $1 FOR UPDATE';
  let head = await tx.query<{ hash: string }>(sql, [kab], 'audit_lock_head');
  if (head.rows.length === 0) {
    await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [AUDIT_LOCK, Number(kab)]);
    head = await tx.query<{ hash: string }>(sql, [kab], 'audit_lock_head');
  }
  return head.rows[0]?.hash ?? GENESIS_HASH;
}

async function appendRows(tx: Tx, kab: string, rows: readonly AuditRow[], key: AuditKey): Promise<string> {
  const { cols, head } = chain(await lockHead(tx, kab), rows, key);
  await tx.query(APPEND_LOCKED, [...cols, kab, head], 'audit_append_locked');
  return head;
}

/**
 * Appends events to the hash chain of their kabupaten inside `tx` (the head table catches a
 * deleted last event). Returns the new head of each chain.
 */
async function appendAuditEvents(tx: Tx, items: ReadonlyArray<{ ctx: AuditContext; input: AuditInput }>, key: AuditKey): Promise<Map<string, string>> {
  const heads = new Map<string, string>();
  for (const [kab, rows] of byKabupaten(items)) heads.set(kab, await appendRows(tx, kab, rows, key));
  return heads;
}

/**
 * The audit log of one process. Writes are recorded inside the caller's transaction
 * (`record(tx, ...)`), so a write and its audit event commit together or not at all.
 * Reads are recorded with `recordRead`, which group-commits: concurrent reads share one
 * statement, and each caller waits until its event is durable before answering.
 */
export class AuditLog {
  private pending: Array<{ ctx: AuditContext; input: AuditInput; done: (err?: unknown) => void }> = [];
  private flushing: Promise<void> | null = null;
  private readonly db: Db;
  private readonly key: AuditKey;
  /** The head each chain had after this process's last append (maybe not committed: checked on use). */
  private readonly heads = new Map<string, string>();

  /** `key`: the configured AUDIT_KEY (config.auditKey) that keys every event's hash. */
  constructor(db: Db, key: AuditKey) {
    this.db = db;
    this.key = key;
  }

  /** Records a write inside `tx`; the persons and households it touches are added (`withSubjects`). */
  async record(tx: Tx, ctx: AuditContext, input: AuditInput): Promise<void> {
    const event = await withSubjects(tx, input);
    for (const [kab, head] of await appendAuditEvents(tx, [{ ctx, input: event }], this.key)) this.heads.set(kab, head);
  }

  async recordRead(ctx: AuditContext, input: AuditInput): Promise<void> {
    const event = await withSubjects(this.db, input);
    return new Promise((resolve, reject) => {
      this.pending.push({ ctx, input: event, done: (err) => (err ? reject(err) : resolve()) });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0, 500);
      try {
        for (const [kab, rows] of byKabupaten(batch)) await this.appendReads(kab, rows);
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.done(err);
      }
    }
    this.flushing = null;
  }

  /**
   * One round trip when this process wrote the head last (the usual case: one server per
   * kabupaten); otherwise a transaction that locks and reads the head first.
   */
  private async appendReads(kab: string, rows: readonly AuditRow[]): Promise<void> {
    const expected = this.heads.get(kab);
    if (expected !== undefined) {
      const { cols, head } = chain(expected, rows, this.key);
      const res = await this.db.query(APPEND_IF_HEAD, [...cols, kab, head, expected], 'audit_append_if_head');
      if (res.rowCount === 1) {
        this.heads.set(kab, head);
        return;
      }
    }
    this.heads.set(kab, await this.db.transaction((tx) => appendRows(tx, kab, rows, this.key)));
  }
}
