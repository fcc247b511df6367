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
 * The partitioning migrations of the registry's history (0200) and of households and families
 * (0201) on an installation that already holds rows: an empty database is migrated to 0199, given
 * history, households, families and persons of two kabupaten (and history of the province office's
 * code), then migrated to the end. Every row is kept, in a partition of its code's own (as 0198 made
 * one for every code the trail held), the history is still append-only, and a reference to another
 * kabupaten's household or family is refused. Rows of a code written later wait in the default
 * partition and move into their kabupaten's when it is made, the references to them kept.
 */
const PARTITIONED_FROM = 200;
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
  await migrate(db, readMigrations().filter((m) => m.version < PARTITIONED_FROM));
}, 300_000);
afterAll(() => db.close());

interface HistoryRow { id: string; kab_code: string; record_id: string | null; source_type: string; changes: unknown; row_from: number | null }
const VILLAGES = { '3204': '32.04.05.2004', '3273': '32.73.01.1001' } as const;
type Kab = keyof typeof VILLAGES;

/** A household with one family and one member, written as the tables were before 0201. */
async function aRegistryHousehold(kab: Kab) {
  const ids = { household: newId(), family: newId(), person: newId() };
  await db.query(`INSERT INTO households (id, kab_code, village_code, import_ref) VALUES ($1, $2, $3, $4)`, [ids.household, kab, VILLAGES[kab], `REF-${kab}`]);
  await db.query(`INSERT INTO families (id, kab_code, village_code, household_id, kk) VALUES ($1, $2, $3, $4, $5)`, [ids.family, kab, VILLAGES[kab], ids.household, `${kab}051403160001`]);
  await db.query(
    `INSERT INTO persons (id, kab_code, village_code, household_id, family_id, full_name, sex, registry_status) VALUES ($1, $2, $3, $4, $5, 'SITI AMINAH', 'F', 'registered')`,
    [ids.person, kab, VILLAGES[kab], ids.household, ids.family],
  );
  return ids;
}

