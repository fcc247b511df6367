import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { verifyAuditChain } from './verify.ts';
import { canonicalJson, type AuditContext } from './audit-event.ts';
import { AuditLog } from './audit-log.ts';
import type { Db, Tx } from '../db/database.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Edits the trail the way an intruder holding the database (its owner) would: the trigger off. */
async function tamper(sql: string, params: unknown[]) {
  await t.asOwner(async (tx) => {
    await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change');
  });
}

describe('audit trail', () => {
  it('records writes with actor, role, action, record, address', async () => {
    const admin = await t.as('admin');
    const res = await admin.post('/api/v1/users', { username: 'operator.baru', displayName: 'Operator Baru', password: 'operator-password', roles: [{ role: 'puskesos_officer', areaCode: '32.04.05.2004' }] });
    expect(res.status).toBe(201);
    const { rows } = await t.deps.db.query<{ actor_name: string; actor_roles: string; action: string; record_ids: string[]; client_addr: string }>(
      `SELECT actor_name, actor_roles, action, record_ids, client_addr FROM audit_events WHERE action = 'user.create' ORDER BY seq DESC LIMIT 1`);
    expect(rows[0]).toMatchObject({ actor_name: 'admin', actor_roles: 'admin', action: 'user.create', record_ids: [res.body.id] });
    expect(rows[0]?.client_addr).toBeTruthy();
  });

  it('is append-only: the database refuses updates and deletes, to the owner of the tables too', async () => {
    // on PostgreSQL the application's role holds no such privilege; PGlite's single user meets the trigger
    const refusal = t.deps.db.kind === 'postgres' ? /permission denied/ : /append-only/;
    await expect(t.deps.db.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(refusal);
    await expect(t.deps.db.query('DELETE FROM audit_events')).rejects.toThrow(refusal);
    await expect(t.asOwner((tx) => tx.query(`UPDATE audit_events SET action = 'x'`))).rejects.toThrow(/append-only/);
    await expect(t.asOwner((tx) => tx.query('DELETE FROM audit_events'))).rejects.toThrow(/append-only/);
  });

  it('verifies an untouched chain, for the auditor and admin only', async () => {
    const auditor = await t.as('auditor');
    const res = await auditor.get('/api/v1/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect((await (await t.as('admin')).get('/api/v1/audit/verify')).status).toBe(200);
    expect((await (await t.as('kabupaten')).get('/api/v1/audit/verify')).status).toBe(403);
    expect((await (await t.as('puskesos.soreang')).get('/api/v1/audit/verify')).status).toBe(403);
  });

  it('group-commits concurrent reads into one valid chain', async () => {
    const admin = await t.as('admin');
    await Promise.all(Array.from({ length: 20 }, () => admin.get('/api/v1/audit/verify')));
    expect((await verifyAuditChain(t.deps.db, '3204', t.deps.config.auditKey)).ok).toBe(true);
  });

  it('appends a burst of reads in one statement, and keeps one valid chain when other writers move the head', async () => {
    const ctx: AuditContext = { kabCode: '3204', actorId: null, actorName: 'tester', actorRoles: 'auditor', clientAddr: '127.0.0.1', requestId: 'r' };
    const calls = { query: 0, transaction: 0 };
    const db = t.deps.db;
    const counted: Db = {
      ...db,
      kind: db.kind,
      query: (sql, params) => (calls.query++, db.query(sql, params)),
      transaction: (fn) => (calls.transaction++, db.transaction(fn)),
    };
    const log = new AuditLog(counted, t.deps.config.auditKey);
    const other = new AuditLog(db, t.deps.config.auditKey); // another server process on the same database
    const before = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE kab_code = '3204'`);

    await log.recordRead(ctx, { action: 'test.first' }); // learns the head: locks and reads it
    calls.query = calls.transaction = 0;
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.recordRead(ctx, { action: 'test.burst', recordIds: [String(i)] })));
    expect(calls.transaction).toBe(0);
    expect(calls.query).toBeLessThanOrEqual(2); // the first read of the burst, then the other 19 together

    await other.recordRead(ctx, { action: 'test.other' }); // the head moves behind this log's back
    await db.transaction(async (tx) => other.record(tx, ctx, { action: 'test.write' }));
    await expect(db.transaction(async (tx) => {
      await log.record(tx, ctx, { action: 'test.rolled-back' }); // remembers a head that never commits
      throw new Error('rollback');
    })).rejects.toThrow('rollback');
    await Promise.all([
      ...Array.from({ length: 10 }, () => log.recordRead(ctx, { action: 'test.mixed' })),
      ...Array.from({ length: 10 }, () => other.recordRead(ctx, { action: 'test.mixed' })),
      db.transaction(async (tx) => log.record(tx, ctx, { action: 'test.write' })),
      db.transaction(async (tx) => other.record(tx, ctx, { action: 'test.write' })),
    ]);
    const after = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE kab_code = '3204'`);
    expect(after.rows[0]!.n - before.rows[0]!.n).toBe(1 + 20 + 2 + 20 + 2);
    expect(await verifyAuditChain(db, '3204', t.deps.config.auditKey)).toMatchObject({ ok: true });
  });

  it('appends a write in one statement when this process wrote the head last, and chains from the head it finds when not', async () => {
    const ctx: AuditContext = { kabCode: '3204', actorId: null, actorName: 'tester', actorRoles: 'auditor', clientAddr: '127.0.0.1', requestId: 'w' };
    const db = t.deps.db;
    const log = new AuditLog(db, t.deps.config.auditKey);
    const other = new AuditLog(db, t.deps.config.auditKey); // another server process
    /** The statements `log.record` runs in one transaction. */
    const statements = async (action: string) => {
      let n = 0;
      await db.transaction(async (tx) => {
        const counted = Object.assign(Object.create(Object.getPrototypeOf(tx) as object) as Tx, tx, {
          query: (sql: string, params?: readonly unknown[], name?: string) => (n++, tx.query(sql, params, name)),
        });
        await log.record(counted, ctx, { action });
      });
      return n;
    };
    expect(await statements('test.first')).toBe(2); // no head known: lock and read it, then append
    expect(await statements('test.second')).toBe(1); // the head it wrote: lock, check and append at once
    await db.transaction(async (tx) => other.record(tx, ctx, { action: 'test.other' }));
    expect(await statements('test.after-other')).toBe(2); // moved: chained again from the head found, still locked
    expect(await statements('test.again')).toBe(1);
    await Promise.all(Array.from({ length: 8 }, (_, i) => db.transaction(async (tx) => (i % 2 ? other : log).record(tx, ctx, { action: 'test.concurrent' }))));
    expect(await verifyAuditChain(db, '3204', t.deps.config.auditKey)).toMatchObject({ ok: true });
  });

  it('finds the first edited event', async () => {
    const { rows } = await t.deps.db.query<{ id: string; seq: number }>(`SELECT id, seq FROM audit_events WHERE kab_code = '3204' ORDER BY seq LIMIT 1 OFFSET 3`);
    const victim = rows[0]!;
    await tamper(`UPDATE audit_events SET actor_name = 'someone-else' WHERE id = $1`, [victim.id]);
    const res = await (await t.as('auditor')).get('/api/v1/audit/verify');
    expect(res.body).toMatchObject({ ok: false, firstBrokenEventId: victim.id, reason: 'hash_mismatch' });
    await tamper(`UPDATE audit_events SET actor_name = (SELECT actor_name FROM audit_events WHERE seq = $2) WHERE id = $1`, [victim.id, victim.seq - 1]);
  });

  it('finds a deleted event, and a deleted last event', async () => {
    const fresh = await createTestApp();
    try {
      const admin = await fresh.as('admin');
      for (let i = 0; i < 4; i++) await admin.get('/api/v1/audit/verify');
      const { rows } = await fresh.deps.db.query<{ id: string; seq: number }>(`SELECT id, seq FROM audit_events WHERE kab_code = '3204' ORDER BY seq`);
      expect(rows.length).toBeGreaterThan(3);
      const removeSql = `DELETE FROM audit_events WHERE seq = $1`;
      const withTrigger = async (seq: number) => fresh.asOwner(async (tx) => {
        await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
        await tx.query(removeSql, [seq]);
        await tx.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change');
      });
      await withTrigger(rows.at(-1)!.seq);
      expect(await verifyAuditChain(fresh.deps.db, '3204', fresh.deps.config.auditKey)).toMatchObject({ ok: false, reason: 'head_mismatch' });
      await withTrigger(rows[1]!.seq);
      expect(await verifyAuditChain(fresh.deps.db, '3204', fresh.deps.config.auditKey)).toMatchObject({ ok: false, firstBrokenEventId: rows[2]!.id, reason: 'chain_broken' });
    } finally {
      await fresh.close();
    }
  });

  it('hashes details independently of key order', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: null }] })).toBe(canonicalJson({ a: [2, { c: null, d: 3 }], b: 1 }));
  });
});
