import { kabCodeOf, type AreaLevel } from '@slrt/core';
import { areaScopeSql, SqlParams, type Actor } from '../access/actor.ts';
import type { Queryable } from '../db/database.ts';
import type { Col, Cols, Count, VillageNames } from '../db/rows.ts';
import { inPeriodSql, type Period } from '../db/period.ts';
import { READ_SOURCE_COLUMNS, toReadSource, type ReadSource } from '../db/replica.ts';

/**
 * The dashboard's SQL: aggregates only. Every query counts rows of one area that also lie in
 * the actor's scope for `stats.read` (`areaScopeSql`), grouped by the area's child (kecamatan
 * of a kabupaten, village of a kecamatan) so that totals are the sums of the rows and the
 * breakdown comes from the same scan. No query selects a name, a NIK or a record id of a
 * resident or an officer.
 */

export interface AreaRef {
  code: string;
  level: AreaLevel;
}

/** `col` (a timestamptz) falls on a local day between `from` and `to`, inclusive. */
function inPeriod(col: string, period: Period, p: SqlParams): string {
  return inPeriodSql(col, period, (v) => p.add(v));
}

const OPEN_CASE = `c.status NOT IN ('resolved', 'closed')`;
const CASE_OVERDUE = `(${OPEN_CASE} AND c.first_action_at IS NULL AND c.due_at < now())`;
const OPEN_REFERRAL = `r.status IN ('sent', 'accepted', 'in_service')`;
/** Open past its due date: live, whether or not the minute scan has marked it yet. */
const REFERRAL_OVERDUE = `(${OPEN_REFERRAL} AND r.due_at < now())`;
const DAY = 86400;

/** Length of the child-area code inside a dotted village code: `32.04` -> 8 (`32.04.05`). */
function childCodeLength(level: AreaLevel): number | null {
  switch (level) {
    case 'province': return 5;
    case 'kabupaten': return 8;
    case 'kecamatan': return 13;
    case 'village': return null;
  }
}

/** The SQL expression of a row's child area (the village itself for a village or a kecamatan). */
function childOf(area: AreaRef, col: string): string {
  const len = childCodeLength(area.level);
  return len === null || len === 13 ? col : `left(${col}, ${len})`;
}

/** The child area of a village code, in JS (same rule as `childOf`). */
export function childOfVillage(area: AreaRef, village: string): string {
  const len = childCodeLength(area.level);
  return len === null ? village : village.slice(0, len);
}

/** Rows inside `area` and inside the actor's scope for stats.read. */
function within(actor: Actor, area: AreaRef, p: SqlParams, cols: { kab: string; village: string }): string {
  const scope = areaScopeSql(actor, 'stats.read', p, cols);
  let inArea: string;
  switch (area.level) {
    case 'province':
      inArea = `${cols.kab} LIKE ${p.add(`${area.code}%`)}`;
      break;
    case 'kabupaten':
      inArea = `${cols.kab} = ${p.add(kabCodeOf(area.code))}`;
      break;
    case 'kecamatan':
      inArea = `${cols.kab} = ${p.add(kabCodeOf(area.code))} AND ${cols.village} LIKE ${p.add(`${area.code}.%`)}`;
      break;
    case 'village':
      inArea = `${cols.kab} = ${p.add(kabCodeOf(area.code))} AND ${cols.village} = ${p.add(area.code)}`;
      break;
  }
  return `${scope} AND ${inArea}`;
}

const on = (alias: string) => ({ kab: `${alias}.kab_code`, village: `${alias}.village_code` });

export interface ResidentGroup {
  child: string;
  status: string;
  /** Desil band of active residents; null for inactive ones. */
  band: string | null;
  n: number;
}

/**
 * Residents per child area, registry status and desil band, from the counts kept by triggers
 * (migration 0190) and the changes not yet folded into them: no scan of persons.
 */
export async function residentGroups(q: Queryable, actor: Actor, area: AreaRef): Promise<ResidentGroup[]> {
  const p = new SqlParams();
  const { rows } = await q.query<ResidentGroup>(residentGroupsSql(actor, area, p), p.values);
  return rows;
}

