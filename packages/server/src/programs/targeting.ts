import {
  areaLevel, describeFinding, evaluateRule, normalizeAreaCode, SMALL_COUNT_MAX, suppressSmallCounts, versionInForce,
  type Locale, type Permission, type ProgramStats, type ProgramStatsRow, type TargetingItem, type TargetingKind, type TargetingList,
} from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { fieldError, notFound } from '../http/errors.ts';
import { loadCatalog, programEntry, todayFor, type CatalogEntry } from './catalog.ts';
import { areaHouseholds, programsInForce } from './screening.ts';
import { selectAreaEnrollments, selectAreaNames } from './screening-queries.ts';

/**
 * Targeting lists: for one program and area, the households eligible under the rule in force
 * but not enrolled (exclusion error) and those enrolled but not eligible (inclusion error),
 * each with the reasons. And the same counts for every program (statistics), small counts
 * suppressed for readers without personal-data access.
 */

/** The area asked for (default: the caller's widest for `permission`); 404 outside the caller's scope. */
async function resolveArea(db: Queryable, ctx: RequestContext, permission: Permission, input: string | undefined): Promise<{ code: string; name: string }> {
  let code: string | null | undefined;
  if (input === undefined || input.trim() === '') code = ctx.actor.areasFor(permission).sort((a, b) => a.length - b.length)[0];
  else {
    code = normalizeAreaCode(input);
    if (code === null) throw fieldError('area', 'field.invalid_format');
  }
  const level = code ? areaLevel(code) : null;
  if (!code || level === null || level === 'province' || !ctx.actor.coversArea(permission, code)) throw notFound();
  const names = await selectAreaNames(db, [code]);
  const name = names.get(code);
  if (name === undefined) throw notFound();
  return { code, name };
}

interface Row { item: TargetingItem; kind: TargetingKind }

async function* classify(db: Queryable, entry: CatalogEntry, area: string, date: string, locale: Locale): AsyncGenerator<Row> {
  const version = versionInForce(entry.versions, date);
  const enrolled = (await selectAreaEnrollments(db, area)).get(entry.program.id) ?? new Set<string>();
  const villageNames = new Map<string, string>();
  for await (const { household, screening } of areaHouseholds(db, area)) {
    const isEnrolled = enrolled.has(household.id);
    const evaluation = version ? evaluateRule(version.rule, screening, date) : null;
    const result = evaluation?.result ?? 'unknown';
    const kind: TargetingKind | null = result === 'eligible' && !isEnrolled ? 'exclusion' : result === 'not_eligible' && isEnrolled ? 'inclusion' : null;
    if (kind === null) continue;
    if (!villageNames.has(household.villageCode)) {
      for (const [c, n] of await selectAreaNames(db, [household.villageCode])) villageNames.set(c, n);
    }
    yield {
      kind,
      item: {
        householdId: household.id, villageCode: household.villageCode, villageName: villageNames.get(household.villageCode) ?? household.villageCode,
        headName: household.members.find((m) => m.relationship === 'head')?.name ?? household.members[0]?.name ?? null,
        desil: screening.desil, result, enrolled: isEnrolled,
        reasons: evaluation ? evaluation.findings.map((f) => describeFinding(f, locale)) : [],
      },
    };
  }
}

/** Every household of the list (for the export), in household id order. */
export async function targetingRows(deps: Deps, ctx: RequestContext, code: string, query: { area?: string | undefined; kind: TargetingKind }, locale: Locale = ctx.locale) {
  const area = await resolveArea(deps.db, ctx, 'programs.targeting', query.area);
  const entry = await programEntry(deps.db, ctx.actor.kabCode, code);
  const date = todayFor(ctx.actor.kabCode);
  const items: TargetingItem[] = [];
  for await (const row of classify(deps.db, entry, area.code, date, locale)) if (row.kind === query.kind) items.push(row.item);
  return { area, entry, items };
}

