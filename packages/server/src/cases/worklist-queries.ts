import {
  decideScopesOf, workingLevelOf, type CaseLevel, type CaseListName, type CaseStatus, type Sector,
} from '@slrt/core';
import { areaScopeSql, SqlParams, type Actor } from '../access/actor.ts';
import { inPeriodSql, type Period } from '../db/period.ts';
import type { Queryable } from '../db/database.ts';
import type { Cols, With } from '../db/rows.ts';
import { caseSelectFrom, type CaseRow } from './queries.ts';

/**
 * Worklists, counts and the supervisors' board: every query scoped to the actor's area for
 * cases.read, then narrowed by the list's rule.
 */

const OPEN = `c.status NOT IN ('resolved', 'closed')`;

function villageMatch(col: string, area: string, params: SqlParams): string {
  return `(${col} = ${params.add(area)} OR ${col} LIKE ${params.add(`${area}.%`)})`;
}

/** The SQL condition of one worklist for this actor. */
function listCondition(actor: Actor, list: CaseListName, params: SqlParams): string {
  switch (list) {
    case 'all':
      return 'TRUE';
    case 'open':
      return OPEN;
    case 'new':
      return `c.status = 'registered'`;
    case 'mine':
      return `(${OPEN} AND c.assigned_to = ${params.add(actor.userId)})`;
    case 'overdue':
      return `(${OPEN} AND c.first_action_at IS NULL AND c.due_at < now())`;
    case 'decide': {
      const scopes = decideScopesOf(actor.grants);
      if (!scopes.length) return 'FALSE';
      const parts = scopes.map((s) => `(${villageMatch('c.village_code', s.areaCode, params)} AND c.level = ANY(${params.add(s.levels)}::text[]))`);
      // a need escalated apart from its case waits for the decision of the level holding it
      const needParts = scopes.map((s) => `(${villageMatch('c.village_code', s.areaCode, params)} AND EXISTS (SELECT 1 FROM case_needs n WHERE n.case_id = c.id
        AND n.level = ANY(${params.add(s.levels)}::text[]) AND n.decision IS NULL AND n.status = 'open'))`);
      return `((c.status = 'recommended' AND (${parts.join(' OR ')})) OR (${OPEN} AND (${needParts.join(' OR ')})))`;
    }
    case 'returned':
      return `(c.status = 'in_progress' AND EXISTS (SELECT 1 FROM case_needs n WHERE n.case_id = c.id AND n.status = 'open' AND n.returned_at IS NOT NULL))`;
    case 'escalated': {
      const level = workingLevelOf(actor.grants);
      if (level === null || level === 'village') return 'FALSE';
      // the case, or one of its needs escalated apart (issue 12), held at the actor's level
      const at = params.add(level);
      return `(${OPEN} AND (c.level = ${at} OR EXISTS (SELECT 1 FROM case_needs n WHERE n.case_id = c.id AND n.level = ${at} AND n.status IN ('open', 'in_progress'))))`;
    }
  }
}

export interface ListFilter {
  list: CaseListName;
  sector?: Sector | undefined;
  status?: CaseStatus | undefined;
  level?: CaseLevel | undefined;
  area?: string | undefined;
  personId?: string | undefined;
  householdId?: string | undefined;
  ids?: readonly string[] | undefined;
}

function whereOf(actor: Actor, f: ListFilter, params: SqlParams): string {
  const where = [areaScopeSql(actor, 'cases.read', params, { kab: 'c.kab_code', village: 'c.village_code' }), listCondition(actor, f.list, params)];
  if (f.sector) where.push(`EXISTS (SELECT 1 FROM case_needs n WHERE n.case_id = c.id AND n.sector = ${params.add(f.sector)})`);
  if (f.status) where.push(`c.status = ${params.add(f.status)}`);
  if (f.level) where.push(`c.level = ${params.add(f.level)}`);
  if (f.area) where.push(villageMatch('c.village_code', f.area, params));
  if (f.personId) where.push(`c.person_id = ${params.add(f.personId)}`);
  if (f.householdId) where.push(`c.household_id = ${params.add(f.householdId)}`);
  if (f.ids) where.push(`c.id = ANY(${params.add(f.ids)}::uuid[])`);
  return where.join(' AND ');
}

