import type { AuditInput } from '../../audit/audit-event.ts';
import type { Db, Queryable, Tx } from '../../db/database.ts';
import type { Cols, Count, Exists, NotNull } from '../../db/rows.ts';
import { newId } from '../../db/ids.ts';
import { writeCreationEntry } from '../history-queries.ts';
import type { ImportRow } from './import-queries.ts';
import type { ImportTracker } from './progress.ts';
import type { RowError } from './row.ts';
import { STAGE_COLS, STAGE_COLUMNS, type StageKeys } from './stage-csv.ts';

/**
 * The bulk path of a first load. When the kabupaten holds fewer persons than a tenth of the
 * file's rows (BULK_MAX_EXISTING_SHARE: empty, or the demo's few) and the file has at least
 * BULK_MIN_ROWS data rows, the checked rows are COPYed
 * chunk by chunk into a staging table of the import (one transaction per chunk, with its row
 * errors and the progress, exactly like a batch: a crash resumes after the last chunk), and
 * then applied in ONE transaction by a few INSERT ... SELECT: duplicate NIKs reported, then
 * households, families and persons created. That transaction drops the secondary indexes of
 * persons, households and families, and the foreign keys between the registry tables, first
 * and rebuilds them after, when the tables hold few rows in all (DROP_INDEXES_MAX_ROWS):
 * building an index once is far cheaper than keeping it up row by row, a foreign key added
 * back is checked by one join instead of one lookup per row, and with few rows nobody else
 * loses anything meanwhile. Either all of the
 * apply commits or none of it, indexes included. The drop and the rebuild need the owner of
 * the tables: they run in the owner's functions registry_drop_indexes/registry_restore_indexes
 * (migration 0067), which do only that.
 *
 * The bulk path only creates records. A row that names a NIK, household reference or KK the
 * kabupaten already has (found while staging, or at the apply for someone registered
 * meanwhile) sends the import back to the batch path from its first row, which updates.
 */

export const BULK_MIN_ROWS = 10_000;
/** The bulk path is taken while the kabupaten's persons are fewer than this share of the file's rows. */
export const BULK_MAX_EXISTING_SHARE = 0.1;
/** persons rows (all kabupatens) up to which the bulk apply drops and rebuilds the indexes. */
const DROP_INDEXES_MAX_ROWS = 100_000;

/** Person columns copied as they are from the staging table. */
const PERSON_VALUE_COLS = [
  'full_name', 'birth_place', 'birth_date', 'sex', 'relationship', 'marital_status', 'presence', 'pregnant', 'documents_held',
  'school_participation', 'education_level', 'work_status', 'work_sector', 'disability', 'chronic_illnesses', 'health_insurance',
  'pip_kip', 'dukcapil_match', 'desil', 'desil_source', 'desil_date', 'nik_warnings',
];

/** The staging table of one import (unlogged: written once, read once, dropped at the apply). */
function stageTable(importId: string): string {
  // in its own schema, where the application role may create tables (migration 0067)
  return `slrt_staging.registry_import_stage_${importId.replace(/-/g, '')}`;
}

/** True when the kabupaten holds fewer persons than `limit` (counting no further). */
export async function registryHasFewerThan(q: Queryable, kabCode: string, limit: number): Promise<boolean> {
  const { rows } = await q.query<Count>('SELECT count(*)::int AS n FROM (SELECT 1 FROM persons WHERE kab_code = $1 LIMIT $2) x', [kabCode, limit]);
  return rows[0]!.n < limit;
}

/** True when one of these rows names a NIK, household reference or KK the kabupaten already has. */
async function rowsMeetRegistry(q: Queryable, kabCode: string, keys: StageKeys): Promise<boolean> {
  const { rows: found } = await q.query<Exists>(
    `SELECT EXISTS (SELECT 1 FROM persons WHERE kab_code = $1 AND nik = ANY($2::text[]))
         OR EXISTS (SELECT 1 FROM households WHERE kab_code = $1 AND import_ref = ANY($3::text[]))
         OR EXISTS (SELECT 1 FROM families WHERE kab_code = $1 AND kk = ANY($4::text[])) AS ok`,
    [kabCode, keys.niks, keys.householdRefs, keys.kks],
  );
  return found[0]!.ok;
}

