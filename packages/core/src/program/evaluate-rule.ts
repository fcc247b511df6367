import { ageInYears, parseYmd } from '../registry/calendar-date.ts';
import {
  SCHOOL_LEVEL_AGES,
  type Criterion, type EligibilityRule, type IndicatorField, type MemberPredicate,
} from './eligibility-rule.ts';

/**
 * Evaluates an eligibility rule against one household: pure, no I/O, the same in the server
 * (intake, household page, a whole area) and the browser. Three-valued: a criterion that
 * the data cannot decide is `unknown`, never silently false.
 */

export type ScreeningResult = 'eligible' | 'not_eligible' | 'unknown';
export type Outcome = 'pass' | 'fail' | 'unknown';

/** A member as screening needs it (a subset of the registry's person). */
export interface ScreeningMember {
  name: string;
  birthDate: string | null;
  sex: 'M' | 'F';
  relationship: string | null;
  presence: string | null;
  pregnant: boolean | null;
  disability: Record<string, string> | null;
  documentsHeld: readonly string[] | null;
  registryStatus: string;
}

export interface ScreeningHousehold {
  desil: number | null;
  indicators: Partial<Record<IndicatorField, string>> & Record<string, unknown>;
  members: readonly ScreeningMember[];
}

/** What one criterion found, with the data that decided it (for the reason sentence). */
export type Finding =
  | { kind: 'maxDesil'; outcome: Outcome; max: number; desil: number | null }
  | {
    kind: 'members'; outcome: Outcome; anyOf: MemberPredicate[];
    matches: { predicate: MemberPredicate; name: string; age: number | null }[];
    missing: { name: string; field: 'birthDate' | 'pregnant' | 'disability' }[];
  }
  | {
    kind: 'indicators'; outcome: Outcome; match: 'any' | 'all';
    hits: { field: IndicatorField; value: string }[];
    misses: { field: IndicatorField; value: string }[];
    missing: IndicatorField[];
  }
  | { kind: 'registryStatus'; outcome: Outcome; statuses: string[]; name: string | null; status: string | null }
  | { kind: 'documents'; outcome: Outcome; documents: string[]; lacking: { name: string; documents: string[] }[]; missing: string[] }
  | { kind: 'decidedBy'; outcome: 'unknown'; body: 'village_deliberation' | 'program_assessment' };

export interface Evaluation {
  result: ScreeningResult;
  findings: Finding[];
}

const PRESENT = new Set(['living_here', 'new_member']);
const SEVERE = new Set(['a_lot', 'cannot']);
/** Ages at which a woman's pregnancy is asked (Regsosek asks women 10-54; the rule reads 15-49). */
const CHILDBEARING = { min: 15, max: 49 };

/** Members living in the household: an unknown presence counts, the deceased and moved do not. */
export function presentMembers(members: readonly ScreeningMember[]): ScreeningMember[] {
  return members.filter((m) => m.presence === null || PRESENT.has(m.presence));
}

function ageOf(member: ScreeningMember, date: string): number | null {
  const birth = member.birthDate === null ? null : parseYmd(member.birthDate);
  const today = parseYmd(date);
  if (birth === null || today === null) return null;
  return ageInYears(birth, today);
}

type MemberTest = { outcome: 'yes' | 'no' } | { outcome: 'unknown'; field: 'birthDate' | 'pregnant' | 'disability' };

function testMember(p: MemberPredicate, m: ScreeningMember, age: number | null): MemberTest {
  switch (p.kind) {
    case 'age':
    case 'schoolAge': {
      if (age === null) return { outcome: 'unknown', field: 'birthDate' };
      const { min, max } = p.kind === 'age' ? p : SCHOOL_LEVEL_AGES[p.level];
      return { outcome: (min === undefined || age >= min) && (max === undefined || age <= max) ? 'yes' : 'no' };
    }
    case 'pregnant': {
      if (m.pregnant === true) return { outcome: 'yes' };
      if (m.sex === 'M' || m.pregnant === false) return { outcome: 'no' };
      if (age !== null && (age < CHILDBEARING.min || age > CHILDBEARING.max)) return { outcome: 'no' };
      return { outcome: 'unknown', field: 'pregnant' };
    }
    case 'severeDisability': {
      if (m.disability === null) return { outcome: 'unknown', field: 'disability' };
      return { outcome: Object.values(m.disability).some((s) => SEVERE.has(s)) ? 'yes' : 'no' };
    }
  }
}

