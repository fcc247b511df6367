import {
  areaTimeZone, facilitiesIndex, isPersonalPermission, officerActiveOn, suppressEquityView,
  type EquityRow, type EquityView, areaToday } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { resolveArea } from './area.ts';
import * as eq from './equity-queries.ts';
import { selectOfficersIn } from './people-queries.ts';
import { selectFacilities, selectGrades, selectProfilesIn, type ProfileRow } from './queries.ts';
import { trainingRecords } from './training.ts';
import type { Actor } from '../access/actor.ts';

/**
 * The equity view: per village and kecamatan of an area, funding per resident and per case,
 * officers per 1,000 residents, volunteers' share, facilities index, training coverage, cases
 * per officer, median days to first action, referrals met. Read under `puskesos.read`
 * (aggregates only; officers are counted, never named). A reader without a personal-data
 * permission (the executive, the village head) gets small case counts suppressed.
 */

const round = (n: number | null, digits: number) => (n === null || !Number.isFinite(n) ? null : Math.round(n * 10 ** digits) / 10 ** digits);
const ratio = (num: number, den: number | null, digits = 3) => (den && den > 0 ? round(num / den, digits) : null);

interface Tally {
  population: number | null;
  funding: number;
  officers: number;
  volunteers: number;
  trained: number;
  facilities: number[];
  cases: number;
  median: number | null;
  refClosed: number;
  refMet: number;
}

function toRow(base: Pick<EquityRow, 'code' | 'name' | 'kecamatanCode' | 'kecamatanName' | 'host' | 'gradeName'>, t: Tally): EquityRow {
  return {
    ...base,
    population: t.population,
    funding: t.funding,
    fundingPerResident: ratio(t.funding, t.population, 0),
    fundingPerCase: ratio(t.funding, t.cases, 0),
    officers: t.officers,
    officersPer1000: ratio(t.officers * 1000, t.population, 2),
    volunteersShare: ratio(t.volunteers, t.officers),
    facilitiesIndex: t.facilities.length ? round(t.facilities.reduce((s, x) => s + x, 0) / t.facilities.length, 3) ?? 0 : 0,
    trainingCoverage: ratio(t.trained, t.officers),
    cases: t.cases,
    casesPerOfficer: ratio(t.cases, t.officers, 1),
    medianDaysToFirstAction: round(t.median, 1),
    referralsMet: ratio(t.refMet, t.refClosed),
  };
}

async function villageTallies(deps: Deps, actor: Actor, kabCode: string, areaCode: string, year: number, profiles: readonly ProfileRow[]) {
  const today = areaToday(areaCode);
  const period: eq.Period = { from: `${year}-01-01`, until: `${year + 1}-01-01`, timeZone: areaTimeZone(areaCode.slice(0, 5)) };
  const facilities = await selectFacilities(deps.db, profiles.map((p) => p.village_code));
  const funding = new Map((await eq.fundingByVillage(deps.db, kabCode, areaCode, year)).map((f) => [f.village_code, f.amount]));
  const officers = (await selectOfficersIn(deps.db, actor, 'puskesos.read', areaCode)).filter((o) => officerActiveOn({ startDate: o.start_date, endDate: o.end_date }, today));
  const records = await trainingRecords(deps.db, kabCode, officers);
  const villages = new Map((await eq.caseFigures(deps.db, kabCode, areaCode, period, 13)).map((c) => [c.code, c]));
  const kecamatan = new Map((await eq.caseFigures(deps.db, kabCode, areaCode, period, 8)).map((c) => [c.code, c]));
  const tallies = new Map<string, Tally>();
  for (const p of profiles) {
    const own = officers.filter((o) => o.village_code === p.village_code);
    const c = villages.get(p.village_code);
    tallies.set(p.village_code, {
      population: p.population,
      funding: funding.get(p.village_code) ?? 0,
      officers: own.length,
      volunteers: own.filter((o) => !o.paid).length,
      trained: own.filter((o) => (records.get(o.id)?.missing.length ?? 0) === 0).length,
      facilities: [facilitiesIndex(facilities.filter((f) => f.village_code === p.village_code))],
      cases: c?.cases ?? 0,
      median: c?.median_first_action ?? null,
      refClosed: c?.referrals_closed ?? 0,
      refMet: c?.referrals_met ?? 0,
    });
  }
  return { tallies, kecamatan };
}

export async function equityView(deps: Deps, ctx: RequestContext, areaInput: string | undefined, yearInput: number | undefined): Promise<EquityView> {
  const area = await resolveArea(deps.db, ctx, 'puskesos.read', areaInput);
  const year = yearInput ?? Number(new Date().toISOString().slice(0, 4));
  const kabCode = ctx.actor.kabCode;
  if (!area.code.startsWith(`${kabCode.slice(0, 2)}.${kabCode.slice(2)}`)) throw notFound();
  const profiles = await selectProfilesIn(deps.db, ctx.actor, 'puskesos.read', kabCode, area.code);
  const grades = new Map((await selectGrades(deps.db, kabCode)).map((g) => [g.code, g.name]));
  const { tallies, kecamatan } = await villageTallies(deps, ctx.actor, kabCode, area.code, year, profiles);

  const villages: EquityRow[] = [];
  const byKec = new Map<string, { name: string; t: Tally }>();
  for (const p of profiles) {
    const t = tallies.get(p.village_code);
    if (!t) continue;
    villages.push(toRow({ code: p.village_code, name: p.village_name, kecamatanCode: p.kecamatan_code, kecamatanName: p.kecamatan_name, host: p.host, gradeName: p.grade_code ? grades.get(p.grade_code) ?? null : null }, t));
    const k = byKec.get(p.kecamatan_code) ?? { name: p.kecamatan_name, t: { population: 0, funding: 0, officers: 0, volunteers: 0, trained: 0, facilities: [], cases: 0, median: null, refClosed: 0, refMet: 0 } };
    // a kecamatan's population counts only villages that recorded theirs: per-resident figures use the same villages' funding
    if (t.population !== null) k.t.population = (k.t.population ?? 0) + t.population;
    k.t.funding += t.funding;
    k.t.officers += t.officers;
    k.t.volunteers += t.volunteers;
    k.t.trained += t.trained;
    k.t.facilities.push(...t.facilities);
    k.t.cases += t.cases;
    k.t.refClosed += t.refClosed;
    k.t.refMet += t.refMet;
    byKec.set(p.kecamatan_code, k);
  }
  const kecRows = [...byKec.entries()].map(([code, { name, t }]) => toRow(
    { code, name, kecamatanCode: code, kecamatanName: name, host: null, gradeName: null },
    { ...t, population: t.population || null, median: kecamatan.get(code)?.median_first_action ?? null },
  ));
  const view: EquityView = { area: { code: area.code, name: area.name, level: area.level }, year, villages, kecamatan: kecRows, suppressed: false };
  if (ctx.actor.permissions().some(isPersonalPermission)) return view;
  const closed = new Map<string, number>([...tallies].map(([code, t]) => [code, t.refClosed]));
  for (const [code, { t }] of byKec) closed.set(code, t.refClosed);
  return suppressEquityView(view, closed);
}
