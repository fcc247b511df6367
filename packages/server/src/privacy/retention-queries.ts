import type { RetentionRecordType } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { Cols } from '../db/rows.ts';

/**
 * SQL of retention: what is past its period, what is held (a legal hold, a pending request,
 * an open case of the same person), and the anonymization itself.
 */

export async function selectRules(q: Queryable, kabCode: string): Promise<Array<Cols<'retention_rules', 'record_type' | 'keep_days' | 'action'>>> {
  const { rows } = await q.query<Cols<'retention_rules', 'record_type' | 'keep_days' | 'action'>>(
    'SELECT record_type, keep_days, action FROM retention_rules WHERE kab_code = $1', [kabCode],
  );
  return rows;
}

export async function upsertRule(q: Queryable, r: { kabCode: string; recordType: string; keepDays: number; action: string; userId: string | null }): Promise<void> {
  await q.query(
    `INSERT INTO retention_rules (kab_code, record_type, keep_days, action, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (kab_code, record_type) DO UPDATE SET keep_days = EXCLUDED.keep_days, action = EXCLUDED.action, updated_at = now(), updated_by = EXCLUDED.updated_by`,
    [r.kabCode, r.recordType, r.keepDays, r.action, r.userId],
  );
}

/** Kabupaten that configured a schedule (the daily job runs only for them). */
export async function kabupatenWithRules(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<Cols<'retention_rules', 'kab_code'>>('SELECT DISTINCT kab_code FROM retention_rules ORDER BY 1');
  return rows.map((r) => r.kab_code);
}

// aliases h, d, o are taken inside: a candidate query must not use them for its own tables
const held = (person: string) => `(EXISTS (SELECT 1 FROM legal_holds h WHERE h.person_id = ${person} AND h.released_at IS NULL)
  OR EXISTS (SELECT 1 FROM data_requests d WHERE d.person_id = ${person} AND d.status = 'received')
  OR EXISTS (SELECT 1 FROM cases o WHERE o.person_id = ${person} AND o.status NOT IN ('resolved', 'closed')))`;

const notDone = (type: RetentionRecordType, id: string) => `NOT EXISTS (SELECT 1 FROM retention_done x WHERE x.record_type = '${type}' AND x.record_id = ${id})`;

const FINISHED = `c.status IN ('resolved', 'closed') AND coalesce(c.closed_at, c.resolved_at) < $2`;

/** The persons retention must not touch ($1 kab), as text ids: a legal hold, a pending request, an open case. */
const HELD_PERSONS = `SELECT person_id::text AS pid FROM legal_holds WHERE kab_code = $1 AND released_at IS NULL
  UNION SELECT person_id::text FROM data_requests WHERE kab_code = $1 AND status = 'received'
  UNION SELECT person_id::text FROM cases WHERE kab_code = $1 AND status NOT IN ('resolved', 'closed')`;

/**
 * Per record type: the rows past their period ($1 kab, $2 cut-off), their order in batches,
 * a label without personal data (case codes, referral numbers, kinds, village codes) and
 * whether they are held.
 */
