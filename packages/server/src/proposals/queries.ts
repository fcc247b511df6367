import type { Permission, ProposalQueue, ProposalStatus, ProposalTargetKind, ProposalType } from '@slrt/core';
import { areaScopeSql, SqlParams, type Actor } from '../access/actor.ts';
import { inPeriodSql, type Period } from '../db/period.ts';
import type { Queryable } from '../db/database.ts';
import type { Col, Cols, Count, Joined, VillageNames, With } from '../db/rows.ts';

/**
 * SQL of the proposals themselves (their lineage is in lineage-queries.ts). Every read that serves a caller is scoped with
 * areaScopeSql on the proposal's village; the caller passes the transaction it runs in.
 */

export type ProposalRow = With<Cols<'proposals',
  | 'id' | 'kab_code' | 'village_code' | 'code' | 'type' | 'target_kind' | 'person_id' | 'household_id' | 'channel' | 'origin' | 'case_id'
  | 'reason' | 'changes' | 'confirm_warnings' | 'status' | 'round_id' | 'assigned_to' | 'entered_on' | 'verified_versions'
  | 'confirmed_changes' | 'applied' | 'stale_reason' | 'created_by' | 'created_at' | 'updated_at' | 'status_at' | 'version'>, {
  changes: Record<string, unknown>;
  verified_versions: Record<string, number> | null;
  confirmed_changes: Record<string, unknown> | null;
  applied: Array<{ recordType: string; recordId: string; action: string; version: number | null }> | null;
}> & VillageNames & {
  assigned_to_name: Col<'users', 'display_name'> | null;
  created_by_name: Col<'users', 'display_name'> | null;
  subject_name: Col<'persons', 'full_name'> | null;
  /** The timestamps in full (microsecond) precision, for keyset cursors: a Date keeps milliseconds only. */
  created_at_key: string;
  status_at_key: string;
} & Joined<{ round_period: Col<'proposal_rounds', 'period'>; cut_off_date: Col<'proposal_rounds', 'cut_off_date'>; round_status: Col<'proposal_rounds', 'status'> }>;

const PROPOSAL_SELECT = `
  SELECT p.id, p.kab_code, p.village_code, v.name AS village_name, k.code AS kecamatan_code, k.name AS kecamatan_name,
    p.code, p.type, p.target_kind, p.person_id, p.household_id, p.channel, p.origin, p.case_id, p.reason, p.changes,
    p.confirm_warnings, p.status, p.round_id, r.period AS round_period, r.cut_off_date, r.status AS round_status,
    p.assigned_to, au.display_name AS assigned_to_name, p.entered_on, p.verified_versions, p.confirmed_changes, p.applied,
    p.stale_reason, p.created_by, cu.display_name AS created_by_name, p.created_at, p.updated_at, p.status_at, p.version,
    to_json(p.created_at)#>>'{}' AS created_at_key, to_json(p.status_at)#>>'{}' AS status_at_key,
    coalesce(per.full_name, p.changes->>'fullName', p.changes->'members'->0->>'fullName', head.full_name) AS subject_name
  FROM proposals p
  JOIN areas v ON v.code = p.village_code
  JOIN areas k ON k.code = v.parent_code
  LEFT JOIN proposal_rounds r ON r.id = p.round_id
  LEFT JOIN users au ON au.id = p.assigned_to
  LEFT JOIN users cu ON cu.id = p.created_by
  LEFT JOIN persons per ON per.id = p.person_id
  LEFT JOIN LATERAL (
    SELECT hp.full_name FROM persons hp WHERE hp.household_id = p.household_id
    ORDER BY CASE hp.relationship WHEN 'head' THEN 0 ELSE 1 END, hp.created_at, hp.id LIMIT 1
  ) head ON p.person_id IS NULL AND p.household_id IS NOT NULL`;

const scopeOf = (actor: Actor, permission: Permission, params: SqlParams) =>
  areaScopeSql(actor, permission, params, { kab: 'p.kab_code', village: 'p.village_code' });

