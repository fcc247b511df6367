import type {
  CaseKind, CaseLevel, CaseStatus, Channel, CloseReason, ConsentInput, Decision, FastTrackReason, LegalBasis,
  Permission, Sector, Urgency,
} from '@slrt/core';
import { createHash } from 'node:crypto';
import { areaScopeSql, SqlParams, type Actor } from '../access/actor.ts';
import type { Queryable, Tx } from '../db/database.ts';
import type { Col, Cols, With } from '../db/rows.ts';
import type { PersonRecord } from '../registry/records.ts';

/**
 * SQL of cases and their consents. Reads that serve a caller take the actor and a permission
 * and are scoped with areaScopeSql; needs are in need-queries.ts, the timeline in
 * event-queries.ts, worklists in worklist-queries.ts.
 */

type UserName = Col<'users', 'display_name'> | null;

/**
 * A case as CASE_SELECT reads it: its columns, the names of its areas and users, and its
 * resident's. The codes without a CHECK in the schema are typed by their vocabulary in core.
 */
export type CaseRow = With<Cols<'cases',
  | 'id' | 'kab_code' | 'village_code' | 'code' | 'person_id' | 'household_id' | 'track_pin' | 'pin_from_nik' | 'tracking_code'
  | 'status' | 'level' | 'channel' | 'kind' | 'fast_track' | 'fast_track_reasons' | 'complaint' | 'urgency' | 'legal_basis'
  | 'registry_status_at_intake' | 'needs_registry_proposal' | 'registry_proposal_id' | 'registered_at' | 'registered_by' | 'due_at'
  | 'first_action_at' | 'assigned_to' | 'assigned_at' | 'recommendation' | 'decision' | 'decision_notes' | 'decided_at' | 'decided_by'
  | 'escalated_at' | 'close_reason' | 'closed_at' | 'resolved_at' | 'client_request_id' | 'request_hash' | 'updated_at'>, {
  channel: Channel;
  kind: CaseKind;
  fast_track_reasons: FastTrackReason[];
  legal_basis: LegalBasis;
  close_reason: CloseReason | null;
}> & {
  village_name: Col<'areas', 'name'>;
  kecamatan_code: Col<'areas', 'code'>;
  kecamatan_name: Col<'areas', 'name'>;
  kabupaten_code: Col<'areas', 'code'>;
  kabupaten_name: Col<'areas', 'name'>;
  registered_by_name: UserName;
  assigned_to_name: UserName;
  decided_by_name: UserName;
  person_name: Col<'persons', 'full_name'>;
  person_nik: Col<'persons', 'nik'>;
  person_sex: Col<'persons', 'sex'>;
  person_birth_date: Col<'persons', 'birth_date'>;
  person_registry_status: Col<'persons', 'registry_status'>;
};

const CASE_COLUMNS = `
  SELECT c.id, c.kab_code, c.village_code, v.name AS village_name, k.code AS kecamatan_code, k.name AS kecamatan_name,
    kb.code AS kabupaten_code, kb.name AS kabupaten_name,
    c.code, c.person_id, c.household_id, c.track_pin, c.pin_from_nik, c.tracking_code, c.status, c.level, c.channel, c.kind, c.fast_track,
    c.fast_track_reasons, c.complaint, c.urgency, c.legal_basis, c.registry_status_at_intake, c.needs_registry_proposal,
    c.registry_proposal_id, c.registered_at, c.registered_by, ru.display_name AS registered_by_name, c.due_at,
    c.first_action_at, c.assigned_to, au.display_name AS assigned_to_name, c.assigned_at, c.recommendation, c.decision,
    c.decision_notes, c.decided_at, c.decided_by, du.display_name AS decided_by_name, c.escalated_at, c.close_reason,
    c.closed_at, c.resolved_at, c.client_request_id, c.request_hash, c.updated_at,
    p.full_name AS person_name, p.nik AS person_nik, p.sex AS person_sex, p.birth_date AS person_birth_date,
    p.registry_status AS person_registry_status`;

const CASE_JOINS = `
  JOIN areas v ON v.code = c.village_code
  JOIN areas k ON k.code = v.parent_code
  JOIN areas kb ON kb.code = k.parent_code
  JOIN persons p ON p.id = c.person_id
  LEFT JOIN users ru ON ru.id = c.registered_by
  LEFT JOIN users au ON au.id = c.assigned_to
  LEFT JOIN users du ON du.id = c.decided_by`;

const CASE_SELECT = `${CASE_COLUMNS}
  FROM cases c${CASE_JOINS}`;

