import {
  areaTimeZone, EligibilityRule, localDateIn, NATIONAL_PROGRAM_CODES, versionInForce,
  type Program, type ProgramDetail, type ProgramInput, type RuleVersion, type RuleVersionInput,
} from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { conflict, fieldError, notFound } from '../http/errors.ts';
import * as q from './queries.ts';

/**
 * The program catalog: programs with every version of their rule. National and village
 * programs are seeded by migration (0100_programs.sql) in every installation; the kabupaten
 * adds local ones and gives any program new rule versions, dated, never editing old ones.
 */

export interface CatalogEntry {
  program: q.ProgramRow;
  versions: RuleVersion[];
}

const toVersion = (r: q.RuleVersionRow): RuleVersion => ({
  id: r.id,
  version: r.version,
  rule: EligibilityRule.parse(r.rule),
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

/** The kabupaten's calendar day (rules and ages are taken at it). */
export function todayFor(kabCode: string, now = new Date()): string {
  return localDateIn(now, areaTimeZone(kabCode));
}

export async function loadCatalog(db: Queryable, kabCode: string): Promise<CatalogEntry[]> {
  const programs = await q.selectPrograms(db, kabCode);
  const versions = await q.selectRuleVersions(db, programs.map((p) => p.id));
  return programs.map((program) => ({ program, versions: versions.filter((v) => v.program_id === program.id).map(toVersion) }));
}

function toProgram(entry: CatalogEntry, date: string): Program {
  const p = entry.program;
  return {
    id: p.id, code: p.code, name: p.name, scope: p.scope, ownerKind: p.owner_kind, ownerName: p.owner_name,
    serviceId: p.service_id, sector: p.sector, benefit: p.benefit, active: p.active, ruleInForce: versionInForce(entry.versions, date),
  };
}

export async function listPrograms(deps: Deps, ctx: RequestContext): Promise<{ items: Program[]; nextCursor: null }> {
  const date = todayFor(ctx.actor.kabCode);
  const catalog = await loadCatalog(deps.db, ctx.actor.kabCode);
  return { items: catalog.map((e) => toProgram(e, date)), nextCursor: null };
}

async function entryByCode(db: Queryable, kabCode: string, code: string, opts: { forUpdate?: boolean } = {}): Promise<CatalogEntry> {
  const program = await q.selectProgramByCode(db, kabCode, code, opts);
  if (!program) throw notFound();
  const versions = await q.selectRuleVersions(db, [program.id]);
  return { program, versions: versions.map(toVersion) };
}

export async function getProgram(deps: Deps, ctx: RequestContext, code: string): Promise<ProgramDetail> {
  const entry = await entryByCode(deps.db, ctx.actor.kabCode, code);
  return { ...toProgram(entry, todayFor(ctx.actor.kabCode)), versions: entry.versions };
}

/** A local program of the kabupaten; its rule comes as a first version (addRuleVersion). */
export async function createProgram(deps: Deps, ctx: RequestContext, input: ProgramInput): Promise<Program> {
  const kab = ctx.actor.kabCode;
  if ((NATIONAL_PROGRAM_CODES as readonly string[]).includes(input.code)) throw conflict('programs.code_taken');
  return deps.db.transaction(async (tx) => {
    if (await q.selectProgramByCode(tx, kab, input.code)) throw conflict('programs.code_taken');
    const id = newId();
    await q.insertProgram(tx, { id, kabCode: kab, ...input });
    await ctx.auditWrite(tx, { action: 'program.create', recordType: 'program', recordIds: [id], details: { code: input.code } });
    const entry = await entryByCode(tx, kab, input.code);
    return toProgram(entry, todayFor(kab));
  });
}

/** The service that delivers a program (any program), and whether a local program is active. */
export async function updateProgram(deps: Deps, ctx: RequestContext, code: string, input: { serviceId?: string | null; active?: boolean }): Promise<Program> {
  const kab = ctx.actor.kabCode;
  return deps.db.transaction(async (tx) => {
    const entry = await entryByCode(tx, kab, code, { forUpdate: true });
    if (input.active !== undefined && entry.program.scope !== 'local') throw fieldError('active', 'programs.national_fixed');
    await q.updateProgramSettings(tx, entry.program.id, input);
    await ctx.auditWrite(tx, { action: 'program.update', recordType: 'program', recordIds: [entry.program.id], details: { code, ...input } });
    return toProgram(await entryByCode(tx, kab, code), todayFor(kab));
  });
}

/**
 * A new version of a program's rule. It takes effect on `effectiveFrom` (today or later:
 * the past is not rewritten); until then screening keeps the version in force.
 */
export async function addRuleVersion(deps: Deps, ctx: RequestContext, code: string, input: RuleVersionInput): Promise<RuleVersion> {
  const kab = ctx.actor.kabCode;
  if (input.effectiveFrom < todayFor(kab)) throw fieldError('effectiveFrom', 'programs.rule_version_past');
  return deps.db.transaction(async (tx) => {
    const entry = await entryByCode(tx, kab, code, { forUpdate: true });
    const row = await q.insertRuleVersion(tx, {
      id: newId(), programId: entry.program.id, rule: input.rule, effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo, note: input.note, createdBy: ctx.actor.username,
    });
    await ctx.auditWrite(tx, {
      action: 'program.rule_version', recordType: 'program', recordIds: [entry.program.id],
      details: { code, version: row.version, effectiveFrom: input.effectiveFrom, effectiveTo: input.effectiveTo },
    });
    return toVersion(row);
  });
}

/** The entry of a program by code, for the other parts of the domain (404 when unknown). */
export async function programEntry(db: Queryable, kabCode: string, code: string): Promise<CatalogEntry> {
  return entryByCode(db, kabCode, code);
}
