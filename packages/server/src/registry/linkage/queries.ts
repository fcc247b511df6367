import type { Permission } from '@slrt/core';
import { areaScopeSql, SqlParams, type Actor } from '../../access/actor.ts';
import type { Db, Queryable } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { Col, Cols, Row } from '../../db/rows.ts';

/** SQL of record linkage: the persons a run compares, runs, pairs. */

export type LinkagePersonRow = Cols<'persons',
  | 'id' | 'kab_code' | 'nik' | 'kk' | 'full_name' | 'birth_place' | 'birth_date' | 'sex' | 'village_code' | 'household_id'
  | 'relationship' | 'marital_status' | 'registry_status' | 'version'>;

const PERSON_COLS = `p.id, p.kab_code, p.nik, p.kk, p.full_name, p.birth_place, p.birth_date, p.sex, p.village_code, p.household_id,
  p.relationship, p.marital_status, p.registry_status, p.version`;

/**
 * The kabupaten's live persons (tombstones left out), by id, as COPY text (db/copy-text.ts):
 * id, nik, kk, full_name, birth_date (YYYY-MM-DD), sex, village_code, household_id. What a full run reads.
 */
export function copyLinkagePersons(db: Db, kabCode: string): AsyncIterable<Uint8Array> {
  if (!/^\d{4}$/.test(kabCode)) throw new Error(`invalid kabupaten code: ${kabCode}`);
  return db.copyOut(`SELECT id, nik, kk, full_name, to_char(birth_date, 'YYYY-MM-DD'), sex, village_code, household_id FROM persons
    WHERE kab_code = '${kabCode}' AND merged_into IS NULL ORDER BY id`);
}

/**
 * Persons a new or changed person may duplicate: the blocking keys as index lookups, one per
 * branch of the union (birth dates on persons_birth_date_idx, NIKs on persons_nik_uniq, the
 * KK on persons_kk_idx), so each stays an index scan whatever the parameters.
 */
export async function selectCheckCandidates(q: Queryable, kabCode: string, birthDates: string[], niks: string[], kk: string | null) {
  const branches = [`SELECT ${PERSON_COLS} FROM persons p WHERE p.kab_code = $1 AND p.birth_date = ANY($2::date[]) AND p.merged_into IS NULL`,
    `SELECT ${PERSON_COLS} FROM persons p WHERE p.kab_code = $1 AND p.nik = ANY($3::char(16)[]) AND p.merged_into IS NULL`];
  const params: unknown[] = [kabCode, birthDates, niks];
  if (kk) {
    branches.push(`SELECT ${PERSON_COLS} FROM persons p WHERE p.kab_code = $1 AND p.kk = $4::char(16) AND p.merged_into IS NULL`);
    params.push(kk);
  }
  const { rows } = await q.query<LinkagePersonRow>(`${branches.join(' UNION ')} LIMIT 2000`, params);
  return rows;
}

/** The persons an import into kabupaten `kabCode` created (through its creation entries). */
export async function selectPersonsCreatedByImport(q: Queryable, kabCode: string, importId: string, limit: number): Promise<LinkagePersonRow[]> {
  const { rows } = await q.query<LinkagePersonRow>(
    `SELECT ${PERSON_COLS} FROM persons p
     WHERE p.kab_code = $3 AND p.created_in IN (SELECT h.id FROM registry_history h
         WHERE h.kab_code = $3 AND h.source_type = 'import' AND h.source_id = $1 AND h.record_type = 'person')
       AND p.merged_into IS NULL
     LIMIT $2`,
    [importId, limit, kabCode],
  );
  return rows;
}

export async function selectLinkagePersons(q: Queryable, ids: readonly string[]): Promise<LinkagePersonRow[]> {
  const { rows } = await q.query<LinkagePersonRow>(`SELECT ${PERSON_COLS} FROM persons p WHERE p.id = ANY($1::uuid[])`, [ids]);
  return rows;
}

