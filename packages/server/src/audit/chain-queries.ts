// The storage of the audit chain: the events (append-only) and each kabupaten's head.
import type { Queryable, Tx } from '../db/database.ts';
import type { Col, Cols, Count, Row } from '../db/rows.ts';
import type { AuditRow } from './audit-event.ts';

const AUDIT_LOCK = 727002;

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

/**
 * Inside a write's transaction, one statement: lock the head row (until the end of the
 * transaction), append and move the head only if it is $18 (the hash this process wrote
 * last), and answer the head found under the lock either way. A miss costs what locking and
 * reading the head first costs (the caller chains from the head answered, still locked); a hit
 * saves the round trip that held the lock while the events were hashed and sent.
 */
const APPEND_IN_TX_IF_HEAD = `WITH head AS MATERIALIZED (SELECT hash FROM audit_heads WHERE kab_code = $16 FOR UPDATE),
  ins AS (${INSERT_EVENTS} WHERE (SELECT hash FROM head) = $18 ORDER BY u.n RETURNING seq),
  moved AS (UPDATE audit_heads SET last_seq = (SELECT max(seq) FROM ins), hash = $17
    WHERE kab_code = $16 AND EXISTS (SELECT 1 FROM ins) RETURNING 1)
  SELECT (SELECT hash FROM head) AS head, EXISTS (SELECT 1 FROM moved) AS appended`;

/** The chain head's hash, its row locked until the end of `tx`; undefined when the chain has no head row yet. */
export async function selectHeadForUpdate(tx: Tx, kab: string): Promise<string | undefined> {
  const { rows } = await tx.query<Cols<'audit_heads', 'hash'>>('SELECT hash FROM audit_heads WHERE kab_code = $1 FOR UPDATE', [kab], 'audit_lock_head');
  return rows[0]?.hash;
}

/** Orders the writers of a chain that has no head row yet (an advisory lock until the end of `tx`). */
export async function lockChainWithoutHead(tx: Tx, kab: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [AUDIT_LOCK, Number(kab)]);
}

/** The events (the 15 column arrays) appended in a transaction that holds the head, and the head moved to `head`. */
export async function appendEventsLocked(tx: Tx, cols: unknown[][], kab: string, head: string): Promise<void> {
  await tx.query(APPEND_LOCKED, [...cols, kab, head], 'audit_append_locked');
}

/** The events appended only if the head is still `expected`; false when another writer moved it. */
export async function appendEventsIfHead(q: Queryable, cols: unknown[][], kab: string, head: string, expected: string): Promise<boolean> {
  const res = await q.query(APPEND_IF_HEAD, [...cols, kab, head, expected], 'audit_append_if_head');
  return res.rowCount === 1;
}

/**
 * In `tx`: the events appended if the head is still `expected`; either way the head row is
 * locked until the end of `tx`. Answers whether they were appended, and the head found (the
 * one to chain from when they were not; undefined when the chain has no head row yet).
 */
export async function appendEventsInTxIfHead(tx: Tx, cols: unknown[][], kab: string, head: string, expected: string): Promise<{ appended: boolean; head: string | undefined }> {
  const { rows } = await tx.query<{ head: Col<'audit_heads', 'hash'> | null; appended: boolean }>(APPEND_IN_TX_IF_HEAD, [...cols, kab, head, expected], 'audit_append_in_tx_if_head');
  return { appended: rows[0]?.appended === true, head: rows[0]?.head ?? undefined };
}

/** An event as the chain holds it: the appended row with its place (seq) and hashes. */
type ChainedRow = AuditRow & Cols<'audit_events', 'seq' | 'prev_hash' | 'hash' | 'hash_version'>;

/** One page of a kabupaten's chain, in order, after `afterSeq`. */
export async function chainPage(q: Queryable, kabCode: string, afterSeq: number, limit: number) {
  const { rows } = await q.query<ChainedRow>(
    `SELECT seq, id, kab_code, at, actor_id, actor_name, actor_roles, action, record_type, record_ids, purpose,
            client_addr, request_id, details, prev_hash, hash, hash_version
     FROM audit_events WHERE kab_code = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [kabCode, afterSeq, limit],
  );
  return rows;
}

export async function chainHead(q: Queryable, kabCode: string): Promise<Cols<'audit_heads', 'last_seq' | 'hash'> | undefined> {
  const { rows } = await q.query<Cols<'audit_heads', 'last_seq' | 'hash'>>('SELECT last_seq, hash FROM audit_heads WHERE kab_code = $1', [kabCode]);
  return rows[0];
}

export async function allChainHeads(q: Queryable) {
  const { rows } = await q.query<Row<'audit_heads'>>('SELECT kab_code, last_seq, hash FROM audit_heads ORDER BY kab_code');
  return rows;
}

const CHAIN_COLUMNS = `seq, id, kab_code, at, actor_id, actor_name, actor_roles, action, record_type, record_ids, purpose,
            client_addr, request_id, details, prev_hash, hash, hash_version`;

/** Every event of a kabupaten's chain from the first to the last of `ids` (kept ones between them included), in order. */
export async function chainEventsBetween(q: Queryable, kabCode: string, ids: readonly string[]) {
  const { rows } = await q.query<ChainedRow>(
    `WITH b AS (SELECT min(seq) AS lo, max(seq) AS hi FROM audit_events WHERE kab_code = $1 AND id = ANY($2::uuid[]))
     SELECT ${CHAIN_COLUMNS} FROM audit_events e, b WHERE e.kab_code = $1 AND e.seq BETWEEN b.lo AND b.hi ORDER BY e.seq`,
    [kabCode, ids],
  );
  return rows;
}

/** Records a run of removed events (retention.ts). */
export async function insertGap(
  q: Queryable, g: { id: string; kabCode: string; firstSeq: number; lastSeq: number; events: number; enterHash: string; exitHash: string }, mac: string, runId: string | null,
): Promise<void> {
  await q.query(
    `INSERT INTO audit_chain_gaps (id, kab_code, first_seq, last_seq, events, enter_hash, exit_hash, run_id, mac)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [g.id, g.kabCode, g.firstSeq, g.lastSeq, g.events, g.enterHash, g.exitHash, runId, mac],
  );
}

/** Deletes the events of a recorded gap (the owner's function audit_remove_gap, migration 0194). */
export async function removeGap(q: Queryable, gapId: string): Promise<number> {
  const { rows } = await q.query<Count>('SELECT audit_remove_gap($1) AS n', [gapId]);
  return rows[0]!.n;
}

/** The gaps of a kabupaten's chain, in order. */
export async function chainGaps(q: Queryable, kabCode: string) {
  const { rows } = await q.query<Cols<'audit_chain_gaps', 'id' | 'kab_code' | 'first_seq' | 'last_seq' | 'events' | 'enter_hash' | 'exit_hash' | 'mac'>>(
    'SELECT id, kab_code, first_seq, last_seq, events, enter_hash, exit_hash, mac FROM audit_chain_gaps WHERE kab_code = $1 ORDER BY first_seq', [kabCode],
  );
  return rows;
}