/** A case of a list: its sectors, and its needs held apart at a higher level (read as JSON). */
export type ListedCase = CaseRow & {
  sectors: Sector[];
  escalated_needs?: Array<With<Cols<'case_needs', 'id' | 'sector' | 'level' | 'decision'>, { sector: Sector; level: CaseLevel }>>;
};

export type ListOrder = 'priority' | 'recent';

/** Keyset position of the last row of a page. */
export type ListCursor = { order: 'priority'; fastTrack: boolean; dueAt: string; id: string } | { order: 'recent'; id: string };

/**
 * A page of cases. `priority`: fast track first, then the nearest deadline (the working
 * order of a queue); `recent`: newest first (a household's history).
 */
export async function selectCases(q: Queryable, actor: Actor, f: ListFilter, page: { order: ListOrder; after?: ListCursor | null; limit: number }): Promise<ListedCase[]> {
  const params = new SqlParams();
  const where = [whereOf(actor, f, params)];
  let order: string;
  if (page.order === 'priority') {
    order = '(CASE WHEN c.fast_track THEN 0 ELSE 1 END), c.due_at, c.id';
    if (page.after?.order === 'priority') {
      where.push(`((CASE WHEN c.fast_track THEN 0 ELSE 1 END), c.due_at, c.id) > (${params.add(page.after.fastTrack ? 0 : 1)}::int, ${params.add(page.after.dueAt)}::timestamptz, ${params.add(page.after.id)}::uuid)`);
    }
  } else {
    order = 'c.id DESC';
    if (page.after?.order === 'recent') where.push(`c.id < ${params.add(page.after.id)}::uuid`);
  }
  const limit = params.add(page.limit);
  const { rows } = await q.query<ListedCase>(
    // the page is chosen on cases alone (the partial indexes of 0023 give the priority order),
    // then only its rows are joined to persons, areas and users
    `SELECT x.*, coalesce((SELECT array_agg(DISTINCT n.sector) FROM case_needs n WHERE n.case_id = x.id), '{}') AS sectors,
       coalesce((SELECT json_agg(json_build_object('id', n.id, 'sector', n.sector, 'level', n.level, 'decision', n.decision) ORDER BY n.position)
         FROM case_needs n WHERE n.case_id = x.id AND n.level IS NOT NULL AND n.status IN ('open', 'in_progress')), '[]') AS escalated_needs
     FROM (${caseSelectFrom(`(SELECT c.* FROM cases c WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit})`)}) x`,
    params.values,
  );
  // the subquery's order does not survive the outer SELECT everywhere: sort again
  return rows.sort(page.order === 'priority'
    ? (a, b) => Number(b.fast_track) - Number(a.fast_track) || a.due_at.getTime() - b.due_at.getTime() || (a.id < b.id ? -1 : 1)
    : (a, b) => (a.id < b.id ? 1 : -1));
}

export async function countCases(q: Queryable, actor: Actor, area?: string) {
  const params = new SqlParams();
  const scope = whereOf(actor, { list: 'all', area }, params);
  const lists = ['new', 'mine', 'decide', 'returned', 'overdue', 'escalated', 'open'] as const;
  const filters = lists.map((l) => `count(*) FILTER (WHERE ${listCondition(actor, l, params)})::int AS "${l}"`);
  const { rows } = await q.query<Record<(typeof lists)[number], number>>(`SELECT ${filters.join(', ')} FROM cases c WHERE ${scope}`, params.values);
  const sectorParams = new SqlParams();
  const sectorScope = whereOf(actor, { list: 'open', area }, sectorParams);
  const bySector = await q.query<Cols<'case_needs', 'sector'> & { n: number }>(
    `SELECT n.sector, count(DISTINCT c.id)::int AS n FROM cases c JOIN case_needs n ON n.case_id = c.id WHERE ${sectorScope} GROUP BY n.sector ORDER BY n.sector`,
    sectorParams.values,
  );
  return { ...rows[0]!, bySector: Object.fromEntries(bySector.rows.map((r) => [r.sector, r.n])) };
}