/**
 * CASE_SELECT over `source`, a subquery of cases rows named c: a list picks its page on cases
 * alone (ORDER BY ... LIMIT), then joins the names for those rows only.
 */
export function caseSelectFrom(source: string): string {
  return `${CASE_COLUMNS}
  FROM ${source} c${CASE_JOINS}`;
}

/** Marks the case changed now (a step on one of its referrals). */
export async function touchCase(tx: Tx, caseId: string): Promise<void> {
  await tx.query('UPDATE cases SET updated_at = now() WHERE id = $1', [caseId]);
}

/** The case when it lies in the actor's area for `permission`; `forUpdate` locks it for a workflow step. */
export async function selectCaseInScope(q: Queryable, actor: Actor, permission: Permission, id: string, opts: { forUpdate?: boolean } = {}): Promise<CaseRow | null> {
  const params = new SqlParams();
  const idParam = params.add(id);
  const scope = areaScopeSql(actor, permission, params, { kab: 'c.kab_code', village: 'c.village_code' });
  const { rows } = await q.query<CaseRow>(`${CASE_SELECT} WHERE c.id = ${idParam} AND ${scope}${opts.forUpdate ? ' FOR UPDATE OF c' : ''}`, params.values);
  return rows[0] ?? null;
}

/** For a trusted caller that has checked access another way (a referral's partner, the proposals domain). */
export async function selectCaseUnscoped(q: Queryable, kabCode: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<CaseRow | null> {
  const { rows } = await q.query<CaseRow>(`${CASE_SELECT} WHERE c.kab_code = $1 AND c.id = $2${opts.forUpdate ? ' FOR UPDATE OF c' : ''}`, [kabCode, id]);
  return rows[0] ?? null;
}

export async function selectCaseByClientRequest(q: Queryable, kabCode: string, clientRequestId: string): Promise<Cols<'cases', 'id' | 'request_hash' | 'registered_by'> | null> {
  const { rows } = await q.query<Cols<'cases', 'id' | 'request_hash' | 'registered_by'>>(
    'SELECT id, request_hash, registered_by FROM cases WHERE kab_code = $1 AND client_request_id = $2',
    [kabCode, clientRequestId],
    'cases_by_client_request',
  );
  return rows[0] ?? null;
}

/** What intake needs of the resident: the case's columns and the names its answer shows. */
export type IntakePerson = Pick<PersonRecord, 'id' | 'villageCode' | 'villageName' | 'kecamatanCode' | 'kecamatanName' | 'householdId' | 'nik' | 'fullName' | 'sex' | 'birthDate' | 'registryStatus'>
  & { disability?: Record<string, string> | null | undefined };

/**
 * The resident of a new case when they live in the actor's area for cases.create: 11 columns
 * instead of the registry's full record, prepared (one statement per shape of the actor's scope).
 */
export async function selectIntakePerson(q: Queryable, actor: Actor, id: string, opts: { anywhereInKabupaten?: boolean } = {}): Promise<IntakePerson | null> {
  const params = new SqlParams();
  const idParam = params.add(id);
  // a resident of another village (issue 12, started at their own village's Puskesos): the kabupaten is the bound
  const scope = opts.anywhereInKabupaten
    ? `p.kab_code = ${params.add(actor.kabCode)}`
    : areaScopeSql(actor, 'cases.create', params, { kab: 'p.kab_code', village: 'p.village_code' });
  const sql = `SELECT p.id, p.village_code, v.name AS village_name, k.code AS kecamatan_code, k.name AS kecamatan_name, p.household_id,
      p.nik, p.full_name, p.sex, p.birth_date, p.registry_status, p.disability
    FROM persons p JOIN areas v ON v.code = p.village_code JOIN areas k ON k.code = v.parent_code
    WHERE p.id = ${idParam} AND ${scope}`;
  const { rows } = await q.query<
    Cols<'persons', 'id' | 'village_code' | 'household_id' | 'nik' | 'full_name' | 'sex' | 'birth_date' | 'registry_status' | 'disability'>
    & { village_name: Col<'areas', 'name'>; kecamatan_code: Col<'areas', 'code'>; kecamatan_name: Col<'areas', 'name'> }
  >(sql, params.values, `cases_intake_person_${createHash('sha1').update(sql).digest('hex').slice(0, 12)}`);
  const r = rows[0];
  return r ? {
    id: r.id, villageCode: r.village_code, villageName: r.village_name, kecamatanCode: r.kecamatan_code, kecamatanName: r.kecamatan_name,
    householdId: r.household_id, nik: r.nik, fullName: r.full_name, sex: r.sex, birthDate: r.birth_date, registryStatus: r.registry_status,
    disability: r.disability,
  } : null;
}

export interface NewIntake {
  id: string;
  kabCode: string;
  villageCode: string;
  /** YYMM in the kabupaten's time zone: the month whose serial the tracking code takes. */
  period: string;
  personId: string;
  householdId: string;
  trackPin: string;
  pinFromNik: boolean;
  /** The resident's random tracking code (core parseResidentTrackingCode form). */
  trackingCode: string;
  channel: Channel;
  kind: CaseKind;
  fastTrack: boolean;
  fastTrackReasons: readonly FastTrackReason[];
  complaint: string;
  urgency: Urgency;
  legalBasis: LegalBasis;
  registryStatusAtIntake: string;
  needsRegistryProposal: boolean;
  registeredAt: Date;
  registeredBy: string;
  registeredByName: string;
  dueAt: Date;
  clientRequestId: string | null;
  requestHash: string | null;
  needs: ReadonlyArray<{ id: string; sector: Sector; urgency: Urgency; request: string; personId: string; personName: string }>;
  consents: ReadonlyArray<ConsentInput & { id: string; givenAt: string }>;
  event: { id: string; details: Record<string, unknown> };
}

/**
 * Inserts a new case with its needs, consents and registration event, and takes the month's
 * tracking-code serial, in one statement. The counter row is locked from here to COMMIT, so the
 * intake transaction runs this after its reads: concurrent intakes of a kabupaten queue on the
 * row only for the audit write and the commit (which hold the kabupaten's audit lock anyway).
 * The code is spelled as core formatTrackingCode spells it; the caller checks that it does.
 * `at` is the database's now(), the time of the event and of the needs.
 */
export async function insertIntake(tx: Tx, c: NewIntake): Promise<{ code: string; serial: number; at: Date }> {
  const { rows } = await tx.query<Cols<'cases', 'code'> & { serial: Col<'case_code_counters', 'last_serial'>; at: Date }>(
    `WITH serial AS (
       INSERT INTO case_code_counters (kab_code, period, last_serial) VALUES ($2, $24, 1)
       ON CONFLICT (kab_code, period) DO UPDATE SET last_serial = case_code_counters.last_serial + 1
       RETURNING last_serial
     ), new_case AS (
       INSERT INTO cases (id, kab_code, village_code, code, person_id, household_id, track_pin, pin_from_nik, status, level, channel,
         kind, fast_track, fast_track_reasons, complaint, urgency, legal_basis, registry_status_at_intake, needs_registry_proposal,
         registered_at, registered_by, due_at, client_request_id, request_hash, updated_at, tracking_code)
       SELECT $1::uuid, $2::bpchar, $3::text, $25::text || CASE WHEN s.last_serial < 1000000 THEN lpad(s.last_serial::text, 6, '0') ELSE s.last_serial::text END,
         $4::uuid, $5::uuid, $6::bpchar, $7::boolean, 'registered', 'village', $8::text, $9::text, $10::boolean, $11::text[], $12::text,
         $13::text, $14::text, $15::text, $16::boolean, $17::timestamptz, $18::uuid, $19::timestamptz, $20::text, $21::bpchar, $17::timestamptz, $40::text
       FROM serial s
       RETURNING code
     ), new_needs AS (
       INSERT INTO case_needs (id, kab_code, village_code, case_id, position, sector, urgency, request, person_id)
       SELECT n.id, $2::bpchar, $3::text, $1::uuid, n.position, n.sector, n.urgency, n.request, n.person_id
       FROM unnest($26::uuid[], $27::int[], $28::text[], $29::text[], $30::text[], $41::uuid[]) AS n(id, position, sector, urgency, request, person_id)
     ), new_consents AS (
       INSERT INTO case_consents (id, kab_code, village_code, case_id, purpose, statement, method, given_at, given_by, guardian_name,
         guardian_relationship, recorded_by)
       SELECT x.id, $2::bpchar, $3::text, $1::uuid, x.purpose, x.statement, x.method, x.given_at, x.given_by, x.guardian_name,
         x.guardian_relationship, $18::uuid
       FROM unnest($31::uuid[], $32::text[], $33::text[], $34::text[], $35::timestamptz[], $36::text[], $37::text[], $38::text[])
         AS x(id, purpose, statement, method, given_at, given_by, guardian_name, guardian_relationship)
     ), new_event AS (
       INSERT INTO case_events (id, kab_code, village_code, case_id, actor_id, actor_name, action, to_status, to_level, details)
       VALUES ($22::uuid, $2::bpchar, $3::text, $1::uuid, $18::uuid, $23::text, 'register', 'registered', 'village', $39::jsonb)
     )
     SELECT new_case.code, serial.last_serial AS serial, now() AS at FROM new_case, serial`,
    [c.id, c.kabCode, c.villageCode, c.personId, c.householdId, c.trackPin, c.pinFromNik, c.channel, c.kind, c.fastTrack,
      [...c.fastTrackReasons], c.complaint, c.urgency, c.legalBasis, c.registryStatusAtIntake, c.needsRegistryProposal,
      c.registeredAt, c.registeredBy, c.dueAt, c.clientRequestId, c.requestHash, c.event.id, c.registeredByName, c.period,
      `${c.kabCode}-${c.period}-`,
      c.needs.map((n) => n.id), c.needs.map((_n, i) => i + 1), c.needs.map((n) => n.sector), c.needs.map((n) => n.urgency), c.needs.map((n) => n.request),
      c.consents.map((x) => x.id), c.consents.map((x) => x.purpose), c.consents.map((x) => x.statement), c.consents.map((x) => x.method),
      c.consents.map((x) => x.givenAt), c.consents.map((x) => x.givenBy), c.consents.map((x) => x.guardianName ?? null),
      c.consents.map((x) => x.guardianRelationship ?? null), JSON.stringify(c.event.details), c.trackingCode, c.needs.map((n) => n.personId)],
    // prepared: planning five inserts costs more than running them
    'cases_insert_intake',
  );
  return rows[0]!;
}

/** The columns a workflow step may change; absent keys stay. Sets first_action_at on the first step. */
export interface CaseChange {
  status?: CaseStatus;
  level?: CaseLevel;
  recommendation?: string;
  decision?: Decision;
  decisionNotes?: string | null;
  decidedBy?: string;
  decidedAt?: Date;
  escalatedAt?: Date;
  closeReason?: CloseReason;
  closedAt?: Date;
  resolvedAt?: Date;
  assignedTo?: string | null;
  firstAction?: boolean;
  needsRegistryProposal?: boolean;
}

const CHANGE_COLUMNS: Record<Exclude<keyof CaseChange, 'firstAction' | 'assignedTo'>, string> = {
  status: 'status',
  level: 'level',
  recommendation: 'recommendation',
  decision: 'decision',
  decisionNotes: 'decision_notes',
  decidedBy: 'decided_by',
  decidedAt: 'decided_at',
  escalatedAt: 'escalated_at',
  closeReason: 'close_reason',
  closedAt: 'closed_at',
  resolvedAt: 'resolved_at',
  needsRegistryProposal: 'needs_registry_proposal',
};

export async function updateCase(tx: Tx, id: string, change: CaseChange): Promise<void> {
  const params = new SqlParams();
  const idParam = params.add(id);
  const sets: string[] = ['updated_at = now()'];
  for (const [key, column] of Object.entries(CHANGE_COLUMNS) as Array<[keyof typeof CHANGE_COLUMNS, string]>) {
    if (change[key] !== undefined) sets.push(`${column} = ${params.add(change[key])}`);
  }
  if (change.assignedTo !== undefined) {
    sets.push(`assigned_to = ${params.add(change.assignedTo)}`, `assigned_at = ${change.assignedTo === null ? 'NULL' : 'now()'}`);
  }
  if (change.firstAction) sets.push('first_action_at = coalesce(first_action_at, now())');
  await tx.query(`UPDATE cases SET ${sets.join(', ')} WHERE id = ${idParam}`, params.values);
}

/** A village or kelurahan by its dotted code, or null. */
export async function selectVillage(q: Queryable, code: string): Promise<{ code: string; name: string; kecamatan_name: string } | null> {
  const { rows } = await q.query<Cols<'areas', 'code' | 'name'> & { kecamatan_name: Col<'areas', 'name'> }>(
    `SELECT v.code, v.name, k.name AS kecamatan_name FROM areas v JOIN areas k ON k.code = v.parent_code WHERE v.code = $1 AND v.level = 'village'`,
    [code],
  );
  return rows[0] ?? null;
}

/**
 * Moves a case, its needs and its consents to another village (a transfer): the assignment
 * is cleared (the assignee works elsewhere). The timeline rows keep the village they
 * happened in; documents and letters keep theirs (the owner is the authority on access).
 */
export async function moveCaseToVillage(tx: Tx, caseId: string, villageCode: string): Promise<void> {
  await tx.query('UPDATE cases SET village_code = $2, assigned_to = NULL, assigned_at = NULL, updated_at = now() WHERE id = $1', [caseId, villageCode]);
  await tx.query('UPDATE case_needs SET village_code = $2 WHERE case_id = $1', [caseId, villageCode]);
  await tx.query('UPDATE case_consents SET village_code = $2 WHERE case_id = $1', [caseId, villageCode]);
}

export async function setRegistryProposal(tx: Tx, caseId: string, proposalId: string): Promise<void> {
  await tx.query('UPDATE cases SET registry_proposal_id = $2, updated_at = now() WHERE id = $1', [caseId, proposalId]);
}

export type ConsentRow = With<Cols<'case_consents',
  'id' | 'purpose' | 'statement' | 'method' | 'given_at' | 'given_by' | 'guardian_name' | 'guardian_relationship' | 'recorded_by' | 'withdrawn_at'>, {
  purpose: ConsentInput['purpose'];
  method: ConsentInput['method'];
}> & { recorded_by_name: Col<'users', 'display_name'> | null };

export async function selectConsents(q: Queryable, caseId: string): Promise<ConsentRow[]> {
  const { rows } = await q.query<ConsentRow>(
    `SELECT x.id, x.purpose, x.statement, x.method, x.given_at, x.given_by, x.guardian_name, x.guardian_relationship,
       x.recorded_by, u.display_name AS recorded_by_name, x.withdrawn_at
     FROM case_consents x LEFT JOIN users u ON u.id = x.recorded_by WHERE x.case_id = $1 ORDER BY x.recorded_at, x.id`,
    [caseId],
  );
  return rows;
}

export async function selectSlaSettings(q: Queryable, kabCode: string): Promise<Array<Cols<'case_sla_settings', 'urgency' | 'days'>>> {
  const { rows } = await q.query<Cols<'case_sla_settings', 'urgency' | 'days'>>('SELECT urgency, days FROM case_sla_settings WHERE kab_code = $1', [kabCode]);
  return rows;
}

export async function upsertSlaSetting(tx: Tx, kabCode: string, urgency: Urgency, days: number, by: string): Promise<void> {
  await tx.query(
    `INSERT INTO case_sla_settings (kab_code, urgency, days, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (kab_code, urgency) DO UPDATE SET days = EXCLUDED.days, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [kabCode, urgency, days, by],
  );
}

type StaffRow = Cols<'users', 'id' | 'display_name'> & { grants: Array<With<Cols<'user_roles', 'role'>, { area_code: string }>> };

/** Active users of the kabupaten with an area role, and their grants (the service keeps those who may work the case). */
export async function selectAreaStaff(q: Queryable, kabCode: string, villageCode: string, roles: readonly string[]): Promise<Array<StaffRow>> {
  const { rows } = await q.query<StaffRow>(
    `SELECT u.id, u.display_name, json_agg(json_build_object('role', r.role, 'area_code', r.area_code) ORDER BY r.role) AS grants
     FROM users u JOIN user_roles r ON r.user_id = u.id
     WHERE u.kab_code = $1 AND u.active AND r.area_code IS NOT NULL AND r.role = ANY($3::text[])
       AND ($2 = r.area_code OR $2 LIKE r.area_code || '.%')
     GROUP BY u.id, u.display_name ORDER BY u.display_name, u.id`,
    [kabCode, villageCode, [...roles]],
  );
  return rows;
}

/** The id of the resident holding `nik` in the kabupaten, whatever their village. */
export async function selectPersonIdByNikInKabupaten(q: Queryable, kabCode: string, nik: string): Promise<string | null> {
  const { rows } = await q.query<Cols<'persons', 'id'>>('SELECT id FROM persons WHERE kab_code = $1 AND nik = $2 LIMIT 1', [kabCode, nik]);
  return rows[0]?.id ?? null;
}

/** Public tracking: one query for code and PIN together, so a wrong code and a wrong PIN cost and answer the same. */
export async function selectTrackable(q: Queryable, code: string, pin: string) {
  const { rows } = await q.query<Cols<'cases', 'id' | 'code' | 'village_code' | 'status' | 'level' | 'registered_at' | 'updated_at' | 'due_at' | 'resolved_at' | 'closed_at'>>(
    `SELECT id, code, village_code, status, level, registered_at, updated_at, due_at, resolved_at, closed_at FROM cases WHERE tracking_code = $1 AND track_pin = $2`,
    [code, pin],
  );
  return rows[0] ?? null;
}