describe('partitioning the registry on a database with rows', () => {
  it('moves every row into its kabupaten\'s partition, keeps history append-only and references within a kabupaten', async () => {
    for (const [code, parent] of [['32', null], ['32.04', '32'], ['32.04.05', '32.04'], ['32.04.05.2004', '32.04.05'], ['32.73', '32'], ['32.73.01', '32.73'], ['32.73.01.1001', '32.73.01']] as const) {
      const level = ['province', 'kabupaten', 'kecamatan', 'village'][code.split('.').length - 1];
      await db.query('INSERT INTO areas (code, parent_code, level, name) VALUES ($1, $2, $3, $4)', [code, parent, level, code]);
    }
    const bandung = await aRegistryHousehold('3204');
    const kota = await aRegistryHousehold('3273');
    const rows: HistoryRow[] = [
      { id: newId(), kab_code: '3204', record_id: bandung.person, source_type: 'officer', changes: { rt: { old: '001', new: '002' } }, row_from: null },
      { id: newId(), kab_code: '3204', record_id: null, source_type: 'import', changes: { created: 12 }, row_from: 2 },
      { id: newId(), kab_code: '3273', record_id: kota.person, source_type: 'proposal', changes: { desil: { old: 3, new: 2 } }, row_from: null },
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
    expect(applied.slice(0, 2)).toEqual([expect.stringMatching(/^200_/), expect.stringMatching(/^201_/)]);

    const { rows: after } = await db.query<HistoryRow & { part: string }>(
      `SELECT tableoid::regclass::text AS part, id, kab_code, record_id, source_type, changes, row_from FROM registry_history ORDER BY id`,
    );
    expect(after.map(({ part: _p, ...r }) => r)).toEqual([...rows].sort((a, b) => a.id.localeCompare(b.id)));
    expect(Object.fromEntries(after.map((r) => [r.kab_code, r.part]))).toEqual({
      3204: 'registry_history_3204', 3273: 'registry_history_3273', 3200: 'registry_history_3200',
    });
    for (const table of ['households', 'families']) {
      const { rows: parts } = await db.query<{ id: string; part: string }>(`SELECT id, tableoid::regclass::text AS part FROM ${table} ORDER BY kab_code`);
      const key = table === 'households' ? 'household' : 'family';
      expect(parts, table).toEqual([{ id: bandung[key], part: `${table}_3204` }, { id: kota[key], part: `${table}_3273` }]);
    }

    await expect(db.query(`UPDATE registry_history SET reason = 'x' WHERE kab_code = '3204'`)).rejects.toThrow('registry_history is append-only');
    await expect(db.query(`DELETE FROM registry_history WHERE kab_code = '3273'`)).rejects.toThrow('registry_history is append-only');
    // retention's redaction is still the one update let through
    await db.query(`UPDATE registry_history SET changes = registry_history_redacted(changes), reason = NULL, redacted_at = now() WHERE kab_code = '3273'`);
    const { rows: [redacted] } = await db.query<{ changes: unknown }>(`SELECT changes FROM registry_history WHERE kab_code = '3273'`);
    expect(redacted!.changes).toEqual({ desil: { old: null, new: null } });

    // a person of Kabupaten Bandung in the Kota's household or family: refused by the composite keys
    await expect(db.query(`UPDATE persons SET household_id = $2 WHERE id = $1`, [bandung.person, kota.household])).rejects.toThrow(/persons_household_id_fkey/);
    await expect(db.query(`UPDATE persons SET family_id = $2 WHERE id = $1`, [bandung.person, kota.family])).rejects.toThrow(/persons_family_id_fkey/);
    await expect(db.query(`DELETE FROM households WHERE kab_code = '3204'`)).rejects.toThrow(/foreign key/);

    // a kabupaten served later: its rows leave the default partition, the references to them kept
    const later = { household: newId(), family: newId(), person: newId() };
    await db.query(
      `INSERT INTO registry_history (id, kab_code, village_code, record_type, record_id, action, source_type, changes)
       VALUES ($1, '3201', '32.04.05.2004', 'person', $2, 'create', 'officer', '{}')`, [newId(), later.person],
    );
    await db.query(`INSERT INTO households (id, kab_code, village_code) VALUES ($1, '3201', '32.04.05.2004')`, [later.household]);
    await db.query(`INSERT INTO families (id, kab_code, village_code, household_id) VALUES ($1, '3201', '32.04.05.2004', $2)`, [later.family, later.household]);
    await db.query(
      `INSERT INTO persons (id, kab_code, village_code, household_id, family_id, full_name, sex, registry_status) VALUES ($1, '3201', '32.04.05.2004', $2, $3, 'ASEP', 'M', 'registered')`,
      [later.person, later.household, later.family],
    );
    expect((await db.query<{ part: string }>(`SELECT tableoid::regclass::text AS part FROM households WHERE kab_code = '3201'`)).rows[0]!.part).toBe('households_default');
    await db.query(`SELECT slrt_kab_partitions(ARRAY['3201'])`);
    for (const table of ['registry_history', 'households', 'families']) {
      const { rows: [moved] } = await db.query<{ part: string }>(`SELECT tableoid::regclass::text AS part FROM ${table} WHERE kab_code = '3201'`);
      expect(moved!.part, table).toBe(`${table}_3201`);
    }
    const { rows: fks } = await db.query<{ name: string }>(
      `SELECT conname AS name FROM pg_constraint WHERE contype = 'f' AND conparentid = 0 AND confrelid IN ('households'::regclass, 'families'::regclass) ORDER BY 1`,
    );
    expect(fks.map((r) => r.name)).toEqual([
      'assistance_deliveries_household_id_fkey', 'cases_household_id_fkey', 'families_household_id_fkey', 'family_kk_history_family_id_fkey',
      'persons_family_id_fkey', 'persons_household_id_fkey', 'program_enrollments_household_id_fkey',
      'proposal_submission_rows_household_id_fkey', 'proposals_household_id_fkey', 'targeting_actions_household_id_fkey',
    ]);
  }, 300_000);
});