/** The same NIK held in another kabupaten: pairs for the national update. */
export async function selectCrossKabupatenNik(q: Queryable, kabCode: string) {
  // most databases hold one kabupaten: then there is nothing to join
  const other = await q.query('SELECT 1 FROM persons WHERE kab_code <> $1 LIMIT 1', [kabCode]);
  if (!other.rows.length) return [];
  const { rows } = await q.query<{ a: Col<'persons', 'id'>; b: Col<'persons', 'id'> }>(
    `SELECT p.id AS a, o.id AS b FROM persons p JOIN persons o ON o.nik = p.nik AND o.kab_code <> p.kab_code
     WHERE p.kab_code = $1 AND p.nik IS NOT NULL AND p.merged_into IS NULL AND o.merged_into IS NULL`,
    [kabCode],
  );
  return rows;
}

// ---- runs

export type RunRow = Row<'duplicate_runs'>;

export async function insertRun(q: Queryable, run: { id: string; kabCode: string; trigger: 'request' | 'nightly'; requestedBy: string | null }) {
  await q.query(`INSERT INTO duplicate_runs (id, kab_code, trigger, status, requested_by) VALUES ($1, $2, $3, 'running', $4)`, [run.id, run.kabCode, run.trigger, run.requestedBy]);
}

export async function selectRun(q: Queryable, kabCode: string, id: string): Promise<RunRow | null> {
  const { rows } = await q.query<RunRow>('SELECT * FROM duplicate_runs WHERE kab_code = $1 AND id = $2', [kabCode, id]);
  return rows[0] ?? null;
}

export async function selectRunningRun(q: Queryable, kabCode: string): Promise<string | null> {
  const { rows } = await q.query<Cols<'duplicate_runs', 'id'>>(`SELECT id FROM duplicate_runs WHERE kab_code = $1 AND status = 'running' LIMIT 1`, [kabCode]);
  return rows[0]?.id ?? null;
}

export async function selectRunSince(q: Queryable, kabCode: string, seconds: number): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM duplicate_runs WHERE kab_code = $1 AND requested_at > now() - make_interval(secs => $2)`, [kabCode, seconds]);
  return rows.length > 0;
}

export async function selectRunUnscoped(q: Queryable, id: string): Promise<RunRow | null> {
  const { rows } = await q.query<RunRow>('SELECT * FROM duplicate_runs WHERE id = $1', [id]);
  return rows[0] ?? null;
}

/** The model of the kabupaten's latest finished run (what the incremental check scores with). */
export async function selectLatestModel(q: Queryable, kabCode: string): Promise<unknown> {
  const { rows } = await q.query<Cols<'duplicate_runs', 'model'>>(
    `SELECT model FROM duplicate_runs WHERE kab_code = $1 AND status = 'done' AND model IS NOT NULL ORDER BY finished_at DESC LIMIT 1`,
    [kabCode],
    'linkage.latest_model',
  );
  return rows[0]?.model ?? null;
}

/** The id of the kabupaten's latest finished run with a model (a cache key: a run's model never changes). */
export async function selectLatestModelRunId(q: Queryable, kabCode: string): Promise<string | null> {
  const { rows } = await q.query<Cols<'duplicate_runs', 'id'>>(
    `SELECT id FROM duplicate_runs WHERE kab_code = $1 AND status = 'done' AND model IS NOT NULL ORDER BY finished_at DESC LIMIT 1`,
    [kabCode],
    'linkage.latest_model_id',
  );
  return rows[0]?.id ?? null;
}

export async function selectRunModel(q: Queryable, id: string): Promise<unknown> {
  const { rows } = await q.query<Cols<'duplicate_runs', 'model'>>('SELECT model FROM duplicate_runs WHERE id = $1', [id]);
  return rows[0]?.model ?? null;
}

export async function markRunStarted(q: Queryable, id: string) {
  await q.query('UPDATE duplicate_runs SET started_at = now() WHERE id = $1', [id]);
}

export async function finishRun(q: Queryable, id: string, r: { personsCompared: number; candidatePairs: number; pairsFound: number; clusters: number; model: unknown; blocking: unknown; timings: unknown }) {
  await q.query(
    `UPDATE duplicate_runs SET status = 'done', finished_at = now(), persons_compared = $2, candidate_pairs = $3, pairs_found = $4, clusters = $5,
       model = $6, blocking = $7, timings = $8 WHERE id = $1`,
    [id, r.personsCompared, r.candidatePairs, r.pairsFound, r.clusters, JSON.stringify(r.model), JSON.stringify(r.blocking), JSON.stringify(r.timings)],
  );
}

export async function failRun(q: Queryable, id: string, error: string) {
  await q.query(`UPDATE duplicate_runs SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [id, error.slice(0, 2000)]);
}