function residentGroupsSql(actor: Actor, area: AreaRef, p: SqlParams): string {
  return `SELECT ${childOf(area, 'x.village_code')} AS child, x.registry_status AS status,
       CASE WHEN x.band = '-' THEN NULL ELSE x.band END AS band,
       sum(x.n)::int AS n
     FROM (SELECT kab_code, village_code, registry_status, band, n FROM person_counts
           UNION ALL
           SELECT kab_code, village_code, registry_status, band, n FROM person_count_deltas) x
     WHERE ${within(actor, area, p, on('x'))}
     GROUP BY 1, 2, 3 HAVING sum(x.n) <> 0`;
}

/**
 * Folds the appended changes into the resident counts, in one transaction: the rows deleted
 * are exactly the ones added (a change committed meanwhile waits for the next fold).
 */
export async function foldPersonCounts(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ folded: number }>(
    `WITH d AS (DELETE FROM person_count_deltas RETURNING kab_code, village_code, registry_status, band, n),
     sums AS (SELECT kab_code, village_code, registry_status, band, sum(n) AS n, count(*) AS rows FROM d GROUP BY 1, 2, 3, 4),
     up AS (INSERT INTO person_counts (kab_code, village_code, registry_status, band, n)
            SELECT kab_code, village_code, registry_status, band, n FROM sums
            ON CONFLICT (kab_code, village_code, registry_status, band) DO UPDATE SET n = person_counts.n + excluded.n)
     SELECT coalesce(sum(rows), 0)::int AS folded FROM sums`,
  );
  await q.query('DELETE FROM person_counts WHERE n = 0');
  return rows[0]?.folded ?? 0;
}

interface CaseGroup {
  child: string;
  status: string;
  n: number;
  overdue: number;
  fast_track: number;
  fast_track_open: number;
  escalated_open: number;
}

function caseGroupsSql(actor: Actor, area: AreaRef, period: Period, p: SqlParams): string {
  return `SELECT ${childOf(area, 'c.village_code')} AS child, c.status, count(*)::int AS n,
       count(*) FILTER (WHERE ${CASE_OVERDUE})::int AS overdue,
       count(*) FILTER (WHERE c.fast_track)::int AS fast_track,
       count(*) FILTER (WHERE c.fast_track AND ${OPEN_CASE})::int AS fast_track_open,
       count(*) FILTER (WHERE ${OPEN_CASE} AND c.level <> 'village')::int AS escalated_open
     FROM cases c WHERE ${within(actor, area, p, on('c'))} AND ${inPeriod('c.registered_at', period, p)}
     GROUP BY 1, 2`;
}

/** Medians in days (computed). */
interface CaseMedians { first_action: number | null; to_close: number | null }

/** Medians in days: registration to first action (cases acted on) and to resolve/close (finished cases). */
function caseMediansSql(actor: Actor, area: AreaRef, period: Period, p: SqlParams): string {
  return `SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_action_at - c.registered_at)::float8) / ${DAY})::float8 AS first_action,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM coalesce(c.resolved_at, c.closed_at) - c.registered_at)::float8) / ${DAY})::float8 AS to_close
     FROM cases c WHERE ${within(actor, area, p, on('c'))} AND ${inPeriod('c.registered_at', period, p)}`;
}

type SectorLoad = Cols<'case_needs', 'sector'> & { total: number; open: number };

/**
 * Per sector: cases with at least one need in it, and of those the open ones. Each case and
 * sector once (a hashed DISTINCT), then counted: two `count(DISTINCT)` sorted the pairs twice
 * (the costliest section of the kabupaten dashboard on PGlite).
 */
function caseSectorsSql(actor: Actor, area: AreaRef, period: Period, p: SqlParams): string {
  return `SELECT s.sector, count(*)::int AS total, count(*) FILTER (WHERE s.open)::int AS open
     FROM (SELECT DISTINCT n.sector, c.id, ${OPEN_CASE} AS open
           FROM cases c JOIN case_needs n ON n.case_id = c.id
           WHERE ${within(actor, area, p, on('c'))} AND ${inPeriod('c.registered_at', period, p)}) s
     GROUP BY s.sector`;
}

type VillageLoad = { code: Col<'cases', 'village_code'>; open: number; overdue: number };

/** Per village: open cases the village's Puskesos handles (not escalated) and how many are overdue. */
function villageCaseLoadSql(actor: Actor, area: AreaRef, p: SqlParams): string {
  return `SELECT c.village_code AS code, count(*)::int AS open, count(*) FILTER (WHERE ${CASE_OVERDUE})::int AS overdue
     FROM cases c WHERE ${within(actor, area, p, on('c'))} AND ${OPEN_CASE} AND c.level = 'village'
     GROUP BY 1`;
}

