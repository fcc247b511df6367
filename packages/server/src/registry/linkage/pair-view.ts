import { createHash } from 'node:crypto';
import { COMPARISONS, explain, linkageRecordOf, LinkageModel, defaultLinkageModel, normalizePersonNameForMatching, type DuplicatePairView, type LinkagePerson, isPlausibleModel } from '@slrt/core';
import type { LinkagePersonRow, PairRow } from './queries.ts';

/** The compared fields of both persons: a dismissed pair reopens when this changes. */
export function fingerprintOf(a: Pick<LinkagePersonRow, 'nik' | 'full_name' | 'birth_date' | 'sex' | 'village_code' | 'kk'>, b: typeof a): string {
  const part = (p: typeof a) => [p.nik, p.full_name, p.birth_date, p.sex, p.village_code, p.kk];
  return createHash('sha256').update(JSON.stringify([part(a), part(b)])).digest('hex').slice(0, 32);
}

/** The linkage view of a person row; with its household id, a run compares the household's other members. */
export function linkageRecordOfRow(r: Pick<LinkagePersonRow, 'nik' | 'full_name' | 'birth_date' | 'sex' | 'village_code' | 'kk'> & { household_id?: string | null }) {
  return linkageRecordOf({ nik: r.nik, fullName: r.full_name, birthDate: r.birth_date, sex: r.sex, villageCode: r.village_code, kk: r.kk, householdId: r.household_id ?? null });
}

export function toLinkagePerson(r: LinkagePersonRow): LinkagePerson {
  return {
    id: r.id, nik: r.nik, kk: r.kk, fullName: r.full_name, birthPlace: r.birth_place, birthDate: r.birth_date, sex: r.sex,
    villageCode: r.village_code, householdId: r.household_id, relationship: r.relationship, maritalStatus: r.marital_status,
    registryStatus: r.registry_status, version: r.version,
  };
}

const COMPARED: readonly (keyof LinkagePerson)[] = ['nik', 'kk', 'fullName', 'birthPlace', 'birthDate', 'sex', 'villageCode', 'relationship', 'maritalStatus'];

function differingFields(a: LinkagePerson, b: LinkagePerson): string[] {
  return COMPARED.filter((k) => (a[k] ?? null) !== (b[k] ?? null));
}

/** The two names as the frequency table keys them (normalised, words sorted). */
function sortedNames(a: string, b: string): [string, string] {
  return [normalizePersonNameForMatching(a).sorted, normalizePersonNameForMatching(b).sorted];
}

/**
 * A run's stored model, or the starting model when the run stored none (an intake check
 * before any run) or stored the comparisons of an earlier version (other levels).
 */
export function modelOf(stored: unknown): LinkageModel {
  const parsed = LinkageModel.safeParse(stored);
  if (!parsed.success) return defaultLinkageModel();
  const same = parsed.data.comparisons.length === COMPARISONS.length
    && parsed.data.comparisons.every((c, i) => c.key === COMPARISONS[i]?.key && c.levels.length === COMPARISONS[i]?.levels.length);
  return same && isPlausibleModel(parsed.data) ? parsed.data : defaultLinkageModel();
}

export function toPairView(row: PairRow, a: LinkagePersonRow, b: LinkagePersonRow, model: LinkageModel): DuplicatePairView {
  const personA = toLinkagePerson(a);
  const personB = toLinkagePerson(b);
  return {
    id: row.id, personA, personB, score: row.score, matchWeight: row.match_weight, status: row.status, source: row.source,
    runId: row.run_id, clusterKey: row.cluster_key, crossKabupaten: row.kab_code !== row.kab_code_b,
    explanation: explain(model, row.levels, sortedNames(a.full_name, b.full_name)).contributions,
    differingFields: differingFields(personA, personB),
    mergeId: row.merge_id,
  };
}
