import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { eventHash, type AuditRow } from './audit-event.ts';
import { anchorChainHeads, anchorFile, lastAnchor } from './anchor.ts';
import { verifyAuditChain } from './verify.ts';

/**
 * What someone with write access to the database (not to the configuration) could do to the
 * trail, and how it shows: recomputing the chain after an edit, truncating the table, deleting
 * the tail and moving the head back.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.as('admin');
  for (let i = 0; i < 6; i++) await admin.get('/api/v1/audit/verify');
});
afterAll(() => t.close());

type Row = AuditRow & { seq: number; prev_hash: string; hash: string };
const chainRows = async () => (await t.deps.db.query<Row>(
  `SELECT seq, id, kab_code, at, actor_id, actor_name, actor_roles, action, record_type, record_ids, purpose, client_addr, request_id, details, prev_hash, hash
   FROM audit_events WHERE kab_code = '3204' ORDER BY seq`)).rows;

/** With the triggers off, as an intruder holding the tables (their owner) would. */
async function asIntruder(fn: (q: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<void>) {
  await t.asOwner(async (tx) => {
    await tx.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await fn((sql, params) => tx.query(sql, params ?? []));
    await tx.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
  });
}

describe('audit chain tamper evidence', () => {
  it('refuses TRUNCATE of the trail and of its heads, to the owner of the tables too', async () => {
    await expect(t.asOwner((tx) => tx.query('TRUNCATE audit_events'))).rejects.toThrow(/append-only/);
    await expect(t.asOwner((tx) => tx.query('TRUNCATE audit_heads'))).rejects.toThrow(/append-only/);
  });

  it('keys the chain: an edit whose later hashes and head are recomputed without the key is found', async () => {
    const rows = await chainRows();
    expect(rows.length).toBeGreaterThan(5);
    const victim = rows[3]!;
    const saved = rows.slice(3).map((r) => ({ seq: r.seq, prev: r.prev_hash, hash: r.hash, actor: r.actor_name }));
    // the intruder rewrites an actor and recomputes every later hash as the chain was built before (sha256)
    await asIntruder(async (q) => {
      let prev = rows[2]!.hash;
      for (const r of rows.slice(3)) {
        const row = r.seq === victim.seq ? { ...r, actor_name: 'someone-else' } : r;
        const hash = eventHash(prev, row);
        await q('UPDATE audit_events SET actor_name = $2, prev_hash = $3, hash = $4 WHERE seq = $1', [r.seq, row.actor_name, prev, hash]);
        prev = hash;
      }
      await q(`UPDATE audit_heads SET hash = $1 WHERE kab_code = '3204'`, [prev]);
    });
    expect(await verifyAuditChain(t.deps.db, '3204', t.deps.config.auditKey)).toMatchObject({ ok: false, firstBrokenEventId: victim.id, reason: 'hash_mismatch' });
    // and marking the rewritten events as old unkeyed ones is a sign of its own
    await asIntruder(async (q) => {
      await q('UPDATE audit_events SET hash_version = 1 WHERE seq >= $1', [victim.seq]);
    });
    expect(await verifyAuditChain(t.deps.db, '3204', t.deps.config.auditKey)).toMatchObject({ ok: false, firstBrokenEventId: victim.id, reason: 'unkeyed_after_keyed' });
    // put it back as it was
    await asIntruder(async (q) => {
      for (const s of saved) await q('UPDATE audit_events SET actor_name = $2, prev_hash = $3, hash = $4, hash_version = 2 WHERE seq = $1', [s.seq, s.actor, s.prev, s.hash]);
      await q(`UPDATE audit_heads SET hash = $1 WHERE kab_code = '3204'`, [saved.at(-1)!.hash]);
    });
    expect((await verifyAuditChain(t.deps.db, '3204', t.deps.config.auditKey)).ok).toBe(true);
  });

  it('reports a deleted tail with the head moved back, against the last signed anchor (API and auditor view)', async () => {
    const auditor = await t.as('auditor');
    const first = await auditor.get('/api/v1/audit/verify');
    expect(first.body).toMatchObject({ ok: true, keyDerived: true });
    // the verification anchored the head, signed, outside the database
    const anchor = lastAnchor(t.deps.config.dataDir, t.deps.config.auditKey, '3204')!;
    expect(anchor.seq).toBeGreaterThan(0);
    const admin = await t.as('admin');
    for (let i = 0; i < 3; i++) await admin.get('/api/v1/audit/verify');
    await anchorChainHeads(t.deps);
    const anchored = lastAnchor(t.deps.config.dataDir, t.deps.config.auditKey, '3204')!;
    expect(anchored.seq).toBeGreaterThan(anchor.seq);

    // a forged anchor line (no key) is ignored
    fs.appendFileSync(anchorFile(t.deps.config.dataDir), `${JSON.stringify({ ...anchored, seq: 1, mac: 'ab'.repeat(32) })}\n`);
    expect(lastAnchor(t.deps.config.dataDir, t.deps.config.auditKey, '3204')).toEqual(anchored);

    // the intruder deletes the last three events and moves the head back: the chain itself is consistent
    const rows = await chainRows();
    const keep = rows.at(-4)!;
    await asIntruder(async (q) => {
      await q('DELETE FROM audit_events WHERE seq > $1 AND kab_code = $2', [keep.seq, '3204']);
      await q(`UPDATE audit_heads SET last_seq = $1, hash = $2 WHERE kab_code = '3204'`, [keep.seq, keep.hash]);
    });
    expect(await verifyAuditChain(t.deps.db, '3204', t.deps.config.auditKey)).toMatchObject({ ok: true });
    const res = await auditor.get('/api/v1/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, reason: 'truncated', lastSeq: keep.seq, anchoredSeq: anchored.seq, lastAnchor: { seq: anchored.seq, hash: anchored.hash } });
  });
});