interface ReferralGroup {
  child: string;
  status: string;
  n: number;
  overdue: number;
}

function referralGroupsSql(actor: Actor, area: AreaRef, period: Period, p: SqlParams): string {
  return `SELECT ${childOf(area, 'r.village_code')} AS child, r.status, count(*)::int AS n, count(*) FILTER (WHERE ${REFERRAL_OVERDUE})::int AS overdue
     FROM referrals r WHERE ${within(actor, area, p, on('r'))} AND ${inPeriod('r.created_at', period, p)}
     GROUP BY 1, 2`;
}

interface ReferralTimes {
  accepted: number;
  answered: number;
  to_accept: number | null;
  to_complete: number | null;
}

/** Acceptance (accepted of those answered) and medians in days from sending to acceptance and to completion. */
function referralTimesSql(actor: Actor, area: AreaRef, period: Period, p: SqlParams): string {
  return `SELECT count(*) FILTER (WHERE r.accepted_at IS NOT NULL)::int AS accepted,
       count(*) FILTER (WHERE r.accepted_at IS NOT NULL OR r.status = 'declined')::int AS answered,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.accepted_at - r.created_at)::float8) / ${DAY})::float8 AS to_accept,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY CASE WHEN r.status = 'completed' THEN extract(epoch FROM r.completed_at - r.created_at)::float8 END) / ${DAY})::float8 AS to_complete
     FROM referrals r WHERE ${within(actor, area, p, on('r'))} AND ${inPeriod('r.created_at', period, p)}`;
}

interface PartnerGroup {
  name: string;
  sent: number;
  accepted: number;
  completed: number;
  declined: number;
  open: number;
  overdue: number;
  answered: number;
}

/** Per partner organization: the area's referrals to it and how it answered them (the most sent to first). */
function partnerGroupsSql(actor: Actor, area: AreaRef, period: Period, p: SqlParams): string {
  return `SELECT o.name, count(*)::int AS sent,
       count(*) FILTER (WHERE r.accepted_at IS NOT NULL)::int AS accepted,
       count(*) FILTER (WHERE r.status = 'completed')::int AS completed,
       count(*) FILTER (WHERE r.status = 'declined')::int AS declined,
       count(*) FILTER (WHERE ${OPEN_REFERRAL})::int AS open,
       count(*) FILTER (WHERE ${REFERRAL_OVERDUE})::int AS overdue,
       count(*) FILTER (WHERE r.accepted_at IS NOT NULL OR r.status = 'declined')::int AS answered
     FROM referrals r JOIN organizations o ON o.id = r.organization_id
     WHERE ${within(actor, area, p, on('r'))} AND ${inPeriod('r.created_at', period, p)}
     GROUP BY o.id, o.name`;
}

type ProposalGroup = Pick<ReferralGroup, 'child' | 'status' | 'n'>;

function proposalGroupsSql(actor: Actor, area: AreaRef, period: Period, p: SqlParams): string {
  return `SELECT ${childOf(area, 'x.village_code')} AS child, x.status, count(*)::int AS n
     FROM proposals x WHERE ${within(actor, area, p, on('x'))} AND ${inPeriod('x.created_at', period, p)}
     GROUP BY 1, 2`;
}

/**
 * Puskesos officer accounts per village: active users holding a Puskesos role (officer or
 * coordinator) scoped to exactly that village. Counts only: no user is named.
 */
/** The join on areas rules out a role without an area. */
type OfficerCount = { code: NonNullable<Col<'user_roles', 'area_code'>> } & Count;

function officerCountsSql(actor: Actor, area: AreaRef, p: SqlParams): string {
  return `SELECT ur.area_code AS code, count(DISTINCT ur.user_id)::int AS n
     FROM user_roles ur JOIN users u ON u.id = ur.user_id JOIN areas a ON a.code = ur.area_code
     WHERE u.active AND a.level = 'village' AND ur.role IN ('puskesos_officer', 'puskesos_coordinator')
       AND ${within(actor, area, p, { kab: 'u.kab_code', village: 'ur.area_code' })}
     GROUP BY ur.area_code`;
}