const CANDIDATES: Record<RetentionRecordType, string> = {
  closed_case: `SELECT c.id, c.id::text AS ord, c.code AS label, ${held('c.person_id')} AS held FROM cases c
    WHERE c.kab_code = $1 AND ${FINISHED} AND ${notDone('closed_case', 'c.id')}`,
  // the documents of a finished case and of its referrals (the partner's evidence)
  document: `SELECT d.id, d.id::text AS ord, d.kind || ' ' || c.code AS label, ${held('c.person_id')} AS held
    FROM documents d JOIN cases c ON d.owner_type = 'case' AND c.id = d.owner_id
    WHERE d.kab_code = $1 AND d.deleted_at IS NULL AND ${FINISHED}
    UNION ALL
    SELECT d.id, d.id::text, d.kind || ' ' || r.number, ${held('c.person_id')}
    FROM documents d JOIN referrals r ON d.owner_type = 'referral' AND r.id = d.owner_id JOIN cases c ON c.id = r.case_id
    WHERE d.kab_code = $1 AND d.deleted_at IS NULL AND ${FINISHED}`,
  inactive_person: `SELECT p.id, p.id::text AS ord, p.village_code AS label, ${held('p.id')} AS held FROM persons p
    WHERE p.kab_code = $1 AND p.registry_status = 'inactive' AND p.updated_at < $2 AND ${notDone('inactive_person', 'p.id')}`,
  // the closed referrals of a finished case
  referral_text: `SELECT r.id, r.id::text AS ord, r.number AS label, ${held('r.person_id')} AS held
    FROM referrals r JOIN cases c ON c.id = r.case_id
    WHERE r.kab_code = $1 AND r.closed_at IS NOT NULL AND ${FINISHED} AND ${notDone('referral_text', 'r.id')}`,
  // a household's or family's entry is held when one of its members is
  registry_history: `SELECT rh.id, rh.id::text AS ord, rh.record_type || ' ' || rh.village_code || ' ' || to_char(rh.at, 'YYYY-MM-DD') AS label,
    CASE WHEN rh.record_type = 'person' THEN ${held('rh.record_id')}
      ELSE EXISTS (SELECT 1 FROM persons m WHERE (m.household_id = rh.record_id OR m.family_id = rh.record_id) AND ${held('m.id')}) END AS held
    FROM registry_history rh
    WHERE rh.kab_code = $1 AND rh.record_id IS NOT NULL AND rh.redacted_at IS NULL AND rh.at < $2`,
  // oldest first, never the chain head. Held: an event naming a held person in its subjects or
  // record ids, found from the held persons through the trail's GIN indexes (not event by event)
  audit_event: `WITH hp AS MATERIALIZED (${HELD_PERSONS}),
    he AS MATERIALIZED (
      SELECT e.seq FROM hp JOIN audit_events e ON e.kab_code = $1 AND (e.details -> 'subjects') @> jsonb_build_object('persons', jsonb_build_array(hp.pid))
      UNION SELECT e.seq FROM hp JOIN audit_events e ON e.kab_code = $1 AND e.record_ids @> ARRAY[hp.pid])
    SELECT e.id, lpad(e.seq::text, 20, '0') AS ord, e.action || ' #' || e.seq AS label, e.seq IN (SELECT seq FROM he) AS held
    FROM audit_events e
    WHERE e.kab_code = $1 AND e.at < $2 AND e.seq < coalesce((SELECT a.last_seq FROM audit_heads a WHERE a.kab_code = $1), 0)`,
};

/** What a record type has past its period (aggregates over the candidates). */
interface CandidateCounts { due: number; held: number; sample: string[] | null }

export async function countCandidates(q: Queryable, type: RetentionRecordType, kabCode: string, cutoff: Date): Promise<{ due: number; held: number; sample: string[] }> {
  const { rows } = await q.query<CandidateCounts>(
    `SELECT count(*)::int AS due, count(*) FILTER (WHERE s.held)::int AS held,
       (array_agg(s.label ORDER BY s.label) FILTER (WHERE NOT s.held))[1:10] AS sample
     FROM (${CANDIDATES[type]}) s`,
    [kabCode, cutoff],
  );
  const r = rows[0];
  return { due: r?.due ?? 0, held: r?.held ?? 0, sample: r?.sample ?? [] };
}

