import { validateKk, validateNik, type Locale, type NikIssueCode } from '@slrt/core';
import { regionCodes } from '../areas/public.ts';
import type { Queryable } from '../db/database.ts';
import { AppError, fieldError } from '../http/errors.ts';

/**
 * NIK and KK checks against the areas table: `validateNik`/`validateKk` from core with the
 * kabupaten and kecamatan codes we know as `knownRegion`. Errors reject; warnings must be
 * confirmed by the officer (`confirmWarnings`), and the confirmation goes into the history.
 */

let cachedRegions: Set<string> | null = null;

/**
 * Dotted kabupaten and kecamatan codes of the areas table, read once per process: areas are
 * reference data loaded from the same idn-area-data release everywhere. An empty table is
 * not cached (and then no region is called unknown).
 */
export async function knownRegions(q: Queryable): Promise<Set<string>> {
  if (cachedRegions) return cachedRegions;
  const set = new Set(await regionCodes(q));
  if (set.size > 0) cachedRegions = set;
  return set;
}

const regionLookup = (regions: Set<string>) => (code: string) => (regions.size === 0 ? undefined : regions.has(code));

/**
 * Checks a NIK for a person record: throws a field error on an invalid NIK, and a 400 listing
 * the warnings when one of them is not in `confirmed` (or in `alreadyAcknowledged`).
 * Returns the warning codes that hold (to store on the person).
 */
export async function checkNik(
  q: Queryable,
  nik: string,
  expected: { birthDate?: string | null; sex?: 'M' | 'F' | null },
  opts: { confirmed: readonly string[]; alreadyAcknowledged?: readonly string[]; locale: Locale; field?: string },
): Promise<NikIssueCode[]> {
  const field = opts.field ?? 'nik';
  const regions = await knownRegions(q);
  const result = validateNik(
    nik,
    { ...(expected.birthDate ? { birthDate: expected.birthDate } : {}), ...(expected.sex ? { sex: expected.sex } : {}) },
    { knownRegion: regionLookup(regions), locale: opts.locale },
  );
  const first = result.errors[0];
  if (first) throw fieldError(field, first.code.replace('_', '.'), { length: nik.length, code: nik.slice(0, 2) });
  const accepted = new Set([...opts.confirmed, ...(opts.alreadyAcknowledged ?? [])]);
  const unconfirmed = result.warnings.filter((w) => !accepted.has(w.code));
  if (unconfirmed.length > 0) {
    throw new AppError(
      'validation',
      { key: 'error.validation' },
      { [field]: { key: 'registry.nik_warning_unconfirmed', params: { field, codes: unconfirmed.map((w) => w.code).join(', '), warnings: unconfirmed.map((w) => w.message).join(' ') } } },
      { warnings: unconfirmed.map((w) => ({ code: w.code, message: w.message })) },
    );
  }
  return result.warnings.map((w) => w.code);
}

/** Throws a field error on an invalid KK number; KK warnings never block (see core validateKk). */
export async function checkKk(q: Queryable, kk: string, field = 'kk'): Promise<void> {
  const regions = await knownRegions(q);
  const result = validateKk(kk, { knownRegion: regionLookup(regions) });
  const first = result.errors[0];
  if (first) throw fieldError(field, first.code.replace('_', '.'), { length: kk.length, code: kk.slice(0, 2) });
}
