import { areaLevel } from '@slrt/core';
import { areaScopeSql, SqlParams, type Actor } from '../access/actor.ts';
import type { Queryable } from '../db/database.ts';
import type { Col, Cols, Exists } from '../db/rows.ts';

/** SQL of the privacy domain: persons as the DPO finds them, the access log, restrictions. */

export type SubjectRow = Cols<'persons',
  'id' | 'kab_code' | 'village_code' | 'household_id' | 'full_name' | 'nik' | 'birth_date' | 'sex' | 'relationship' | 'registry_status'>;

const SUBJECT_COLUMNS = 'p.id, p.kab_code, p.village_code, p.household_id, p.full_name, p.nik, p.birth_date, p.sex, p.relationship, p.registry_status';

export async function selectSubject(q: Queryable, kabCode: string, personId: string): Promise<SubjectRow | undefined> {
  const { rows } = await q.query<SubjectRow>(`SELECT ${SUBJECT_COLUMNS} FROM persons p WHERE p.id = $1 AND p.kab_code = $2`, [personId, kabCode]);
  return rows[0];
}

export async function selectSubjectByNik(q: Queryable, kabCode: string, nik: string): Promise<SubjectRow | undefined> {
  const { rows } = await q.query<SubjectRow>(`SELECT ${SUBJECT_COLUMNS} FROM persons p WHERE p.kab_code = $1 AND p.nik = $2`, [kabCode, nik]);
  return rows[0];
}

/** True when one of the person's cases lies in the actor's scope for cases.read (the officers holding it). */
export async function holdsCaseOf(q: Queryable, actor: Actor, personId: string): Promise<boolean> {
  const p = new SqlParams();
  const { rows } = await q.query<Exists>(
    `SELECT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = ${p.add(personId)} AND ${areaScopeSql(actor, 'cases.read', p, { kab: 'c.kab_code', village: 'c.village_code' })}) AS ok`,
    p.values,
  );
  return rows[0]?.ok === true;
}

export type AccessLogRow = Cols<'audit_events', 'seq' | 'at' | 'actor_name' | 'actor_roles' | 'action' | 'purpose'>
  & { display_name: Col<'users', 'display_name'> | null; organization: string | null };

/**
 * Every audit event of a person's data, newest first: events that name the person among their
 * subjects, household-level events of the person's household, and older events that carry the
 * person's id only in record_ids. One statement through the subjects and record_ids indexes.
 * The organization is the partner's (an account of a partner organization, or the
 * organization a referral link was sent to).
 */
export async function selectAccessLog(
  q: Queryable, kabCode: string, person: { id: string; household_id: string }, page: { limit: number; beforeSeq?: number | undefined },
): Promise<AccessLogRow[]> {
  const { rows } = await q.query<AccessLogRow>(
    `SELECT e.seq, e.at, e.actor_name, u.display_name, e.actor_roles, e.action, e.purpose,
       coalesce(
         (SELECT string_agg(DISTINCT o.name, ', ') FROM user_roles ur JOIN organizations o ON o.id = ur.organization_id WHERE ur.user_id = e.actor_id),
         (SELECT o.name FROM referral_links rl JOIN referrals r ON r.id = rl.referral_id JOIN organizations o ON o.id = r.organization_id
           WHERE e.actor_roles = 'link' AND rl.id::text = substr(e.actor_name, 6))
       ) AS organization
     FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
     WHERE e.kab_code = $1
       AND (e.details -> 'subjects' @> jsonb_build_object('persons', jsonb_build_array($2::text))
         OR (e.details -> 'subjects' @> jsonb_build_object('households', jsonb_build_array($3::text)) AND e.record_type IN ('household', 'family'))
         OR e.record_ids && ARRAY[$2::text])
       AND ($4::bigint IS NULL OR e.seq < $4::bigint)
     ORDER BY e.seq DESC LIMIT $5`,
    [kabCode, person.id, person.household_id, page.beforeSeq ?? null, page.limit + 1],
  );
  return rows;
}

export type RestrictionRow = Cols<'person_restrictions', 'id' | 'person_id' | 'reason' | 'restricted_at'>;

export async function selectActiveRestriction(q: Queryable, personId: string): Promise<RestrictionRow | undefined> {
  const { rows } = await q.query<RestrictionRow>(
    'SELECT id, person_id, reason, restricted_at FROM person_restrictions WHERE person_id = $1 AND lifted_at IS NULL',
    [personId],
  );
  return rows[0];
}

/**
 * The restricted persons among `ids`, and whether the actor holds one of their cases in the
 * narrow sense a restriction keeps: registered or assigned it, or works at the case's village
 * (a Puskesos or facilitator scope); a supervisor's or the kabupaten's wider scope is not.
 */
export async function selectRestrictionsAmong(q: Queryable, actor: Actor, ids: readonly string[]): Promise<Array<RestrictionRow & { holder: boolean }>> {
  if (ids.length === 0) return [];
  const villages = actor.areasFor('cases.read').filter((code) => areaLevel(code) === 'village');
  const { rows } = await q.query<RestrictionRow & { holder: boolean }>(
    `SELECT r.id, r.person_id, r.reason, r.restricted_at,
       EXISTS (SELECT 1 FROM cases c WHERE c.person_id = r.person_id
         AND (c.registered_by = $2 OR c.assigned_to = $2 OR c.village_code = ANY($3::text[]))) AS holder
     FROM person_restrictions r WHERE r.person_id = ANY($1::uuid[]) AND r.lifted_at IS NULL`,
    [ids, actor.userId, villages],
  );
  return rows;
}

export async function insertRestriction(
  q: Queryable, row: { id: string; kabCode: string; personId: string; requestId: string | null; reason: string; userId: string },
): Promise<void> {
  await q.query(
    `INSERT INTO person_restrictions (id, kab_code, person_id, request_id, reason, restricted_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (person_id) WHERE lifted_at IS NULL DO UPDATE SET reason = EXCLUDED.reason, request_id = EXCLUDED.request_id`,
    [row.id, row.kabCode, row.personId, row.requestId, row.reason, row.userId],
  );
}

export async function selectAreaName(q: Queryable, code: string): Promise<string> {
  const { rows } = await q.query<Cols<'areas', 'name'>>('SELECT name FROM areas WHERE code = $1', [code]);
  return rows[0]?.name ?? code;
}

type HeldCase = Cols<'cases', 'code' | 'status' | 'registered_at'> & { sectors: Col<'case_needs', 'sector'>[] };

/** The person's cases as the access report lists them (what is held: code, status, dates, needs' sectors). */
export async function selectCasesOf(q: Queryable, personId: string): Promise<Array<HeldCase>> {
  const { rows } = await q.query<HeldCase>(
    `SELECT c.code, c.status, c.registered_at, coalesce(array_agg(n.sector ORDER BY n.position) FILTER (WHERE n.id IS NOT NULL), '{}') AS sectors
     FROM cases c LEFT JOIN case_needs n ON n.case_id = c.id WHERE c.person_id = $1
     GROUP BY c.id ORDER BY c.registered_at`,
    [personId],
  );
  return rows;
}

/** The person's own data-subject requests, oldest first, as the access report lists them. */
export async function selectRequestsOf(q: Queryable, personId: string): Promise<Array<Cols<'data_requests', 'kind' | 'status' | 'received_at'>>> {
  const { rows } = await q.query<Cols<'data_requests', 'kind' | 'status' | 'received_at'>>(
    'SELECT kind, status, received_at FROM data_requests WHERE person_id = $1 ORDER BY received_at, id', [personId],
  );
  return rows;
}
