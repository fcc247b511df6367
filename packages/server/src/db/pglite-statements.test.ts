import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import type { Db } from './database.ts';
import { openPglite } from './pglite.ts';
import type { PgliteStatements } from './pglite-statements.ts';

/**
 * The embedded database keeps data statements prepared (pglite-statements.ts): the answers must
 * be those of an unnamed statement, a changed table must not serve a stale statement, and the
 * session must stay usable after an error. Always on PGlite (the engine it belongs to).
 */
let db: Db & { pglite: PGlite; statements: PgliteStatements };
const prepared = async () => (await db.pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements')).rows[0]!.n;

beforeAll(async () => {
  db = (await openPglite(null)) as typeof db;
  await db.exec(`CREATE TABLE probe (id int PRIMARY KEY, name text, tags text[], doc jsonb, at timestamptz, day date, big bigint);
    INSERT INTO probe SELECT g, 'n' || g, ARRAY['a', 'b'], jsonb_build_object('g', g), '2026-01-02T03:04:05Z', '2026-01-02', 9007199254740993 FROM generate_series(1, 20) g;`);
});
afterAll(() => db.close());

describe('prepared statements on PGlite', () => {
  it('answers as an unnamed statement does: types parsed, parameters serialized, rows counted', async () => {
    const sql = 'SELECT id, name, tags, doc, at, day, big FROM probe WHERE id = ANY($1::int[]) AND doc->>$2 IS NOT NULL ORDER BY id';
    const named = await db.query(sql, [[2, 3], 'g']);
    const unnamed = await db.pglite.query(sql, [[2, 3], 'g']);
    expect(named.rows).toEqual(unnamed.rows);
    expect(named.rowCount).toBe(2);
    expect((await db.query('UPDATE probe SET name = $2 WHERE id <= $1', [5, 'x'])).rowCount).toBe(5);
    expect((await db.query('INSERT INTO probe (id, name, doc, at) VALUES ($1, $2, $3, $4)', [100, null, { a: [1] }, new Date('2026-05-06T07:08:09Z')])).rowCount).toBe(1);
    expect((await db.query('SELECT doc, at, name FROM probe WHERE id = $1', [100])).rows).toEqual([{ doc: { a: [1] }, at: new Date('2026-05-06T07:08:09Z'), name: null }]);
  });

  it('parses a text once and runs it again by name, in and outside transactions', async () => {
    const before = { ...db.statements.counts };
    for (let i = 1; i <= 10; i++) await db.query('SELECT name FROM probe WHERE id = $1', [i]);
    await db.transaction(async (tx) => {
      for (let i = 1; i <= 5; i++) await tx.query('SELECT name FROM probe WHERE id = $1', [i]);
    });
    expect(db.statements.counts.prepared - before.prepared).toBe(1);
    expect(db.statements.counts.reused - before.reused).toBe(14);
  });

  it('keeps the session usable after an error, and a failed transaction rolls back', async () => {
    await expect(db.query('SELECT name FROM probe WHERE id = $1', ['not a number'])).rejects.toMatchObject({ code: '22P02' });
    await expect(db.query('SELECT nope FROM probe')).rejects.toMatchObject({ code: '42703' });
    await expect(db.transaction(async (tx) => {
      await tx.query('UPDATE probe SET name = $1 WHERE id = 1', ['rolled back']);
      await tx.query('INSERT INTO probe (id) VALUES ($1)', [1]);
    })).rejects.toMatchObject({ code: '23505' });
    expect((await db.query('SELECT name FROM probe WHERE id = $1', [1])).rows[0]).toEqual({ name: 'x' });
  });

  it('prepares again a statement whose table changed shape, outside a transaction', async () => {
    await db.exec('CREATE TABLE shape (a int)');
    await db.query('INSERT INTO shape VALUES ($1)', [1]);
    expect((await db.query('SELECT * FROM shape WHERE a = $1', [1])).rows).toEqual([{ a: 1 }]);
    await db.exec('ALTER TABLE shape ADD COLUMN b text');
    expect((await db.query('SELECT * FROM shape WHERE a = $1', [1])).rows).toEqual([{ a: 1, b: null }]);
  });

  it('refuses a transaction object used after its end', async () => {
    let kept: Parameters<Parameters<typeof db.transaction>[0]>[0] | null = null;
    await db.transaction(async (tx) => {
      kept = tx;
    });
    await expect(kept!.query('SELECT 1 FROM probe WHERE id = $1', [1])).rejects.toThrow(/closed/);
  });

  it('keeps a bounded number of statements prepared', async () => {
    for (let i = 0; i < 300; i++) await db.query(`SELECT ${i} AS n FROM probe WHERE id = $1`, [1]);
    await db.query('SELECT 1 FROM probe WHERE id = $1', [1]);
    expect(await prepared()).toBeLessThanOrEqual(257);
    expect(await prepared()).toBeGreaterThan(200);
  });
});