// ---- pairs

export interface PairInput {
  personA: string;
  personB: string;
  score: number;
  matchWeight: number;
  levels: number[];
  fingerprint: string;
  clusterKey: string | null;
}

type PairSource = { runId: string | null; source: 'run' | 'import' | 'intake' | 'proposal'; sourceId: string | null };

/** The upsert of pairs read from `from` (rows x(a, b, score, weight, levels, fp, cluster, id)); $1-$3 the source. */
function upsertPairsFrom(from: string): string {
  return `INSERT INTO duplicate_pairs (id, kab_code, village_code, kab_code_b, village_code_b, person_a_id, person_b_id, run_id, source, source_id,
       cluster_key, score, match_weight, levels, status, fingerprint)
     SELECT x.id, a.kab_code, a.village_code, b.kab_code, b.village_code, x.a, x.b, $1, $2, $3, x.cluster, x.score, x.weight,
       string_to_array(x.levels, ',')::smallint[], CASE WHEN a.kab_code <> b.kab_code THEN 'national' ELSE 'open' END, x.fp
     FROM ${from}
     JOIN persons a ON a.id = x.a JOIN persons b ON b.id = x.b
     ON CONFLICT (person_a_id, person_b_id) DO UPDATE SET
       run_id = COALESCE(EXCLUDED.run_id, duplicate_pairs.run_id), score = EXCLUDED.score, match_weight = EXCLUDED.match_weight,
       levels = EXCLUDED.levels, cluster_key = EXCLUDED.cluster_key, village_code = EXCLUDED.village_code, village_code_b = EXCLUDED.village_code_b,
       status = CASE WHEN duplicate_pairs.status = 'dismissed' AND duplicate_pairs.fingerprint <> EXCLUDED.fingerprint THEN 'open' ELSE duplicate_pairs.status END,
       fingerprint = CASE WHEN duplicate_pairs.status = 'dismissed' AND duplicate_pairs.fingerprint = EXCLUDED.fingerprint THEN duplicate_pairs.fingerprint ELSE EXCLUDED.fingerprint END,
       updated_at = now()
     WHERE duplicate_pairs.status <> 'merged'`;
}

/**
 * Upserts found pairs. A new pair is open (national across kabupaten); a pair found before
 * keeps its decision unless the data changed since (fingerprint): a dismissed pair whose
 * data changed opens again; a merged pair never reopens.
 */
export async function upsertPairs(q: Queryable, source: PairSource, pairs: readonly PairInput[]): Promise<number> {
  if (!pairs.length) return 0;
  const { rowCount } = await q.query(
    upsertPairsFrom('unnest($4::uuid[], $5::uuid[], $6::float8[], $7::float8[], $8::text[], $9::text[], $10::uuid[], $11::uuid[]) AS x(a, b, score, weight, levels, fp, cluster, id)'),
    [
      source.runId, source.source, source.sourceId,
      pairs.map((p) => p.personA), pairs.map((p) => p.personB), pairs.map((p) => p.score), pairs.map((p) => p.matchWeight),
      pairs.map((p) => p.levels.join(',')), pairs.map((p) => p.fingerprint), pairs.map((p) => p.clusterKey), pairs.map(() => newId()),
    ],
  );
  return rowCount;
}