/** The same, for every staged row (at the apply). */
async function stageMeetsRegistry(q: Queryable, kabCode: string, stage: string): Promise<boolean> {
  const { rows } = await q.query<Exists>(
    `SELECT EXISTS (SELECT 1 FROM ${stage} s JOIN persons p ON p.kab_code = $1 AND p.nik = s.nik)
         OR EXISTS (SELECT 1 FROM ${stage} s JOIN households h ON h.kab_code = $1 AND h.import_ref = s.household_ref)
         OR EXISTS (SELECT 1 FROM ${stage} s JOIN families f ON f.kab_code = $1 AND f.kk = s.kk) AS ok`,
    [kabCode],
  );
  return rows[0]!.ok;
}

export async function createStage(q: Queryable, importId: string): Promise<void> {
  await q.query(`CREATE UNLOGGED TABLE IF NOT EXISTS ${stageTable(importId)} (${STAGE_COLUMNS})`);
}

/**
 * True when the staging table holds every row the committed chunks counted. An unlogged table
 * is emptied by a database crash; the caller then starts the import again from its first row.
 */
export async function stageIsWhole(q: Queryable, imp: ImportRow): Promise<boolean> {
  const { rows: exists } = await q.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [stageTable(imp.id)]);
  if (!exists[0]?.t) return false;
  const { rows } = await q.query<Count>(`SELECT count(*)::int AS n FROM ${stageTable(imp.id)}`);
  return rows[0]!.n === imp.rows_ok;
}

/** Back to the first row: progress, errors and staging forgotten; `bulk` as given. */
export async function restartImport(q: Queryable, imp: ImportRow, bulk: 'staging' | 'off'): Promise<void> {
  await q.query(`DROP TABLE IF EXISTS ${stageTable(imp.id)}`);
  await q.query('DELETE FROM registry_import_errors WHERE import_id = $1', [imp.id]);
  await q.query('DELETE FROM registry_import_seen WHERE import_id = $1', [imp.id]);
  await q.query(
    `UPDATE registry_imports SET rows_done = 0, rows_ok = 0, rows_rejected = 0, batches_committed = 0,
       options = options || jsonb_build_object('bulk', $2::text), updated_at = now() WHERE id = $1`,
    [imp.id, bulk],
  );
  if (bulk === 'staging') await createStage(q, imp.id);
}

export interface ChunkInput {
  importId: string;
  kabCode: string;
  /** The chunk's checked rows as staging CSV (stage-csv.ts), and how many. */
  csv: Uint8Array;
  ok: number;
  errors: Array<RowError & { rowNo: number }>;
  rowsConsumed: number;
  /** What the rows name, to look for in the registry; null when the kabupaten holds no person at all. */
  keys: StageKeys | null;
}

/**
 * One chunk: its rows into the staging table, its errors and the progress, in one transaction.
 * 'restart' (nothing written) when a row meets the registry: the caller goes back to batches.
 */
export async function stageChunk(db: Db, tx: Tx, input: ChunkInput): Promise<{ ok: number; rejected: number } | 'restart'> {
  if (input.keys && input.ok && (await rowsMeetRegistry(tx, input.kabCode, input.keys))) return 'restart';
  if (input.ok) await db.copyCsv(tx, stageTable(input.importId), STAGE_COLS, input.csv);
  if (input.errors.length) {
    await tx.query(
      `INSERT INTO registry_import_errors (import_id, kab_code, row_no, column_name, reason_key, reason_params)
       SELECT $1, $2, u.row_no, u.column_name, u.reason_key, coalesce(u.reason_params, '{}')
       FROM jsonb_to_recordset($3::jsonb) AS u(row_no int, column_name text, reason_key text, reason_params jsonb)`,
      [input.importId, input.kabCode, JSON.stringify(input.errors.map((e) => ({ row_no: e.rowNo, column_name: e.column, reason_key: e.key, reason_params: e.params ?? {} })))],
    );
  }
  const rejected = new Set(input.errors.map((e) => e.rowNo)).size;
  await tx.query(
    `UPDATE registry_imports SET rows_done = $2, rows_ok = rows_ok + $3, rows_rejected = rows_rejected + $4,
       batches_committed = batches_committed + 1, updated_at = now() WHERE id = $1`,
    [input.importId, input.rowsConsumed, input.ok, rejected],
  );
  return { ok: input.ok, rejected };
}

