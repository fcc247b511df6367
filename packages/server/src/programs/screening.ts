import {
  describeFinding, evaluateRule, versionInForce,
  type EligibilityRule, type HouseholdScreening, type Locale, type RulePreview, type ScreeningHousehold, type ScreeningItem, type ScreeningResult,
} from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { getHouseholdInScope } from '../registry/service.ts';
import { loadCatalog, todayFor, type CatalogEntry } from './catalog.ts';
import {
  selectAreaHouseholdBatch, selectCurrentEnrollmentPrograms, selectScreeningMembers,
  type AreaHousehold, type MemberWithDesil,
} from './screening-queries.ts';

/**
 * Screening: a household against every program in force (intake, the household page), and
 * whole areas (rule previews, targeting lists, statistics). Advisory: the decision stays
 * with the program owner.
 */

/** The household's desil, or (where the household row has none) its head's as imported. */
function toScreeningHousehold(desil: number | null, indicators: Record<string, unknown>, members: MemberWithDesil[]): ScreeningHousehold {
  const head = members.find((m) => m.relationship === 'head');
  return { desil: desil ?? head?.desil ?? null, indicators, members };
}

/** The programs that screen today: active, with a rule version in force. */
export function programsInForce(catalog: readonly CatalogEntry[], date: string): { entry: CatalogEntry; rule: EligibilityRule; version: number }[] {
  const out: { entry: CatalogEntry; rule: EligibilityRule; version: number }[] = [];
  for (const entry of catalog) {
    if (!entry.program.active) continue;
    const v = versionInForce(entry.versions, date);
    if (v) out.push({ entry, rule: v.rule, version: v.version });
  }
  return out;
}

function screenWith(
  programs: ReturnType<typeof programsInForce>, household: ScreeningHousehold, enrolled: ReadonlySet<string>, date: string, locale: Locale,
): ScreeningItem[] {
  return programs.map(({ entry, rule, version }) => {
    const evaluation = evaluateRule(rule, household, date);
    return {
      program: entry.program.code,
      programName: entry.program.name,
      result: evaluation.result,
      reasons: evaluation.findings.map((f) => describeFinding(f, locale)),
      ruleVersion: version,
      enrolled: enrolled.has(entry.program.id),
      serviceId: entry.program.service_id,
      sector: entry.program.sector,
    };
  });
}

/** GET /households/:id/screening: scoped like the household (404 outside the caller's area). */
export async function screenHousehold(deps: Deps, ctx: RequestContext, householdId: string): Promise<HouseholdScreening> {
  const household = await getHouseholdInScope(deps.db, ctx, householdId);
  const { items, date } = await householdScreening(deps.db, ctx.actor.kabCode, household, ctx.locale);
  await ctx.auditRead({ action: 'household.screening', recordType: 'household', recordIds: [householdId], purpose: 'programs.screening' });
  return { items, nextCursor: null, date };
}

/**
 * What screening adds to a household already read (intake, the household page): its members and
 * current enrolments, the catalog, and every program's rule evaluated. bench/screening.ts times it.
 */
export async function householdScreening(q: Queryable, kabCode: string, household: { id: string; desil: number | null; indicators: Record<string, unknown> }, locale: Locale) {
  const members = await selectScreeningMembers(q, household.id);
  const enrolled = await selectCurrentEnrollmentPrograms(q, household.id);
  const date = todayFor(kabCode);
  const programs = programsInForce(await loadCatalog(q, kabCode), date);
  return { items: screenWith(programs, toScreeningHousehold(household.desil, household.indicators, members), enrolled, date, locale), date };
}

/**
 * One household against one program's rule in force (a row of a targeting list checked again
 * before a bulk action acts on it): the result, the reasons in `locale`, whether it is enrolled.
 * The caller has read the household in its scope.
 */
export async function screenForProgram(
  q: Queryable, entry: CatalogEntry, household: { id: string; desil: number | null; indicators: Record<string, unknown> }, date: string, locale: Locale,
): Promise<{ result: ScreeningResult; reasons: string[]; enrolled: boolean }> {
  const members = await selectScreeningMembers(q, household.id);
  const enrolled = (await selectCurrentEnrollmentPrograms(q, household.id)).has(entry.program.id);
  const version = versionInForce(entry.versions, date);
  if (!entry.program.active || !version) return { result: 'unknown', reasons: [], enrolled };
  const evaluation = evaluateRule(version.rule, toScreeningHousehold(household.desil, household.indicators, members), date);
  return { result: evaluation.result, reasons: evaluation.findings.map((f) => describeFinding(f, locale)), enrolled };
}

const BATCH = 5000;

/**
 * Every household of an area, in batches (id order), ready to screen. The next batch is asked
 * for before the current one is handed out, so that on a PostgreSQL server the database reads
 * it while this process evaluates (on PGlite, one thread, the two simply alternate).
 */
export async function* areaHouseholds(db: Queryable, area: string, batchSize = BATCH): AsyncGenerator<{ household: AreaHousehold; screening: ScreeningHousehold }> {
  let pending: Promise<AreaHousehold[]> | null = selectAreaHouseholdBatch(db, area, null, batchSize);
  while (pending) {
    const batch: AreaHousehold[] = await pending;
    const last = batch.at(-1);
    pending = last && batch.length === batchSize ? selectAreaHouseholdBatch(db, area, last.id, batchSize) : null;
    // a consumer that stops early leaves the prefetch unawaited: it must not become an unhandled rejection
    pending?.catch(() => undefined);
    for (const h of batch) yield { household: h, screening: toScreeningHousehold(h.desil, h.indicators, h.members) };
  }
}

type Counts = { eligible: number; notEligible: number; unknown: number };
const bump = (c: Counts, r: ScreeningResult) => {
  if (r === 'eligible') c.eligible += 1; else if (r === 'not_eligible') c.notEligible += 1; else c.unknown += 1;
};

/**
 * How many households of `area` a rule selects on `date`, beside the version in force now:
 * what the kabupaten sees before a new version takes effect. Counts only.
 */
export async function previewRule(deps: Deps, ctx: RequestContext, entry: CatalogEntry, rule: EligibilityRule, area: string, date: string | undefined): Promise<RulePreview> {
  if (!ctx.actor.coversArea('programs.manage', area)) throw notFound();
  const on = date ?? todayFor(ctx.actor.kabCode);
  const current = versionInForce(entry.versions, todayFor(ctx.actor.kabCode));
  const next: Counts = { eligible: 0, notEligible: 0, unknown: 0 };
  const now: Counts = { eligible: 0, notEligible: 0, unknown: 0 };
  let households = 0;
  for await (const { screening } of areaHouseholds(deps.db, area)) {
    households += 1;
    bump(next, evaluateRule(rule, screening, on).result);
    if (current) bump(now, evaluateRule(current.rule, screening, on).result);
  }
  // a preview writes nothing and answers counts only: no resident to record
  ctx.noPersonalData();
  return { date: on, households, ...next, current: current ? now : null };
}