const PAIR_IN_COLUMNS = ['a', 'b', 'score', 'weight', 'levels', 'fp', 'cluster', 'id'];

/**
 * upsertPairs for the many pairs of a full run: the pairs go in by COPY into a temporary table
 * (no parameter arrays of tens of thousands of values), then one upsert from it.
 */
export async function upsertPairsByCopy(db: Db, source: PairSource, pairs: readonly PairInput[]): Promise<number> {
  if (!pairs.length) return 0;
  const csv = pairs.map((p) => `${p.personA},${p.personB},${p.score},${p.matchWeight},"${p.levels.join(',')}",${p.fingerprint},${p.clusterKey ?? ''},${newId()}\n`).join('');
  return db.transaction(async (tx) => {
    await tx.query(`CREATE TEMP TABLE linkage_pairs_in (a uuid, b uuid, score float8, weight float8, levels text, fp text, cluster uuid, id uuid) ON COMMIT DROP`);
    await db.copyCsv(tx, 'linkage_pairs_in', PAIR_IN_COLUMNS, csv);
    const { rowCount } = await tx.query(upsertPairsFrom('linkage_pairs_in x'), [source.runId, source.source, source.sourceId]);
    return rowCount;
  });
}

/** PAIR_SELECT: a pair with the merge that took it, if any. */
export type PairRow = Row<'duplicate_pairs'> & { merge_id: Col<'person_merges', 'id'> | null };

const PAIR_SELECT = `SELECT d.*, (SELECT m.id FROM person_merges m WHERE m.pair_id = d.id AND m.status = 'merged' LIMIT 1) AS merge_id FROM duplicate_pairs d`;

/** Both persons of a pair must lie in the caller's area for `permission`. */
function pairScope(actor: Actor, permission: Permission, params: SqlParams): string {
  const a = areaScopeSql(actor, permission, params, { kab: 'd.kab_code', village: 'd.village_code' });
  const b = areaScopeSql(actor, permission, params, { kab: 'd.kab_code', village: 'd.village_code_b' });
  return `${a} AND ${b}`;
}

export async function selectPairsInScope(
  q: Queryable, actor: Actor, permission: Permission,
  f: { runId?: string | undefined; status?: string | undefined; after?: { score: number; id: string } | undefined; limit: number },
): Promise<PairRow[]> {
  const params = new SqlParams();
  const where = [pairScope(actor, permission, params)];
  if (f.runId) where.push(`d.run_id = ${params.add(f.runId)}`);
  if (f.status) where.push(`d.status = ${params.add(f.status)}`);
  if (f.after) where.push(`(d.score, d.id) < (${params.add(f.after.score)}::float8, ${params.add(f.after.id)}::uuid)`);
  const { rows } = await q.query<PairRow>(`${PAIR_SELECT} WHERE ${where.join(' AND ')} ORDER BY d.score DESC, d.id DESC LIMIT ${params.add(f.limit)}`, params.values);
  return rows;
}

export async function selectPairInScope(q: Queryable, actor: Actor, permission: Permission, id: string, opts: { forUpdate?: boolean } = {}): Promise<PairRow | null> {
  const params = new SqlParams();
  const idParam = params.add(id);
  const { rows } = await q.query<PairRow>(
    `${opts.forUpdate ? 'SELECT d.*, NULL::uuid AS merge_id FROM duplicate_pairs d' : PAIR_SELECT} WHERE d.id = ${idParam} AND ${pairScope(actor, permission, params)}${opts.forUpdate ? ' FOR UPDATE OF d' : ''}`,
    params.values,
  );
  return rows[0] ?? null;
}

export async function setPairStatus(q: Queryable, id: string, status: PairRow['status'], actorId: string | null, fingerprint?: string) {
  await q.query(
    `UPDATE duplicate_pairs SET status = $2, decided_by = $3, decided_at = now(), updated_at = now(), fingerprint = COALESCE($4, fingerprint) WHERE id = $1`,
    [id, status, actorId, fingerprint ?? null],
  );
}
