import { facilitiesIndex, FUNDING_SOURCES, OUTREACH_BY, officerActiveOn, REQUIRED_POSITIONS, vacanciesOf, type MonthlyReport, type Permission } from '@slrt/core';
import type { Actor } from '../access/actor.ts';
import type { Queryable } from '../db/database.ts';
import { fundingBySourceIn } from './funding-queries.ts';
import { outreachIn } from './outreach-queries.ts';
import { selectOfficersIn } from './people-queries.ts';
import { selectFacilities, selectGrades, selectProfilesIn, type ProfileRow } from './queries.ts';

/**
 * What the Puskesos domain gives the monthly report (public to the reports domain): the
 * villages of an area with their Puskesos, capacity, funding by source and the outreach log.
 */

export async function villagesOf(q: Queryable, actor: Actor, permission: Permission, kabCode: string, area: string): Promise<ProfileRow[]> {
  return selectProfilesIn(q, actor, permission, kabCode, area);
}

export async function capacityOf(q: Queryable, actor: Actor, permission: Permission, kabCode: string, profiles: readonly ProfileRow[], area: string, day: string): Promise<MonthlyReport['capacity']> {
  const facilities = await selectFacilities(q, profiles.map((p) => p.village_code));
  const officers = (await selectOfficersIn(q, actor, permission, area)).filter((o) => officerActiveOn({ startDate: o.start_date, endDate: o.end_date }, day));
  const grades = await selectGrades(q, kabCode);
  const indexes = profiles.map((p) => facilitiesIndex(facilities.filter((f) => f.village_code === p.village_code)));
  const vacant = profiles.flatMap((p) => vacanciesOf(officers.filter((o) => o.village_code === p.village_code)));
  return {
    puskesos: profiles.length,
    active: profiles.filter((p) => p.status === 'active').length,
    withoutBuilding: profiles.filter((p) => p.host === null || p.host === 'none' || p.host === 'borrowed').length,
    officers: officers.length,
    volunteers: officers.filter((o) => !o.paid).length,
    vacancies: vacant.length,
    vacanciesByPosition: REQUIRED_POSITIONS.map((position) => ({ position, vacancies: vacant.filter((v) => v === position).length })),
    facilitiesIndex: indexes.length ? Math.round((indexes.reduce((s, x) => s + x, 0) / indexes.length) * 1000) / 1000 : null,
    byGrade: [...grades.map((g) => ({ grade: g.name, puskesos: profiles.filter((p) => p.grade_code === g.code).length })), { grade: '-', puskesos: profiles.filter((p) => p.grade_code === null).length }],
  };
}

export async function fundingOf(q: Queryable, kabCode: string, area: string, year: number): Promise<MonthlyReport['funding']> {
  const rows = await fundingBySourceIn(q, kabCode, area, year);
  return FUNDING_SOURCES.map((source) => ({
    source,
    budget: rows.filter((r) => r.source === source && r.kind === 'budget').reduce((s, r) => s + r.amount, 0),
    spending: rows.filter((r) => r.source === source && r.kind === 'spending').reduce((s, r) => s + r.amount, 0),
  }));
}

export async function outreachOf(q: Queryable, kabCode: string, area: string, from: string, until: string) {
  const rows = await outreachIn(q, kabCode, area, from, until);
  const perVillage = new Map<string, number>();
  for (const r of rows) perVillage.set(r.village_code, (perVillage.get(r.village_code) ?? 0) + r.sessions);
  const summary: MonthlyReport['outreach'] = {
    sessions: rows.reduce((s, r) => s + r.sessions, 0),
    reached: rows.reduce((s, r) => s + r.reached, 0),
    byKind: OUTREACH_BY.map((kind) => ({
      kind, sessions: rows.filter((r) => r.by_kind === kind).reduce((s, r) => s + r.sessions, 0), reached: rows.filter((r) => r.by_kind === kind).reduce((s, r) => s + r.reached, 0),
    })),
  };
  return { summary, perVillage };
}