function headOf(members: readonly ScreeningMember[]): ScreeningMember | null {
  return members.find((m) => m.relationship === 'head') ?? null;
}

function evaluateCriterion(c: Criterion, h: ScreeningHousehold, members: ScreeningMember[], date: string): Finding {
  switch (c.kind) {
    case 'maxDesil': {
      const desil = h.desil;
      return { kind: 'maxDesil', max: c.max, desil, outcome: desil === null ? 'unknown' : desil <= c.max ? 'pass' : 'fail' };
    }
    case 'members': {
      const matches: { predicate: MemberPredicate; name: string; age: number | null }[] = [];
      const missing: { name: string; field: 'birthDate' | 'pregnant' | 'disability' }[] = [];
      for (const m of members) {
        const age = ageOf(m, date);
        for (const p of c.anyOf) {
          const test = testMember(p, m, age);
          if (test.outcome === 'yes') matches.push({ predicate: p, name: m.name, age });
          else if (test.outcome === 'unknown' && !missing.some((x) => x.name === m.name && x.field === test.field)) {
            missing.push({ name: m.name, field: test.field });
          }
        }
      }
      const outcome: Outcome = matches.length > 0 ? 'pass' : missing.length > 0 ? 'unknown' : 'fail';
      return { kind: 'members', anyOf: c.anyOf, matches, missing: outcome === 'pass' ? [] : missing, outcome };
    }
    case 'indicators': {
      const hits: { field: IndicatorField; value: string }[] = [];
      const misses: { field: IndicatorField; value: string }[] = [];
      const missing: IndicatorField[] = [];
      for (const cond of c.conditions) {
        const value = h.indicators[cond.field];
        if (typeof value !== 'string') missing.push(cond.field);
        else if (cond.values.includes(value)) hits.push({ field: cond.field, value });
        else misses.push({ field: cond.field, value });
      }
      const outcome: Outcome = c.match === 'any'
        ? hits.length > 0 ? 'pass' : missing.length > 0 ? 'unknown' : 'fail'
        : misses.length > 0 ? 'fail' : missing.length > 0 ? 'unknown' : 'pass';
      return { kind: 'indicators', match: c.match, hits, misses, missing, outcome };
    }
    case 'registryStatus': {
      const head = headOf(members);
      const candidates = head ? [head] : members;
      const found = candidates.find((m) => c.statuses.includes(m.registryStatus as never)) ?? candidates[0] ?? null;
      if (found === null) return { kind: 'registryStatus', statuses: c.statuses, name: null, status: null, outcome: 'unknown' };
      return {
        kind: 'registryStatus', statuses: c.statuses, name: found.name, status: found.registryStatus,
        outcome: c.statuses.includes(found.registryStatus as never) ? 'pass' : 'fail',
      };
    }
    case 'documents': {
      const head = headOf(members);
      const who = c.who === 'head' ? (head ? [head] : []) : members;
      const lacking: { name: string; documents: string[] }[] = [];
      const missing: string[] = [];
      for (const m of who) {
        if (m.documentsHeld === null) { missing.push(m.name); continue; }
        const absent = c.documents.filter((d) => !m.documentsHeld?.includes(d));
        if (absent.length > 0) lacking.push({ name: m.name, documents: absent });
      }
      const outcome: Outcome = lacking.length > 0 ? 'fail' : missing.length > 0 || who.length === 0 ? 'unknown' : 'pass';
      return { kind: 'documents', documents: c.documents, lacking, missing: who.length === 0 ? ['head'] : missing, outcome };
    }
    case 'decidedBy':
      return { kind: 'decidedBy', body: c.body, outcome: 'unknown' };
  }
}

/**
 * Screens one household against a rule on `date` (`YYYY-MM-DD`, the day ages are counted
 * at). Every criterion must pass: one failing makes the household not eligible, otherwise
 * one undecided makes it unknown.
 */
export function evaluateRule(rule: EligibilityRule, household: ScreeningHousehold, date: string): Evaluation {
  const members = presentMembers(household.members);
  const findings = rule.criteria.map((c) => evaluateCriterion(c, household, members, date));
  const result: ScreeningResult = findings.some((f) => f.outcome === 'fail')
    ? 'not_eligible'
    : findings.some((f) => f.outcome === 'unknown') ? 'unknown' : 'eligible';
  return { result, findings };
}

