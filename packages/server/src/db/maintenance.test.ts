import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTestDb } from '../testing/test-db.ts';
import type { Db } from './database.ts';
import { maintainTables } from './maintenance.ts';

let db: Db;
beforeAll(async () => {
  db = await freshTestDb({ as: 'owner' });
});
afterAll(() => db.close());

/** The table's statistics as the planner and the maintenance see them. */
async function stats(table: string) {
  const { rows } = await db.query<{ dead: number; mod: number; analyzed: boolean; tuples: number }>(
    `SELECT s.n_dead_tup::int AS dead, s.n_mod_since_analyze::int AS mod, s.last_analyze IS NOT NULL OR s.last_autoanalyze IS NOT NULL AS analyzed,
            c.reltuples::int AS tuples
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = $1`, [table]);
  return rows[0]!;
}

/** Writes, then makes this backend report its statistics now (they are flushed when it goes idle). */
async function write(sql: string) {
  await db.transaction(async (tx) => {
    await tx.query(sql);
    await tx.query('SELECT pg_stat_force_next_flush()');
  });
  await db.query('SELECT 1');
}

describe('table maintenance (autovacuum for the embedded database)', () => {
  it('analyzes a table after many inserts and vacuums it after many deletes, then leaves it alone', async () => {
    // no autovacuum on PostgreSQL for this table: the test is the only one to maintain it
    await db.query('CREATE TABLE maint_probe (id int PRIMARY KEY, v text) WITH (autovacuum_enabled = false)');
    await write(`INSERT INTO maint_probe SELECT g, repeat('x', 20) FROM generate_series(1, 2000) g`);
    await expect.poll(async () => (await stats('maint_probe')).mod, { timeout: 15_000 }).toBeGreaterThanOrEqual(2000);

    const first = await maintainTables(db);
    expect(first.analyzed).toContain('public.maint_probe');
    expect(first.vacuumed).not.toContain('public.maint_probe');
    expect(await stats('maint_probe')).toMatchObject({ analyzed: true, tuples: 2000 });

    await write('DELETE FROM maint_probe WHERE id <= 1000');
    await expect.poll(async () => (await stats('maint_probe')).dead, { timeout: 15_000 }).toBeGreaterThanOrEqual(1000);
    const second = await maintainTables(db);
    expect(second.vacuumed).toContain('public.maint_probe');
    await expect.poll(async () => (await stats('maint_probe')).dead, { timeout: 15_000 }).toBe(0);
    expect((await stats('maint_probe')).tuples).toBe(1000);

    // a few more writes stay under the thresholds
    await write('UPDATE maint_probe SET v = v WHERE id = 1001');
    const third = await maintainTables(db);
    expect(third.analyzed).not.toContain('public.maint_probe');
  });
});
