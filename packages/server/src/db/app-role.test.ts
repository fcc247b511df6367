import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { prepareDatabase } from '../server.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { testDatabaseName, withDatabase } from '../testing/global-setup.ts';
import { appRoleProblems, assertLesserAppRole, DEFAULT_APP_ROLE } from './app-role.ts';
import { openPostgres } from './postgres.ts';

/**
 * The application runs as a lesser role than the owner of the tables (migration 0067): on
 * PostgreSQL its own connection cannot switch off, alter or empty the audit trail. PGlite has
 * one all-powerful user (documented): there the role's grants are checked by switching to it
 * inside the owner's transaction, and the keyed chain with its anchors is the protection.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const onPostgres = () => t.deps.db.kind === 'postgres';

/** `sql` as the application role: the app's own connection on PostgreSQL; SET ROLE on PGlite. */
async function asAppRole(sql: string): Promise<unknown> {
  if (onPostgres()) return t.deps.db.query(sql);
  return t.asOwner(async (tx) => {
    await tx.query(`SET LOCAL ROLE ${DEFAULT_APP_ROLE}`);
    return tx.query(sql);
  });
}

const indexesAndKeys = async () => (await t.deps.db.query<{ d: string }>(
  `SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('persons', 'households', 'families')
   UNION ALL
   -- a key to a partitioned table has a clone per referenced partition, numbered by the server in no
   -- fixed order: the clones are compared by what they reference, the keys themselves by name too
   SELECT CASE WHEN conparentid = 0 THEN conname || ' ' ELSE '' END || pg_get_constraintdef(oid) FROM pg_constraint
   WHERE contype = 'f' AND conrelid::regclass::text IN ('persons', 'households', 'families', 'family_kk_history')
   ORDER BY 1`)).rows.map((r) => r.d);

describe('the application database role', () => {
  it('is what the application connects as on PostgreSQL; PGlite runs as its single user', async () => {
    const { rows } = await t.deps.db.query<{ u: string }>('SELECT current_user AS u');
    if (onPostgres()) {
      expect(rows[0]!.u).toBe(DEFAULT_APP_ROLE);
      expect(await appRoleProblems(t.deps.db)).toEqual([]);
    } else {
      expect(rows[0]!.u).not.toBe(DEFAULT_APP_ROLE);
      expect((await appRoleProblems(t.deps.db)).join(' ')).toMatch(/superuser/);
    }
    // the owner is what the application must not be
    expect((await t.asOwner((tx) => appRoleProblems(tx))).join(' ')).toMatch(/owns the tables/);
  });

  it('cannot switch off, drop or alter the append-only triggers, truncate the trail, or rewrite and delete its rows', async () => {
    for (const sql of [
      'ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change',
      'ALTER TABLE audit_events DISABLE TRIGGER USER',
      'ALTER TABLE audit_heads DISABLE TRIGGER ALL',
      'DROP TRIGGER audit_events_no_truncate ON audit_events',
      'DROP FUNCTION audit_events_append_only() CASCADE',
    ]) await expect(asAppRole(sql), sql).rejects.toThrow(/must be owner/);
    for (const sql of [
      'TRUNCATE audit_events',
      'TRUNCATE audit_heads',
      'DELETE FROM audit_events',
      `UPDATE audit_events SET action = 'x'`,
      'DELETE FROM audit_heads',
      `SELECT setval('audit_events_seq_seq', 1)`,
      `INSERT INTO registry_index_stash (kind, table_name, name, def) VALUES ('index', 'persons', 'x', 'DROP TABLE audit_events')`,
      'DELETE FROM schema_migrations',
      'CREATE TABLE public.intruder (x int)',
      'TRUNCATE persons',
    ]) await expect(asAppRole(sql), sql).rejects.toThrow(/permission denied/);
  });

  it('still appends to the trail and verifies it, and works on ordinary tables', async () => {
    const auditor = await t.as('auditor');
    const res = await auditor.get('/api/v1/audit/verify');
    expect(res.body).toMatchObject({ ok: true });
    expect(await asAppRole(`SELECT count(*) FROM audit_events`)).toBeTruthy();
    await expect(asAppRole(`UPDATE users SET display_name = display_name WHERE false`)).resolves.toBeTruthy();
    await expect(asAppRole(`DELETE FROM sessions WHERE false`)).resolves.toBeTruthy();
    // import staging tables: in their own schema
    await expect(asAppRole('CREATE TABLE slrt_staging.app_role_probe (x int)')).resolves.toBeTruthy();
    await expect(asAppRole('DROP TABLE slrt_staging.app_role_probe')).resolves.toBeTruthy();
  });

  it('drops registry indexes for a bulk load only through the owner\'s function, and cannot leave them dropped', async () => {
    const before = await indexesAndKeys();
    expect(before.length).toBeGreaterThan(3);
    // dropped and not restored: the transaction cannot commit, and nothing was dropped
    await expect(t.deps.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ n: number }>('SELECT registry_drop_indexes(100000) AS n');
      expect(rows[0]!.n).toBeGreaterThan(0);
    })).rejects.toThrow(/not restored/);
    expect(await indexesAndKeys()).toEqual(before);
    // dropped and restored in one transaction: the same indexes and keys
    await t.deps.db.transaction(async (tx) => {
      await tx.query('SELECT registry_drop_indexes(100000)');
      await tx.query('SELECT registry_restore_indexes()');
    });
    expect(await indexesAndKeys()).toEqual(before);
    // a registry holding more persons than allowed keeps its indexes
    const { rows } = await t.deps.db.transaction((tx) => tx.query<{ n: number }>('SELECT registry_drop_indexes(0) AS n'));
    expect(rows[0]!.n).toBe(0);
    await t.deps.db.query('SELECT registry_analyze()');
  });

  it('refuses to start on PostgreSQL with an application connection that owns the tables (PGlite: one user, nothing to refuse)', async () => {
    const url = process.env.DATABASE_URL;
    if (!url) {
      expect(t.deps.db.kind).toBe('pglite');
      return;
    }
    const name = testDatabaseName(inject('pgTemplate'));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
      const owner = withDatabase(url, name);
      const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: owner };
      await expect(prepareDatabase(loadConfig({ ...env, DATABASE_APP_URL: owner }, { demo: true })))
        .rejects.toThrow(/must not be able to change the audit trail: .*superuser/);
      const db = await prepareDatabase(loadConfig(env, { demo: true }));
      try {
        expect((await db.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u).toBe(DEFAULT_APP_ROLE);
      } finally {
        await db.close();
      }
      const missing = openPostgres(owner, 1, { role: 'slrt_no_such_role' });
      try {
        await expect(assertLesserAppRole(missing)).rejects.toThrow(/could not start as its role/);
      } finally {
        await missing.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.end();
    }
  });
});