/** The staging rows' row_no as fixed-width text, so that byte order is row order. */
const ROW_KEY = `lpad(row_no::text, 10, '0')`;
/** The value of `column` (as text) of the group's last row where it is not null. */
const lastOf = (column: string) => `substr(max((${ROW_KEY} || ${column}::text) COLLATE "C"), 11)`;
/** The same, of the group's first row. */
const firstOf = (column: string) => `substr(min((${ROW_KEY} || ${column}::text) COLLATE "C"), 11)`;

export interface ApplyInput {
  imp: ImportRow;
  actor: { actorId: string | null; actorName: string | null };
  audit: (tx: Tx, input: AuditInput) => Promise<void>;
  dropIndexesMaxRows?: number;
  /** Told of each step of the apply (5) and of the index build (2, ANALYZE after the commit the last). */
  tracker?: ImportTracker;
}

/**
 * The apply, in the caller's transaction. Returns 'restart' (and has sent the import back to
 * the batch path) when the kabupaten's registry is no longer empty.
 */
export async function applyStaged(tx: Tx, input: ApplyInput): Promise<{ created: number; duplicates: number } | 'restart'> {
  const { imp, tracker } = input;
  tracker?.begin('apply', 5);
  const kab = imp.kab_code;
  const stage = stageTable(imp.id);
  if (await stageMeetsRegistry(tx, kab, stage)) {
    await restartImport(tx, imp, 'off');
    return 'restart';
  }

  // Large one-off statements: no JIT compilation (a second of the apply on PostgreSQL, for
  // statements that run once), and room to sort the staging rows in memory.
  await tx.query(`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);

  // A NIK twice in the file: the later rows are rejected, naming the first. A row left without
  // indicators (the same as the row before it, stage-csv.ts) takes those of a rejected row it
  // followed, so that the household's merge is what it was with every row spelled out.
  const dup = await tx.query(
    `WITH ranked AS (SELECT row_no, min(row_no) OVER (PARTITION BY nik) AS first_row FROM ${stage}),
     dups AS (SELECT row_no, first_row FROM ranked WHERE row_no > first_row),
     errs AS (
       INSERT INTO registry_import_errors (import_id, kab_code, row_no, column_name, reason_key, reason_params)
       SELECT $1, $2, row_no, 'nik', 'registry.import.duplicate_nik', jsonb_build_object('row', first_row) FROM dups ORDER BY row_no),
     heirs AS (
       UPDATE ${stage} n SET indicators = d.indicators FROM ${stage} d
       WHERE d.row_no IN (SELECT row_no FROM dups) AND d.indicators IS NOT NULL
         AND n.household_ref = d.household_ref AND n.row_no > d.row_no AND n.indicators IS NULL
         AND n.row_no NOT IN (SELECT row_no FROM dups)
         AND NOT EXISTS (SELECT 1 FROM ${stage} m WHERE m.household_ref = d.household_ref AND m.row_no > d.row_no AND m.row_no < n.row_no AND m.indicators IS NOT NULL))
     DELETE FROM ${stage} s USING dups d WHERE s.row_no = d.row_no`,
    [imp.id, kab],
  );
  const duplicates = dup.rowCount;
  tracker?.step('apply', 'duplicates');

  // Dropping indexes needs the owner of the tables, which the application is not (db/app-role.ts):
  // the owner's function does it in this transaction, and only while persons holds few rows.
  const { rows: dropped } = await tx.query<Count>(
    'SELECT registry_drop_indexes($1) AS n', [input.dropIndexesMaxRows ?? DROP_INDEXES_MAX_ROWS],
  );

  const entry = { person: newId(), household: newId(), family: newId() };
  const reason = `Impor ${imp.file_name}`;
  // A household takes the village of its last row, the last address/RT/RW/desil given, and
  // its rows' indicators merged in row order (as the batch path does). The first/last value
  // is the min/max of the value behind its zero-padded row number (byte order): plain
  // aggregates, where one ordered aggregate per column sorted every household's rows again.
  // The merge skips the rows staged without indicators (the same as the row before them).
  const households = await tx.query(
    `INSERT INTO households (id, kab_code, village_code, address, rt, rw, import_ref, indicators, desil, desil_source, desil_date, created_in)
     SELECT ${firstOf('household_uuid')}::uuid, $1, ${lastOf('village_code')},
       ${lastOf('address')}, ${lastOf('rt')}, ${lastOf('rw')}, household_ref,
       registry_jsonb_merge(indicators ORDER BY row_no) FILTER (WHERE indicators IS NOT NULL),
       ${lastOf('desil')}::smallint, ${lastOf('desil_source')}, ${lastOf('desil_date')}::date, $2
     FROM ${stage} GROUP BY household_ref`,
    [kab, entry.household],
  );
  tracker?.step('apply', 'households');
  // A family lives in the household of its last row.
  const families = await tx.query(
    `WITH f AS (
       SELECT kk, ${firstOf('family_uuid')}::uuid AS id, ${firstOf('kk_history_uuid')}::uuid AS kid, ${lastOf('household_ref')} AS household_ref
       FROM ${stage} WHERE kk IS NOT NULL GROUP BY kk),
     fh AS (SELECT f.*, h.id AS household_id, h.village_code FROM f JOIN households h ON h.kab_code = $1 AND h.import_ref = f.household_ref),
     ins AS (
       INSERT INTO families (id, kab_code, village_code, household_id, kk, created_in)
       SELECT id, $1, village_code, household_id, kk, $2 FROM fh)
     INSERT INTO family_kk_history (id, kab_code, village_code, family_id, kk, reason, source_type, source_id)
     SELECT kid, $1, village_code, id, kk, $3, 'import', $4 FROM fh`,
    [kab, entry.family, reason, imp.id],
  );
  tracker?.step('apply', 'families');
  const persons = await tx.query(
    `INSERT INTO persons (id, kab_code, village_code, household_id, family_id, nik, kk, registry_status, ${PERSON_VALUE_COLS.join(', ')}, created_in)
     SELECT s.id, $1, coalesce(f.village_code, h.village_code), coalesce(f.household_id, h.id), f.id, s.nik, f.kk, 'registered',
       ${PERSON_VALUE_COLS.map((c) => `s.${c}`).join(', ')}, $2
     FROM ${stage} s JOIN households h ON h.kab_code = $1 AND h.import_ref = s.household_ref
     LEFT JOIN families f ON f.kab_code = $1 AND f.kk = s.kk`,
    [kab, entry.person],
  );
  tracker?.step('apply', 'persons');

  const { rows: range } = await tx.query<NotNull<Cols<'registry_history', 'row_from' | 'row_to'>, 'row_from' | 'row_to'>>(`SELECT min(row_no) AS row_from, max(row_no) AS row_to FROM ${stage}`);
  const rowFrom = range[0]?.row_from ?? 0, rowTo = range[0]?.row_to ?? 0;
  for (const [recordType, id, created] of [['person', entry.person, persons.rowCount], ['household', entry.household, households.rowCount], ['family', entry.family, families.rowCount]] as const) {
    if (created > 0) await writeCreationEntry(tx, { id, kabCode: kab, recordType, ...input.actor, reason, importId: imp.id, rowFrom, rowTo, created });
  }
  tracker?.step('apply', 'history');
  tracker?.begin('index', 2);
  // the same function's pair: the transaction cannot commit without it (a deferred check)
  if (dropped[0]!.n > 0) await tx.query('SELECT registry_restore_indexes()');
  tracker?.step('index', 'rebuild');

  await tx.query(`DROP TABLE ${stage}`);
  await tx.query(
    `UPDATE registry_imports SET rows_ok = rows_ok - $2, rows_rejected = rows_rejected + $2,
       options = options || '{"bulk": "applied"}', updated_at = now() WHERE id = $1`,
    [imp.id, duplicates],
  );
  if (persons.rowCount > 0) {
    await input.audit(tx, {
      action: 'registry.import_batch', recordType: 'registry_import', recordIds: [imp.id],
      details: { importId: imp.id, bulk: true, rowFrom, rowTo, created: persons.rowCount, updated: 0, rejected: duplicates, rowsDone: imp.rows_done },
    });
  }
  return { created: persons.rowCount, duplicates };
}

/**
 * Fresh planner statistics for the loaded tables (PGlite has no autovacuum to do it), through
 * the owner's function (ANALYZE needs the owner).
 */
export async function analyzeRegistry(q: Queryable): Promise<void> {
  await q.query('SELECT registry_analyze()');
}
