import type {
  Permission, ReferralOutcome, ReferralPriority, ReferralStatus, ServiceSector, ShareableField,
} from '@slrt/core';
import { areaScopeSql, SqlParams, type Actor } from '../access/actor.ts';
import { inPeriodSql, type Period } from '../db/period.ts';
import type { Queryable, Tx } from '../db/database.ts';
import type { Col, Cols, Count, Exists, Joined, With } from '../db/rows.ts';

/** A referral as referralSelect reads it: its columns and the names shown with them. */
export type ReferralRow = With<Cols<'referrals',
  | 'id' | 'kab_code' | 'village_code' | 'number' | 'tracking_code' | 'case_id' | 'need_id' | 'person_id' | 'service_id'
  | 'organization_id' | 'sector' | 'status' | 'priority' | 'reason' | 'shared_fields' | 'contact_phone' | 'due_date' | 'due_at'
  | 'overdue_at' | 'created_at' | 'created_by' | 'created_by_name' | 'accepted_at' | 'started_at' | 'completed_at' | 'closed_at'
  | 'decline_reason' | 'cancel_reason' | 'outcome' | 'outcome_notes' | 'updated_at'>, {
  sector: ServiceSector;
  shared_fields: ShareableField[];
}> & Joined<{ village_name: Col<'areas', 'name'>; kecamatan_name: Col<'areas', 'name'> }> & {
  case_code: Col<'cases', 'code'>;
  need_request: Col<'case_needs', 'request'>;
  need_urgency: Col<'case_needs', 'urgency'>;
  person_name: Col<'persons', 'full_name'>;
  service_name: Col<'directory_services', 'name'>;
  organization_name: Col<'organizations', 'name'>;
};

/** The resident's fields a referral may share, read at view time (current registry data). */
export type SubjectRow = Cols<'persons',
  'full_name' | 'nik' | 'kk' | 'sex' | 'birth_date' | 'birth_place' | 'pregnant' | 'chronic_illnesses' | 'health_insurance' | 'disability'>
  & Cols<'households', 'address' | 'rt' | 'rw' | 'village_code'>
  & Joined<{ village_name: Col<'areas', 'name'>; kecamatan_name: Col<'areas', 'name'> }>;

/** The referral columns and names shown with them, over `source` as `r` (the table, or a page of it). */
const referralSelect = (source: string) => `
  SELECT r.id, r.kab_code, r.village_code, v.name AS village_name, k.name AS kecamatan_name, r.number, r.tracking_code,
    r.case_id, c.code AS case_code, r.need_id, n.request AS need_request, n.urgency AS need_urgency, r.person_id, pe.full_name AS person_name, r.service_id, s.name AS service_name,
    r.organization_id, o.name AS organization_name, r.sector, r.status, r.priority, r.reason, r.shared_fields, r.contact_phone,
    r.due_date, r.due_at, r.overdue_at, r.created_at, r.created_by, r.created_by_name, r.accepted_at, r.started_at,
    r.completed_at, r.closed_at, r.decline_reason, r.cancel_reason, r.outcome, r.outcome_notes, r.updated_at
  FROM ${source} r
  JOIN cases c ON c.id = r.case_id
  JOIN case_needs n ON n.id = r.need_id
  JOIN persons pe ON pe.id = r.person_id
  JOIN directory_services s ON s.id = r.service_id
  JOIN organizations o ON o.id = r.organization_id
  LEFT JOIN areas v ON v.code = r.village_code
  LEFT JOIN areas k ON k.code = v.parent_code`;
const REFERRAL_SELECT = referralSelect('referrals');

/**
 * The rows `actor` may see under `permission`: staff by the referral's village (their area
 * scope), partner officers by the receiving organization. Default deny.
 */
function referralScopeSql(actor: Actor, permission: Permission, p: SqlParams): string {
  const area = areaScopeSql(actor, permission, p, { kab: 'r.kab_code', village: 'r.village_code' });
  const orgs = actor.organizationsFor(permission);
  if (orgs.length === 0) return area;
  return `(${area} OR r.organization_id = ANY(${p.add(orgs)}::uuid[]))`;
}