export interface BoardRowDb {
  code: string;
  name: string;
  open: number;
  new: number;
  overdue: number;
  awaiting_decision: number;
  escalated: number;
  resolved_30d: number;
  registered: number;
  resolved: number;
}

/**
 * One row per child area of `area` (villages of a kecamatan, kecamatan of a kabupaten), or
 * the village itself, with the counts of the actor's cases there; areas without cases show zeros.
 * The cases are counted first, grouped by the child area their village code begins with, and
 * only the groups are joined to the areas; only open cases and those resolved in the last 30
 * days are read (partial indexes), not the closed history.
 */
export async function selectBoard(q: Queryable, actor: Actor, area: { code: string; level: string }, period: Period): Promise<BoardRowDb[]> {
  const params = new SqlParams();
  const byVillage = area.level === 'village' || area.level === 'kecamatan';
  // a child's dotted code is its parent's and one more segment: '32.04' -> '32.04.05' (8 characters)
  const childCode = byVillage ? 'c.village_code' : `left(c.village_code, ${area.code.length + 3})`;
  const inArea = area.level === 'village' ? `c.village_code = ${params.add(area.code)}` : `c.village_code LIKE ${params.add(`${area.code}.%`)}`;
  const areaWhere = area.level === 'village' ? `a.code = ${params.add(area.code)}` : `a.parent_code = ${params.add(area.code)}`;
  const scope = areaScopeSql(actor, 'cases.read', params, { kab: 'c.kab_code', village: 'c.village_code' });
  const recent = `c.resolved_at > now() - interval '30 days'`;
  const registered = inPeriodSql('c.registered_at', period, (v) => params.add(v));
  const resolved = inPeriodSql('c.resolved_at', period, (v) => params.add(v));
  const { rows } = await q.query<BoardRowDb>(
    `WITH counts AS (
       SELECT ${childCode} AS code,
         count(*) FILTER (WHERE ${OPEN}) AS open,
         count(*) FILTER (WHERE c.status = 'registered') AS new,
         count(*) FILTER (WHERE ${OPEN} AND c.first_action_at IS NULL AND c.due_at < now()) AS overdue,
         count(*) FILTER (WHERE c.status = 'recommended') AS awaiting_decision,
         count(*) FILTER (WHERE ${OPEN} AND (c.level <> 'village' OR EXISTS (SELECT 1 FROM case_needs n WHERE n.case_id = c.id AND n.level IS NOT NULL AND n.status IN ('open', 'in_progress')))) AS escalated,
         count(*) FILTER (WHERE ${recent}) AS resolved_30d,
         count(*) FILTER (WHERE ${registered}) AS registered,
         count(*) FILTER (WHERE ${resolved}) AS resolved
       FROM cases c
       WHERE ${scope} AND ${inArea} AND (${OPEN} OR ${recent} OR (${registered}) OR (${resolved}))
       GROUP BY 1
     )
     SELECT a.code, a.name, coalesce(n.open, 0)::int AS open, coalesce(n.new, 0)::int AS new, coalesce(n.overdue, 0)::int AS overdue,
       coalesce(n.awaiting_decision, 0)::int AS awaiting_decision, coalesce(n.escalated, 0)::int AS escalated,
       coalesce(n.resolved_30d, 0)::int AS resolved_30d, coalesce(n.registered, 0)::int AS registered, coalesce(n.resolved, 0)::int AS resolved
     FROM areas a LEFT JOIN counts n ON n.code = a.code
     WHERE ${areaWhere}
     ORDER BY a.code`,
    params.values,
  );
  return rows;
}