export async function nextBatch(q: Queryable, type: RetentionRecordType, kabCode: string, cutoff: Date, size: number): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT s.id FROM (${CANDIDATES[type]}) s WHERE NOT s.held ORDER BY s.ord LIMIT $3`,
    [kabCode, cutoff, size],
  );
  return rows.map((r) => r.id);
}

const REMOVED = '[dihapus sesuai jadwal retensi]';

/** Free text of closed cases removed (complaint, needs' requests and notes, decisions, timeline details). */
export async function anonymizeCases(q: Queryable, kabCode: string, ids: readonly string[]): Promise<void> {
  await q.query(
    `UPDATE cases SET complaint = $2, decision_notes = NULL, recommendation = NULL,
       close_reason = CASE WHEN close_reason IS NULL THEN NULL ELSE $2 END, updated_at = now()
     WHERE id = ANY($1::uuid[])`,
    [ids, REMOVED],
  );
  await q.query('UPDATE case_needs SET request = $2, status_note = NULL, recommendation = NULL, updated_at = now() WHERE case_id = ANY($1::uuid[])', [ids, REMOVED]);
  await q.query('UPDATE case_events SET details = NULL WHERE kab_code = $2 AND case_id = ANY($1::uuid[])', [ids, kabCode]);
}

/**
 * Free text of closed referrals removed: the reason, the decline or cancel reason, the outcome
 * notes, the contact phone, the notes of their timeline and what a link's holder typed (name
 * and position). Numbers, statuses, dates and the structured details stay for the statistics.
 */
export async function anonymizeReferrals(q: Queryable, ids: readonly string[]): Promise<void> {
  await q.query(
    `UPDATE referrals SET reason = $2, decline_reason = CASE WHEN decline_reason IS NULL THEN NULL ELSE $2 END,
       cancel_reason = CASE WHEN cancel_reason IS NULL THEN NULL ELSE $2 END, outcome_notes = NULL, contact_phone = NULL, updated_at = now()
     WHERE id = ANY($1::uuid[])`,
    [ids, REMOVED],
  );
  await q.query(
    `UPDATE referral_events SET note = NULL, actor_position = NULL, actor_name = CASE WHEN actor_kind = 'link' THEN $2 ELSE actor_name END
     WHERE referral_id = ANY($1::uuid[])`,
    [ids, REMOVED],
  );
}

/**
 * Registry history entries lose their values and the reason typed with them; who changed
 * which fields when, from which source, stays. The table's trigger lets only this update
 * through (migration 0194, registry_history_redacted).
 */
export async function redactRegistryHistory(q: Queryable, kabCode: string, ids: readonly string[]): Promise<void> {
  await q.query(
    `UPDATE registry_history SET changes = registry_history_redacted(changes), reason = NULL, redacted_at = now()
     WHERE kab_code = $2 AND id = ANY($1::uuid[]) AND redacted_at IS NULL`,
    [ids, kabCode],
  );
}

/** Identifiers replaced and specific data removed: what stays is a count in the statistics. */
export async function anonymizePersons(q: Queryable, ids: readonly string[]): Promise<void> {
  await q.query(
    `UPDATE persons SET full_name = 'ANONIM', nik = NULL, kk = NULL, birth_place = NULL, birth_date = NULL, pregnant = NULL,
       disability = NULL, chronic_illnesses = NULL, health_insurance = NULL, documents_held = NULL, nik_warnings = '{}',
       version = version + 1, updated_at = now()
     WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

export async function markDone(q: Queryable, type: RetentionRecordType, kabCode: string, runId: string, ids: readonly string[]): Promise<void> {
  await q.query(
    `INSERT INTO retention_done (record_type, record_id, kab_code, run_id) SELECT $1, unnest($2::uuid[]), $3, $4 ON CONFLICT DO NOTHING`,
    [type, ids, kabCode, runId],
  );
}

export async function insertRun(q: Queryable, r: { id: string; kabCode: string; dryRun: boolean; userId: string | null }): Promise<Date> {
  const { rows } = await q.query<Cols<'retention_runs', 'started_at'>>(
    'INSERT INTO retention_runs (id, kab_code, dry_run, started_by) VALUES ($1, $2, $3, $4) RETURNING started_at',
    [r.id, r.kabCode, r.dryRun, r.userId],
  );
  return rows[0]!.started_at;
}

export async function finishRun(q: Queryable, id: string, report: unknown): Promise<void> {
  await q.query('UPDATE retention_runs SET finished_at = now(), report = $2 WHERE id = $1', [id, JSON.stringify(report)]);
}

export async function insertLegalHold(q: Queryable, h: { id: string; kabCode: string; personId: string; reason: string; userId: string }): Promise<void> {
  await q.query('INSERT INTO legal_holds (id, kab_code, person_id, reason, created_by) VALUES ($1, $2, $3, $4, $5)', [h.id, h.kabCode, h.personId, h.reason, h.userId]);
}

/** The first active DPO account of a kabupaten (who the daily job acts as). */
export async function firstDpoOf(q: Queryable, kabCode: string): Promise<Cols<'users', 'id' | 'username'> | undefined> {
  const { rows } = await q.query<Cols<'users', 'id' | 'username'>>(
    `SELECT u.id, u.username FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.kab_code = $1 AND u.active AND r.role = 'dpo' ORDER BY u.created_at, u.id LIMIT 1`,
    [kabCode],
  );
  return rows[0];
}

/** The kabupaten's latest finished runs (their reports), newest first. */
export async function selectRunReports(q: Queryable, kabCode: string, limit: number): Promise<unknown[]> {
  const { rows } = await q.query<Cols<'retention_runs', 'report'>>(
    'SELECT report FROM retention_runs WHERE kab_code = $1 AND report IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT $2', [kabCode, limit],
  );
  return rows.map((r) => r.report);
}