/** The child areas listed side by side (the village itself when the area is a village: no query). */
function childAreasSql(area: AreaRef, p: SqlParams): string | null {
  if (area.level === 'village') return null;
  return `SELECT code, name FROM areas WHERE parent_code = ${p.add(area.code)}`;
}

/**
 * The villages of the area with their kecamatan's name (village names repeat across kecamatan),
 * found down the parent codes: a `LIKE` on the code with the pattern as a parameter read every
 * area of the country once the statement ran prepared with a generic plan (4.5 of the
 * kabupaten dashboard's 18 ms on PGlite).
 */
function villagesInSql(area: AreaRef, p: SqlParams): string {
  const code = p.add(area.code);
  const where = {
    village: `v.code = ${code}`,
    kecamatan: `v.parent_code = ${code}`,
    kabupaten: `k.parent_code = ${code}`,
    province: `k.parent_code IN (SELECT kb.code FROM areas kb WHERE kb.parent_code = ${code})`,
  }[area.level];
  return `SELECT v.code, v.name, k.name AS kecamatan_name
     FROM areas v JOIN areas k ON k.code = v.parent_code
     WHERE v.level = 'village' AND ${where}`;
}

type AreaName = Cols<'areas', 'code' | 'name'>;

export interface OverviewData {
  source: ReadSource;
  residents: ResidentGroup[];
  cases: CaseGroup[];
  caseMedians: CaseMedians;
  sectors: SectorLoad[];
  load: VillageLoad[];
  referrals: ReferralGroup[];
  referralTimes: ReferralTimes;
  partners: PartnerGroup[];
  proposals: ProposalGroup[];
  officers: OfficerCount[];
  children: AreaName[];
  villages: Array<AreaName & Pick<VillageNames, 'kecamatan_name'>>;
}

/** A section's rows as one JSON array (in `order`), or its one row as a JSON object. */
const rowsJson = (sql: string, order?: string) => `(SELECT coalesce(json_agg(t${order ? ` ORDER BY ${order}` : ''}), '[]'::json) FROM (${sql}) t)`;
const rowJson = (sql: string) => `(SELECT row_to_json(t) FROM (${sql}) t)`;

/**
 * Every section of the dashboard of `area` in one statement, each a subquery turned into JSON:
 * one snapshot (a statement sees one, so the sections add up to each other while cases move)
 * and one round trip, where a transaction of fourteen statements cost a fixed share of every
 * dashboard (most of a village's, issue 19). Also where it ran (`READ_SOURCE_COLUMNS`).
 */
export async function overviewData(q: Queryable, actor: Actor, area: AreaRef & { name: string }, period: Period): Promise<OverviewData> {
  const p = new SqlParams();
  const children = childAreasSql(area, p);
  const sections: Record<Exclude<keyof OverviewData, 'source'>, string> = {
    residents: rowsJson(residentGroupsSql(actor, area, p)),
    cases: rowsJson(caseGroupsSql(actor, area, period, p)),
    caseMedians: rowJson(caseMediansSql(actor, area, period, p)),
    sectors: rowsJson(caseSectorsSql(actor, area, period, p)),
    load: rowsJson(villageCaseLoadSql(actor, area, p)),
    referrals: rowsJson(referralGroupsSql(actor, area, period, p)),
    referralTimes: rowJson(referralTimesSql(actor, area, period, p)),
    partners: rowsJson(partnerGroupsSql(actor, area, period, p), 't.sent DESC, t.name'),
    proposals: rowsJson(proposalGroupsSql(actor, area, period, p)),
    officers: rowsJson(officerCountsSql(actor, area, p)),
    children: children ? rowsJson(children, 't.code') : `'[]'::json`,
    villages: rowsJson(villagesInSql(area, p), 't.code'),
  };
  const { rows } = await q.query<Omit<OverviewData, 'source'> & { standby: boolean; lag: number | null }>(
    `SELECT ${READ_SOURCE_COLUMNS},
       ${Object.entries(sections).map(([name, sql]) => `${sql} AS "${name}"`).join(',\n       ')}`,
    p.values,
  );
  const { standby, lag, ...data } = rows[0]!;
  return {
    ...data,
    source: toReadSource({ standby, lag }),
    children: children ? data.children : [{ code: area.code, name: area.name }],
  };
}