export async function selectReferral(q: Queryable, actor: Actor, permission: Permission, id: string, opts: { forUpdate?: boolean } = {}): Promise<ReferralRow | null> {
  const p = new SqlParams();
  const idParam = p.add(id);
  const scope = referralScopeSql(actor, permission, p);
  const { rows } = await q.query<ReferralRow>(
    `${REFERRAL_SELECT} WHERE r.id = ${idParam} AND r.kab_code = ${p.add(actor.kabCode)} AND ${scope}${opts.forUpdate ? ' FOR UPDATE OF r' : ''}`,
    p.values,
  );
  return rows[0] ?? null;
}

/** For callers that checked access their own way (a signed link, the scheduler). */
export async function selectReferralUnscoped(q: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<ReferralRow | null> {
  const { rows } = await q.query<ReferralRow>(`${REFERRAL_SELECT} WHERE r.id = $1${opts.forUpdate ? ' FOR UPDATE OF r' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function selectReferralByTrackingCode(q: Queryable, code: string): Promise<ReferralRow | null> {
  const { rows } = await q.query<ReferralRow>(`${REFERRAL_SELECT} WHERE r.tracking_code = $1`, [code]);
  return rows[0] ?? null;
}

export interface ReferralFilter {
  statuses?: readonly ReferralStatus[] | undefined;
  overdue?: boolean | undefined;
  organizationId?: string | undefined;
  caseId?: string | undefined;
  sector?: ServiceSector | undefined;
  after?: [Date, string] | null;
  limit: number;
}

export async function listReferrals(q: Queryable, actor: Actor, f: ReferralFilter): Promise<ReferralRow[]> {
  const p = new SqlParams();
  const where = [`r.kab_code = ${p.add(actor.kabCode)}`, referralScopeSql(actor, 'referrals.read', p)];
  if (f.statuses?.length) where.push(`r.status = ANY(${p.add(f.statuses)}::text[])`);
  if (f.overdue !== undefined) where.push(f.overdue ? `r.overdue_at IS NOT NULL AND r.status IN ('sent', 'accepted', 'in_service')` : 'r.overdue_at IS NULL');
  if (f.organizationId) where.push(`r.organization_id = ${p.add(f.organizationId)}::uuid`);
  if (f.caseId) where.push(`r.case_id = ${p.add(f.caseId)}::uuid`);
  if (f.sector) where.push(`r.sector = ${p.add(f.sector)}`);
  if (f.after) where.push(`(r.created_at, r.id) < (${p.add(f.after[0])}, ${p.add(f.after[1])}::uuid)`);
  // the page is chosen on referrals alone, then joined: the joins run for its rows only
  const page = `(SELECT r.* FROM referrals r WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id DESC LIMIT ${p.add(f.limit + 1)})`;
  const { rows } = await q.query<ReferralRow>(`${referralSelect(page)} ORDER BY r.created_at DESC, r.id DESC`, p.values);
  return rows;
}

/** Counts by status (and open overdue ones) in the caller's scope: no personal data. */
export async function countReferrals(q: Queryable, actor: Actor, permission: Permission, period: Period | null = null): Promise<{ byStatus: Record<string, number>; overdue: number }> {
  const p = new SqlParams();
  const scope = referralScopeSql(actor, permission, p);
  const sent = period ? ` AND ${inPeriodSql('r.created_at', period, (v) => p.add(v))}` : '';
  const { rows } = await q.query<Cols<'referrals', 'status'> & Count & { overdue: number }>(
    `SELECT r.status, count(*)::int AS n,
       count(*) FILTER (WHERE r.overdue_at IS NOT NULL AND r.status IN ('sent', 'accepted', 'in_service'))::int AS overdue
     FROM referrals r WHERE r.kab_code = ${p.add(actor.kabCode)} AND ${scope}${sent} GROUP BY r.status`,
    p.values,
  );
  const byStatus: Record<string, number> = {};
  let overdue = 0;
  for (const r of rows) {
    byStatus[r.status] = r.n;
    overdue += r.overdue;
  }
  return { byStatus, overdue };
}

export type PartnerStatRow = { organization_id: Col<'organizations', 'id'>; organization_name: Col<'organizations', 'name'> } & {
  /** Counts and averages of the organization's referrals (computed). */
  total: number;
  open: number;
  accepted: number;
  declined: number;
  completed: number;
  cancelled: number;
  overdue: number;
  answered: number;
  avg_hours_to_accept: number | null;
  avg_days_to_complete: number | null;
};

/**
 * Per partner: referrals received, answered, accepted, and the average time to accept and
 * to complete, over referrals from the caller's areas (referrals.board) sent in the period.
 * Aggregates only.
 */
export async function partnerStats(q: Queryable, actor: Actor, period: Period): Promise<PartnerStatRow[]> {
  const p = new SqlParams();
  const where = [`r.kab_code = ${p.add(actor.kabCode)}`, areaScopeSql(actor, 'referrals.board', p, { kab: 'r.kab_code', village: 'r.village_code' })];
  where.push(inPeriodSql('r.created_at', period, (v) => p.add(v)));
  const { rows } = await q.query<PartnerStatRow>(
    `SELECT r.organization_id, o.name AS organization_name, count(*)::int AS total,
       count(*) FILTER (WHERE r.status IN ('sent', 'accepted', 'in_service'))::int AS open,
       count(*) FILTER (WHERE r.accepted_at IS NOT NULL)::int AS accepted,
       count(*) FILTER (WHERE r.status = 'declined')::int AS declined,
       count(*) FILTER (WHERE r.status = 'completed')::int AS completed,
       count(*) FILTER (WHERE r.status = 'cancelled')::int AS cancelled,
       count(*) FILTER (WHERE r.overdue_at IS NOT NULL AND r.status IN ('sent', 'accepted', 'in_service'))::int AS overdue,
       count(*) FILTER (WHERE r.accepted_at IS NOT NULL OR r.status = 'declined')::int AS answered,
       (avg(extract(epoch FROM r.accepted_at - r.created_at)) / 3600)::float8 AS avg_hours_to_accept,
       (avg(extract(epoch FROM r.completed_at - r.created_at)) FILTER (WHERE r.status = 'completed') / 86400)::float8 AS avg_days_to_complete
     FROM referrals r JOIN organizations o ON o.id = r.organization_id
     WHERE ${where.join(' AND ')}
     GROUP BY r.organization_id, o.name ORDER BY o.name`,
    p.values,
  );
  return rows;
}

export async function selectSubject(q: Queryable, kabCode: string, personId: string): Promise<SubjectRow | null> {
  const { rows } = await q.query<SubjectRow>(
    `SELECT p.full_name, p.nik, p.kk, p.sex, p.birth_date, p.birth_place, h.address, h.rt, h.rw, h.village_code, v.name AS village_name,
       k.name AS kecamatan_name, p.pregnant, p.chronic_illnesses, p.health_insurance, p.disability
     FROM persons p JOIN households h ON h.kab_code = p.kab_code AND h.id = p.household_id
     LEFT JOIN areas v ON v.code = h.village_code LEFT JOIN areas k ON k.code = v.parent_code
     WHERE p.kab_code = $2 AND p.id = $1`,
    [personId, kabCode],
  );
  return rows[0] ?? null;
}

/** The next referral serial of a kabupaten and year; the upsert's row lock orders concurrent senders. */
export async function nextReferralSerial(tx: Tx, kabCode: string, year: number): Promise<number> {
  const { rows } = await tx.query<Cols<'referral_counters', 'last_serial'>>(
    `INSERT INTO referral_counters (kab_code, year, last_serial) VALUES ($1, $2, 1)
     ON CONFLICT (kab_code, year) DO UPDATE SET last_serial = referral_counters.last_serial + 1
     RETURNING last_serial`,
    [kabCode, year],
  );
  return rows[0]!.last_serial;
}

export interface NewReferral {
  id: string; kabCode: string; villageCode: string; number: string; trackingCode: string; caseId: string; needId: string;
  personId: string; serviceId: string; organizationId: string; sector: string; priority: ReferralPriority; reason: string;
  sharedFields: readonly string[]; contactPhone: string | null; dueDate: string; dueAt: Date; createdBy: string; createdByName: string;
}

export async function insertReferral(tx: Tx, r: NewReferral) {
  await tx.query(
    `INSERT INTO referrals (id, kab_code, village_code, number, tracking_code, case_id, need_id, person_id, service_id,
       organization_id, sector, status, priority, reason, shared_fields, contact_phone, due_date, due_at, created_by, created_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'sent', $12, $13, $14, $15, $16, $17, $18, $19)`,
    [r.id, r.kabCode, r.villageCode, r.number, r.trackingCode, r.caseId, r.needId, r.personId, r.serviceId, r.organizationId,
      r.sector, r.priority, r.reason, r.sharedFields, r.contactPhone, r.dueDate, r.dueAt, r.createdBy, r.createdByName],
  );
}

/** Moves a referral to `to`, stamping the time columns of the step. */
export async function updateReferralStatus(tx: Tx, id: string, to: ReferralStatus, fields: {
  declineReason?: string; cancelReason?: string; outcome?: ReferralOutcome; outcomeNotes?: string | null;
}) {
  await tx.query(
    `UPDATE referrals SET status = $2::text, updated_at = now(),
       accepted_at = CASE WHEN $2::text IN ('accepted', 'completed') THEN coalesce(accepted_at, now()) ELSE accepted_at END,
       started_at = CASE WHEN $2::text = 'in_service' THEN now() ELSE started_at END,
       completed_at = CASE WHEN $2::text = 'completed' THEN now() ELSE completed_at END,
       closed_at = CASE WHEN $2::text IN ('completed', 'declined', 'cancelled') THEN now() ELSE closed_at END,
       decline_reason = coalesce($3, decline_reason), cancel_reason = coalesce($4, cancel_reason),
       outcome = coalesce($5, outcome), outcome_notes = coalesce($6, outcome_notes)
     WHERE id = $1`,
    [id, to, fields.declineReason ?? null, fields.cancelReason ?? null, fields.outcome ?? null, fields.outcomeNotes ?? null],
  );
}

export interface ReferralEventInput {
  id: string; kabCode: string; villageCode: string; referralId: string; actorId: string | null; actorName: string | null;
  actorKind: 'user' | 'token' | 'link' | 'system'; action: string; fromStatus?: ReferralStatus | null; toStatus?: ReferralStatus | null;
  note?: string | null; details?: Record<string, unknown> | null; actorPosition?: string | null;
}

export async function insertReferralEvent(tx: Queryable, e: ReferralEventInput) {
  await tx.query(
    `INSERT INTO referral_events (id, kab_code, village_code, referral_id, actor_id, actor_name, actor_kind, action, from_status, to_status, note, details, actor_position)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [e.id, e.kabCode, e.villageCode, e.referralId, e.actorId, e.actorName, e.actorKind, e.action, e.fromStatus ?? null,
      e.toStatus ?? null, e.note ?? null, e.details ? JSON.stringify(e.details) : null, e.actorPosition ?? null],
  );
}

export type ReferralEventRow = With<Cols<'referral_events', 'at' | 'action' | 'from_status' | 'to_status' | 'actor_name' | 'actor_position' | 'actor_kind' | 'note'>, {
  from_status: ReferralStatus | null;
  to_status: ReferralStatus | null;
}>;

export async function selectReferralEvents(q: Queryable, referralId: string): Promise<ReferralEventRow[]> {
  const { rows } = await q.query<ReferralEventRow>(
    'SELECT at, action, from_status, to_status, actor_name, actor_position, actor_kind, note FROM referral_events WHERE referral_id = $1 ORDER BY at, id',
    [referralId],
  );
  return rows;
}

/** True when the case's consent to share with partners was withdrawn, wholly or for this organization. */
export async function sharingWithdrawn(q: Queryable, caseId: string, organizationId: string): Promise<boolean> {
  const { rows } = await q.query<Exists>(
    `SELECT EXISTS (SELECT 1 FROM case_consents x WHERE x.case_id = $1 AND x.purpose = 'share_with_partners'
       AND (x.withdrawn_at IS NOT NULL OR EXISTS (SELECT 1 FROM consent_partner_withdrawals w WHERE w.consent_id = x.id AND w.organization_id = $2))) AS ok`,
    [caseId, organizationId],
  );
  return rows[0]?.ok === true;
}

/** Is a referral of this need still open (sent, accepted or in service)? */
export async function needHasOpenReferral(q: Queryable, needId: string): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM referrals WHERE need_id = $1 AND status IN ('sent', 'accepted', 'in_service')`, [needId]);
  return rows.length > 0;
}
