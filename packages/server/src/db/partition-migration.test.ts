import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openPglite } from './pglite.ts';
import { migrate, readMigrations } from './migrate.ts';
import { newId } from './ids.ts';
import type { Db } from './database.ts';
import { postgresTestDb } from '../testing/test-db.ts';
import { testDatabaseName } from '../testing/global-setup.ts';

/**
 * The partitioning migration of the registry's history (0200) on an installation that already
 * holds rows: an empty database is migrated to 0199, given history of two kabupaten and of the
 * province office's code, then migrated to the end. Every row is kept, in a partition of its
 * code's own (as 0198 made one for every code the trail held), and the table is still
 * append-only; a row of a code written later waits in the default partition until its
 * kabupaten's partition is made.
 */
const PARTITIONED_AT = 200;
let db: Db;

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = testDatabaseName(inject('pgTemplate'));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    db = postgresTestDb(url, name, 'owner', 2);
  } else {
    db = await openPglite(null);
  }
  await migrate(db, readMigrations().filter((m) => m.version < PARTITIONED_AT));
}, 300_000);
afterAll(() => db.close());

interface HistoryRow { id: string; kab_code: string; record_id: string | null; source_type: string; changes: unknown; row_from: number | null }

describe('partitioning registry_history on a database with rows', () => {
  it('moves every row into its kabupaten\'s partition and keeps the table append-only', async () => {
    const rows: HistoryRow[] = [
      { id: newId(), kab_code: '3204', record_id: newId(), source_type: 'officer', changes: { rt: { old: '001', new: '002' } }, row_from: null },
      { id: newId(), kab_code: '3204', record_id: null, source_type: 'import', changes: { created: 12 }, row_from: 2 },
      { id: newId(), kab_code: '3273', record_id: newId(), source_type: 'proposal', changes: { desil: { old: 3, new: 2 } }, row_from: null },
      { id: newId(), kab_code: '3200', record_id: newId(), source_type: 'seed', changes: { fullName: { old: null, new: 'SITI' } }, row_from: null },
    ];
    for (const r of rows) {
      await db.query(
        `INSERT INTO registry_history (id, kab_code, village_code, record_type, record_id, action, source_type, source_id, changes, row_from, row_to)
         VALUES ($1, $2, '32.04.05.2004', 'person', $3, 'update', $4, 'src', $5::jsonb, $6, $6)`,
        [r.id, r.kab_code, r.record_id, r.source_type, JSON.stringify(r.changes), r.row_from],
      );
    }

    const { applied } = await migrate(db);
    expect(applied[0]).toMatch(/^200_/);

    const { rows: after } = await db.query<HistoryRow & { part: string }>(
      `SELECT tableoid::regclass::text AS part, id, kab_code, record_id, source_type, changes, row_from FROM registry_history ORDER BY id`,
    );
    expect(after.map(({ part: _p, ...r }) => r)).toEqual([...rows].sort((a, b) => a.id.localeCompare(b.id)));
    expect(Object.fromEntries(after.map((r) => [r.kab_code, r.part]))).toEqual({
      3204: 'registry_history_3204', 3273: 'registry_history_3273', 3200: 'registry_history_3200',
    });

    await expect(db.query(`UPDATE registry_history SET reason = 'x' WHERE kab_code = '3204'`)).rejects.toThrow('registry_history is append-only');
    await expect(db.query(`DELETE FROM registry_history WHERE kab_code = '3273'`)).rejects.toThrow('registry_history is append-only');
    // retention's redaction is still the one update let through
    await db.query(`UPDATE registry_history SET changes = registry_history_redacted(changes), reason = NULL, redacted_at = now() WHERE kab_code = '3273'`);
    const { rows: [redacted] } = await db.query<{ changes: unknown }>(`SELECT changes FROM registry_history WHERE kab_code = '3273'`);
    expect(redacted!.changes).toEqual({ desil: { old: null, new: null } });

    // a kabupaten served later: its rows wait in the default partition, then move into its own
    await db.query(
      `INSERT INTO registry_history (id, kab_code, village_code, record_type, record_id, action, source_type, changes)
       VALUES ($1, '3201', '32.01.01.2001', 'person', $2, 'create', 'officer', '{}')`, [newId(), newId()],
    );
    const partOf = async () => (await db.query<{ part: string }>(`SELECT tableoid::regclass::text AS part FROM registry_history WHERE kab_code = '3201'`)).rows[0]!.part;
    expect(await partOf()).toBe('registry_history_default');
    await db.query(`SELECT slrt_kab_partitions(ARRAY['3201'])`);
    expect(await partOf()).toBe('registry_history_3201');
  }, 300_000);
});