/** The proposal when it lies in the caller's area for `permission`; null otherwise. */
export async function selectProposal(q: Queryable, actor: Actor, permission: Permission, id: string, opts: { forUpdate?: boolean } = {}): Promise<ProposalRow | null> {
  const params = new SqlParams();
  const idParam = params.add(id);
  const { rows } = await q.query<ProposalRow>(
    `${PROPOSAL_SELECT} WHERE p.id = ${idParam} AND ${scopeOf(actor, permission, params)}${opts.forUpdate ? ' FOR UPDATE OF p' : ''}`,
    params.values,
  );
  return rows[0] ?? null;
}

/** For the system (seed, national answer) after its own checks. */
export async function selectProposalUnscoped(q: Queryable, kabCode: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<ProposalRow | null> {
  const { rows } = await q.query<ProposalRow>(`${PROPOSAL_SELECT} WHERE p.kab_code = $1 AND p.id = $2${opts.forUpdate ? ' FOR UPDATE OF p' : ''}`, [kabCode, id]);
  return rows[0] ?? null;
}

/** The SQL condition of each worklist queue, and the permission whose area it is scoped by. */
function queueSql(queue: ProposalQueue | 'overdue', actor: Actor, params: SqlParams, today: string): { where: string; permission: Permission } {
  switch (queue) {
    case 'drafts':
      return { where: `p.status = 'draft'`, permission: 'proposals.create' };
    case 'to_verify':
      return { where: `p.status IN ('awaiting_verification', 'needs_review')`, permission: 'proposals.verify' };
    case 'to_review':
      return { where: `p.status = 'verified' AND r.status IN ('submitted', 'reviewed')`, permission: 'proposals.review' };
    case 'to_verify_kabupaten':
      return { where: `p.status = 'reviewed'`, permission: 'proposals.approve' };
    case 'to_ratify':
      return { where: `p.status = 'kab_verified'`, permission: 'proposals.approve' };
    case 'needs_review':
      return { where: `p.status = 'needs_review'`, permission: 'proposals.read' };
    case 'to_submit':
      return {
        where: `p.status = 'approved' AND NOT EXISTS (SELECT 1 FROM proposal_submission_rows sr WHERE sr.proposal_id = p.id)`,
        permission: 'proposals.submit',
      };
    case 'waiting_national':
      return { where: `p.status = 'sent'`, permission: 'proposals.read' };
    case 'mine':
      return { where: `p.created_by = ${params.add(actor.userId)}`, permission: 'proposals.read' };
    case 'overdue':
      return {
        where: `p.status IN ('awaiting_verification', 'needs_review', 'verified') AND r.status = 'open' AND r.cut_off_date < ${params.add(today)}::date`,
        permission: 'proposals.read',
      };
  }
}

export interface ProposalFilter {
  queue?: ProposalQueue | undefined;
  status?: ProposalStatus | undefined;
  type?: ProposalType | undefined;
  /** A village or kecamatan code (prefix). */
  area?: string | undefined;
  roundId?: string | undefined;
  personId?: string | undefined;
  /** The household, its members and its families' proposals. */
  householdId?: string | undefined;
  caseId?: string | undefined;
  /** A proposal number, or part of a subject's name. */
  search?: string | undefined;
  overdue?: boolean | undefined;
}

/**
 * A page of proposals in the caller's scope. Worklist queues list the longest waiting first
 * (status_at ascending); everything else the newest first. Keyset on (sort column, id).
 */
export async function listProposals(
  q: Queryable,
  actor: Actor,
  filter: ProposalFilter,
  page: { limit: number; after?: { at: string; id: string } | null },
  today: string,
): Promise<{ rows: ProposalRow[]; sort: 'status_at' | 'created_at' }> {
  const params = new SqlParams();
  const where = [`p.kab_code = ${params.add(actor.kabCode)}`, scopeOf(actor, 'proposals.read', params)];
  if (filter.queue) {
    const qs = queueSql(filter.queue, actor, params, today);
    where.push(qs.where);
    if (qs.permission !== 'proposals.read') where.push(scopeOf(actor, qs.permission, params));
  }
  if (filter.overdue) where.push(queueSql('overdue', actor, params, today).where);
  if (filter.status) where.push(`p.status = ${params.add(filter.status)}`);
  if (filter.type) where.push(`p.type = ${params.add(filter.type)}`);
  if (filter.area) where.push(`(p.village_code = ${params.add(filter.area)} OR p.village_code LIKE ${params.add(`${filter.area}.%`)})`);
  if (filter.roundId) where.push(`p.round_id = ${params.add(filter.roundId)}`);
  if (filter.personId) where.push(`p.person_id = ${params.add(filter.personId)}`);
  if (filter.caseId) where.push(`p.case_id = ${params.add(filter.caseId)}`);
  if (filter.householdId) {
    const h = params.add(filter.householdId);
    where.push(`(p.household_id = ${h} OR p.person_id IN (SELECT hp.id FROM persons hp WHERE hp.household_id = ${h}))`);
  }
  if (filter.search) {
    const s = params.add(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(p.code ILIKE ${s} OR per.full_name ILIKE ${s} OR p.changes->>'fullName' ILIKE ${s})`);
  }
  const sort = filter.queue && filter.queue !== 'mine' ? 'status_at' : 'created_at';
  const dir = sort === 'status_at' ? 'ASC' : 'DESC';
  if (page.after) {
    const cmp = dir === 'ASC' ? '>' : '<';
    where.push(`(p.${sort}, p.id) ${cmp} (${params.add(page.after.at)}::timestamptz, ${params.add(page.after.id)}::uuid)`);
  }
  const limit = params.add(page.limit + 1);
  const { rows } = await q.query<ProposalRow>(
    `${PROPOSAL_SELECT} WHERE ${where.join(' AND ')} ORDER BY p.${sort} ${dir}, p.id ${dir} LIMIT ${limit}`,
    params.values,
  );
  return { rows, sort };
}

const COUNTED_QUEUES = {
  drafts: 'drafts',
  toVerify: 'to_verify',
  toReview: 'to_review',
  toVerifyKabupaten: 'to_verify_kabupaten',
  toRatify: 'to_ratify',
  needsReview: 'needs_review',
  toSubmit: 'to_submit',
  waitingNational: 'waiting_national',
  overdue: 'overdue',
} as const satisfies Record<string, ProposalQueue | 'overdue'>;

/** How many proposals wait in each of the caller's queues (each scoped by its own permission). */
export async function countQueues(q: Queryable, actor: Actor, today: string): Promise<Record<keyof typeof COUNTED_QUEUES, number>> {
  const params = new SqlParams();
  const filters = Object.entries(COUNTED_QUEUES).map(([name, queue]) => {
    const qs = queueSql(queue, actor, params, today);
    return `count(*) FILTER (WHERE ${qs.where} AND ${scopeOf(actor, qs.permission, params)})::int AS "${name}"`;
  });
  const { rows } = await q.query<Record<keyof typeof COUNTED_QUEUES, number>>(
    `SELECT ${filters.join(', ')}
     FROM proposals p LEFT JOIN proposal_rounds r ON r.id = p.round_id
     WHERE p.kab_code = ${params.add(actor.kabCode)} AND ${scopeOf(actor, 'proposals.read', params)}`,
    params.values,
  );
  return rows[0]!;
}

/** A village's or kecamatan's count of proposals in one status (aggregates). */
type AreaProgress = Cols<'proposals', 'status'> & Count & { area_code: Col<'areas', 'code'>; area_name: Col<'areas', 'name'>; overdue: number };

/** Counts per village or kecamatan in the caller's scope: per status, and the overdue ones. */
export async function progressByArea(q: Queryable, actor: Actor, level: 'village' | 'kecamatan', area: string | null, today: string, period: Period) {
  const params = new SqlParams();
  const areaCol = level === 'village' ? 'p.village_code' : `substr(p.village_code, 1, 8)`;
  const where = [`p.kab_code = ${params.add(actor.kabCode)}`, scopeOf(actor, 'proposals.read', params), inPeriodSql('p.created_at', period, (v) => params.add(v))];
  if (area) where.push(`(p.village_code = ${params.add(area)} OR p.village_code LIKE ${params.add(`${area}.%`)})`);
  const overdue = queueSql('overdue', actor, params, today).where;
  const { rows } = await q.query<AreaProgress>(
    `SELECT x.area_code, a.name AS area_name, x.status, x.n, x.overdue FROM (
       SELECT ${areaCol} AS area_code, p.status, count(*)::int AS n, count(*) FILTER (WHERE ${overdue})::int AS overdue
       FROM proposals p LEFT JOIN proposal_rounds r ON r.id = p.round_id
       WHERE ${where.join(' AND ')}
       GROUP BY 1, 2
     ) x JOIN areas a ON a.code = x.area_code
     ORDER BY x.area_code, x.status`,
    params.values,
  );
  return rows;
}

/** The next human number of a kabupaten and year: USL-2025-000123 (proposal) or KRM-2025-0001 (batch). */
export async function nextHumanCode(q: Queryable, kabCode: string, kind: 'proposal' | 'submission', year: number): Promise<string> {
  const { rows } = await q.query<Cols<'proposal_counters', 'last'>>(
    `INSERT INTO proposal_counters (kab_code, kind, year, last) VALUES ($1, $2, $3, 1)
     ON CONFLICT (kab_code, kind, year) DO UPDATE SET last = proposal_counters.last + 1 RETURNING last`,
    [kabCode, kind, year],
  );
  const serial = rows[0]!.last;
  return kind === 'proposal' ? `USL-${year}-${String(serial).padStart(6, '0')}` : `KRM-${year}-${String(serial).padStart(4, '0')}`;
}

export interface NewProposal {
  id: string;
  kabCode: string;
  villageCode: string;
  code: string;
  type: ProposalType;
  targetKind: ProposalTargetKind;
  personId: string | null;
  householdId: string | null;
  channel: string;
  origin: string;
  caseId: string | null;
  reason: string;
  changes: Record<string, unknown>;
  confirmWarnings: readonly string[];
  status: ProposalStatus;
  roundId: string | null;
  assignedTo: string | null;
  enteredOn: string | null;
  createdBy: string;
}

export async function insertProposal(q: Queryable, p: NewProposal): Promise<void> {
  await q.query(
    `INSERT INTO proposals (id, kab_code, village_code, code, type, target_kind, person_id, household_id, channel, origin, case_id,
       reason, changes, confirm_warnings, status, round_id, assigned_to, entered_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::text[], $15, $16, $17, $18::date, $19)`,
    [p.id, p.kabCode, p.villageCode, p.code, p.type, p.targetKind, p.personId, p.householdId, p.channel, p.origin, p.caseId,
      p.reason, JSON.stringify(p.changes), p.confirmWarnings, p.status, p.roundId, p.assignedTo, p.enteredOn, p.createdBy],
  );
}

/** Fields a step may set besides the status. */
export interface ProposalUpdate {
  roundId?: string | null;
  enteredOn?: string | null;
  assignedTo?: string | null;
  verifiedVersions?: Record<string, number> | null;
  confirmedChanges?: Record<string, unknown> | null;
  applied?: unknown[] | null;
  staleReason?: string | null;
  personId?: string | null;
  householdId?: string | null;
}

const UPDATE_COLUMNS: Record<keyof ProposalUpdate, [string, string]> = {
  roundId: ['round_id', '::uuid'],
  enteredOn: ['entered_on', '::date'],
  assignedTo: ['assigned_to', '::uuid'],
  verifiedVersions: ['verified_versions', '::jsonb'],
  confirmedChanges: ['confirmed_changes', '::jsonb'],
  applied: ['applied', '::jsonb'],
  staleReason: ['stale_reason', '::text'],
  personId: ['person_id', '::uuid'],
  householdId: ['household_id', '::uuid'],
};

/** Moves a proposal to `status` (bumping its version) and sets the given fields. */
export async function updateProposal(q: Queryable, id: string, status: ProposalStatus, fields: ProposalUpdate = {}): Promise<number> {
  const params: unknown[] = [id, status];
  const sets = ['status = $2', 'version = version + 1', 'updated_at = now()', 'status_at = CASE WHEN status = $2 THEN status_at ELSE now() END'];
  for (const [key, value] of Object.entries(fields) as Array<[keyof ProposalUpdate, unknown]>) {
    if (value === undefined) continue;
    const [col, cast] = UPDATE_COLUMNS[key];
    params.push(cast === '::jsonb' && value !== null ? JSON.stringify(value) : value);
    sets.push(`${col} = $${params.length}${cast}`);
  }
  const { rows } = await q.query<Cols<'proposals', 'version'>>(`UPDATE proposals SET ${sets.join(', ')} WHERE id = $1 RETURNING version`, params);
  return rows[0]?.version ?? 0;
}

/** Members of a household who are not inactive: whom a household deactivation concerns. */
export async function selectActiveMemberIds(q: Queryable, householdId: string): Promise<string[]> {
  const { rows } = await q.query<Cols<'persons', 'id'>>(
    `SELECT id FROM persons WHERE household_id = $1 AND registry_status <> 'inactive' ORDER BY id`,
    [householdId],
  );
  return rows.map((r) => r.id);
}

/** The village's facilitator (the first active one by username) to whom a new proposal is assigned. */
export async function selectVillageFacilitator(q: Queryable, villageCode: string): Promise<string | null> {
  const { rows } = await q.query<Cols<'users', 'id'>>(
    `SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
     WHERE r.role = 'facilitator' AND r.area_code = $1 AND u.active ORDER BY u.username LIMIT 1`,
    [villageCode],
  );
  return rows[0]?.id ?? null;
}

/** Another open proposal of the same type on the same person (a second one would only collide). */
export async function selectOpenProposalOn(q: Queryable, personId: string, type: ProposalType): Promise<string | null> {
  const { rows } = await q.query<Cols<'proposals', 'id'>>(
    `SELECT id FROM proposals WHERE person_id = $1 AND type = $2
     AND status IN ('draft', 'awaiting_verification', 'verified', 'reviewed', 'kab_verified', 'needs_review') LIMIT 1`,
    [personId, type],
  );
  return rows[0]?.id ?? null;
}

/** An open enrol or exit proposal about the household's enrolment in the program. */
export async function selectOpenProgramProposal(q: Queryable, householdId: string, program: string): Promise<string | null> {
  const { rows } = await q.query<Cols<'proposals', 'id'>>(
    `SELECT id FROM proposals WHERE household_id = $1 AND type IN ('enrol', 'exit') AND changes->>'program' = $2
     AND status IN ('draft', 'awaiting_verification', 'verified', 'reviewed', 'kab_verified', 'needs_review') LIMIT 1`,
    [householdId, program],
  );
  return rows[0]?.id ?? null;
}

/** A village of the deployment's kabupaten; null when the code is none. */
export async function selectVillageOfKabupaten(q: Queryable, kabupatenCode: string, villageCode: string): Promise<string | null> {
  const { rows } = await q.query<Cols<'areas', 'code'>>(
    `SELECT v.code FROM areas v JOIN areas k ON k.code = v.parent_code
     WHERE v.code = $1 AND v.level = 'village' AND k.parent_code = $2`,
    [villageCode, kabupatenCode],
  );
  return rows[0]?.code ?? null;
}

/** The warnings the facilitator confirmed on a proposal (kept across visits). */
export async function setConfirmWarnings(q: Queryable, id: string, warnings: readonly string[]): Promise<void> {
  await q.query('UPDATE proposals SET confirm_warnings = $2::text[] WHERE id = $1', [id, [...warnings]]);
}

/** The statuses of proposals by id (the round's carry-over). */
export async function selectProposalStatuses<S extends ProposalStatus>(q: Queryable, ids: readonly string[]): Promise<Array<With<Cols<'proposals', 'id'>, { status: S }>>> {
  const { rows } = await q.query<With<Cols<'proposals', 'id'>, { status: S }>>('SELECT id, status FROM proposals WHERE id = ANY($1::uuid[])', [[...ids]]);
  return rows;
}

export async function familyInHousehold(q: Queryable, kabCode: string, familyId: unknown, householdId: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM families WHERE kab_code = $3 AND id = $1 AND household_id = $2', [familyId, householdId, kabCode]);
  return rows.length > 0;
}

/** Does another person of the kabupaten (not `except`) hold this NIK? */
export async function nikTaken(q: Queryable, kabCode: string, nik: string, except: string | null): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM persons WHERE kab_code = $1 AND nik = $2 AND id IS DISTINCT FROM $3::uuid', [kabCode, nik, except]);
  return rows.length > 0;
}