export async function targetingList(deps: Deps, ctx: RequestContext, code: string, query: { area?: string | undefined; kind: TargetingKind; cursor?: string | undefined; limit: number }): Promise<TargetingList> {
  const offset = query.cursor === undefined ? 0 : Number(query.cursor);
  if (!Number.isInteger(offset) || offset < 0) throw fieldError('cursor', 'field.invalid_format');
  const { area, entry, items } = await targetingRows(deps, ctx, code, query);
  const page = items.slice(offset, offset + query.limit);
  await ctx.auditRead({ action: 'programs.targeting', recordType: 'household', recordIds: page.map((i) => i.householdId), purpose: 'programs.targeting', details: { program: code, kind: query.kind, area: area.code } });
  return {
    program: entry.program.code, kind: query.kind, area, total: items.length, items: page,
    nextCursor: offset + query.limit < items.length ? String(offset + query.limit) : null,
  };
}

/** Per program: households, eligible, unknown, enrolled, exclusion and inclusion counts of an area. Aggregates only. */
export async function programStats(deps: Deps, ctx: RequestContext, input: string | undefined): Promise<ProgramStats> {
  const area = await resolveArea(deps.db, ctx, 'stats.read', input);
  const date = todayFor(ctx.actor.kabCode);
  const programs = programsInForce(await loadCatalog(deps.db, ctx.actor.kabCode), date);
  const enrollments = await selectAreaEnrollments(deps.db, area.code);
  const rows = new Map<string, ExactRow>(programs.map(({ entry }) => [entry.program.id, {
    program: entry.program.code, programName: entry.program.name, households: 0, eligible: 0, unknown: 0, enrolled: 0, exclusion: 0, inclusion: 0,
  }]));
  let households = 0;
  for await (const { household, screening } of areaHouseholds(deps.db, area.code)) {
    households += 1;
    for (const { entry, rule } of programs) {
      const row = rows.get(entry.program.id)!;
      const result = evaluateRule(rule, screening, date).result;
      const enrolled = enrollments.get(entry.program.id)?.has(household.id) ?? false;
      row.households += 1;
      if (result === 'eligible') row.eligible += 1;
      if (result === 'unknown') row.unknown += 1;
      if (enrolled) row.enrolled += 1;
      if (result === 'eligible' && !enrolled) row.exclusion += 1;
      if (result === 'not_eligible' && enrolled) row.inclusion += 1;
    }
  }
  const exact = { area, date, households, programs: [...rows.values()], suppressedBelow: null };
  return ctx.actor.can('cases.read') ? exact : suppressProgramStats(exact);
}

type ExactRow = { [K in keyof ProgramStatsRow]: ProgramStatsRow[K] extends string ? string : number };

/**
 * Program statistics as a reader without personal-data access (executive, village head) sees
 * them: every count of 1-4 is "<5". No shown count is the sum of others (the not-eligible and
 * the enrolled-and-eligible are not published), so no complement needs hiding.
 */
function suppressProgramStats(stats: ProgramStats): ProgramStats {
  const cells = new Map<string, number>();
  const num = (v: ProgramStats['households']) => (typeof v === 'number' ? v : 0);
  cells.set('households', num(stats.households));
  stats.programs.forEach((p, i) => {
    for (const k of STAT_COUNTS) cells.set(`${i}.${k}`, num(p[k]));
  });
  const shown = suppressSmallCounts(cells, []);
  const get = (key: string) => shown.get(key) ?? 0;
  return {
    ...stats,
    households: get('households'),
    programs: stats.programs.map((p, i) => ({ ...p, ...Object.fromEntries(STAT_COUNTS.map((k) => [k, get(`${i}.${k}`)])) })),
    suppressedBelow: SMALL_COUNT_MAX + 1,
  };
}
const STAT_COUNTS = ['households', 'eligible', 'unknown', 'enrolled', 'exclusion', 'inclusion'] as const;
