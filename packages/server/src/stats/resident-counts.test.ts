import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aHousehold, aPerson, CINUNUK } from '../registry/testing.ts';
import { foldResidentCounts } from './service.ts';

/**
 * The dashboard's resident counts come from counts kept by triggers on persons (migration
 * 0190), not from a scan: after every kind of write, folded or not, they must equal a count
 * of persons itself.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Residents { total: number; active: number; byStatus: Record<string, number>; byDesil: Record<string, number> }

/** The same figures counted from persons directly (what the dashboard did before). */
async function counted(): Promise<Residents> {
  const { rows } = await t.deps.db.query<{ status: string; band: string | null; n: number }>(
    `SELECT registry_status AS status,
       CASE WHEN registry_status = 'inactive' THEN NULL WHEN desil IS NULL THEN 'none' WHEN desil >= 6 THEN '6-10' ELSE desil::text END AS band,
       count(*)::int AS n
     FROM persons WHERE kab_code = '3204' GROUP BY 1, 2`,
  );
  const r: Residents = { total: 0, active: 0, byStatus: {}, byDesil: {} };
  for (const g of rows) {
    r.total += g.n;
    r.byStatus[g.status] = (r.byStatus[g.status] ?? 0) + g.n;
    if (g.band !== null) {
      r.active += g.n;
      r.byDesil[g.band] = (r.byDesil[g.band] ?? 0) + g.n;
    }
  }
  return r;
}

async function shown(): Promise<Residents> {
  const kab = await t.as('kabupaten');
  const res = await kab.get('/api/v1/stats/overview?area=32.04');
  expect(res.status).toBe(200);
  const r = res.body.residents as Residents;
  const nonZero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, n]) => n !== 0));
  return { total: r.total, active: r.active, byStatus: nonZero(r.byStatus), byDesil: nonZero(r.byDesil) };
}

async function pendingDeltas(): Promise<number> {
  const { rows } = await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM person_count_deltas');
  return rows[0]!.n;
}

describe('resident counts kept by triggers', () => {
  it('equal a count of persons after inserts, updates and deletes, before and after folding', async () => {
    await foldResidentCounts(t.deps);
    expect(await shown()).toEqual(await counted());

    // inserts through the registry's own builders
    const hh = await aHousehold(t.deps.db, { village: CINUNUK });
    await aPerson(t.deps.db, { household: hh });
    await aPerson(t.deps.db, { household: hh, desil: 7 });
    // a set-based update that moves people between bands and statuses, and one that changes no key
    await t.deps.db.query(`UPDATE persons SET desil = 2, desil_source = 'test', desil_date = '2026-01-01' WHERE household_id = $1`, [hh.id]);
    await t.deps.db.query(`UPDATE persons SET registry_status = 'inactive', inactive_reason = 'moved' WHERE id IN (SELECT id FROM persons WHERE village_code = $1 AND registry_status <> 'inactive' ORDER BY id LIMIT 3)`, [CINUNUK]);
    const before = await pendingDeltas();
    await t.deps.db.query(`UPDATE persons SET birth_place = birth_place WHERE village_code = $1`, [CINUNUK]);
    expect(await pendingDeltas()).toBe(before);
    // a delete (a person nothing refers to)
    const extra = await aPerson(t.deps.db, { household: hh });
    await t.deps.db.query('DELETE FROM persons WHERE id = $1', [extra.id]);

    expect(await pendingDeltas()).toBeGreaterThan(0);
    expect(await shown()).toEqual(await counted());

    const folded = await foldResidentCounts(t.deps);
    expect(folded).toBeGreaterThan(0);
    expect(await pendingDeltas()).toBe(0);
    expect(await shown()).toEqual(await counted());
  });

  it('rolls back with the transaction that wrote', async () => {
    const expected = await counted();
    await expect(t.deps.db.transaction(async (tx) => {
      await tx.query(`UPDATE persons SET desil = 9, desil_source = 'test', desil_date = '2026-01-01' WHERE village_code = $1`, [CINUNUK]);
      throw new Error('abandoned');
    })).rejects.toThrow('abandoned');
    expect(await shown()).toEqual(expected);
  });

  it('never makes one village\'s writers wait for another open transaction (PostgreSQL; PGlite runs one transaction at a time)', async () => {
    if (t.deps.db.kind !== 'postgres') return;
    const first = await aHousehold(t.deps.db, { village: CINUNUK });
    const second = await aHousehold(t.deps.db, { village: CINUNUK });
    for (const household of [first, first, second, second]) await aPerson(t.deps.db, { household });
    const setDesil = `UPDATE persons SET desil = 3, desil_source = 'test', desil_date = '2026-01-01' WHERE household_id = $1`;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const open = new Promise<void>((r) => (started = r));
    // a long transaction (an import's) that changed counts of Cinunuk and has not committed
    const long = t.deps.db.transaction(async (tx) => {
      await tx.query(setDesil, [first.id]);
      started();
      await held;
    });
    try {
      await open;
      // another writer of the same village and the same bands must not wait on it
      await t.deps.db.transaction(async (tx) => {
        await tx.query(`SET LOCAL lock_timeout = '2s'`);
        await tx.query(setDesil, [second.id]);
      });
      // nor must folding (the open transaction's changes are not visible to it yet)
      await foldResidentCounts(t.deps);
    } finally {
      release();
      await long;
    }
    expect(await shown()).toEqual(await counted());
  });
});
