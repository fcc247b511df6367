import { codesOf } from '@slrt/core';
import { csvRecords } from '../../http/csv.ts';
import type { SyntheticHousehold } from './generator.ts';

/**
 * Synthetic households as rows of the canonical import file (registry.md), for import tests,
 * demos of the import page and the benchmarks: `slrt seed synthetic --csv FILE`.
 */

const DOMAINS = codesOf('disability_domain');

const CANONICAL_HEADER = [
  'nik', 'kk', 'full_name', 'sex', 'birth_place', 'birth_date', 'relationship', 'marital_status', 'village_code', 'address', 'rt', 'rw',
  'household_ref', 'desil', 'desil_source', 'desil_date', 'presence', 'pregnant', 'documents_held', 'school_participation',
  'education_level', 'work_status', 'work_sector', ...DOMAINS.map((d) => `disability_${d}`), 'chronic_illness', 'health_insurance',
  'pip_kip', 'dukcapil_match', 'tenure', 'floor_area_m2', 'floor', 'wall', 'roof', 'water', 'lighting', 'power_va', 'cooking_fuel',
  'toilet', 'disposal', 'programs_received', 'assets',
] as const;

const list = (v: unknown) => (Array.isArray(v) ? (v.length ? v.join(';') : '-') : '');
const yn = (b: boolean | null) => (b === null ? '' : b ? 'ya' : 'tidak');

function* canonicalRows(h: SyntheticHousehold): Generator<string[]> {
  const ind = h.indicators;
  for (const family of h.families) {
    for (const p of family.members) {
      yield [
        p.nik, family.kk, p.fullName, p.sex === 'M' ? 'L' : 'P', p.birthPlace, p.birthDate, p.relationship, p.maritalStatus,
        h.villageCode, h.address, h.rt, h.rw, h.ref, h.desil === null ? '' : String(h.desil), h.desilSource ?? '', h.desilDate ?? '',
        p.presence, yn(p.pregnant), list(p.documentsHeld), p.schoolParticipation, p.educationLevel, p.workStatus ?? '', p.workSector ?? '',
        ...DOMAINS.map((d) => p.disability?.[d] ?? ''), list(p.chronicIllnesses), list(p.healthInsurance), yn(p.pipKip), p.dukcapilMatch,
        String(ind.tenure ?? ''), String(ind.floorAreaM2 ?? ''), String(ind.floor ?? ''), String(ind.wall ?? ''), String(ind.roof ?? ''),
        String(ind.water ?? ''), String(ind.lighting ?? ''), String(ind.powerVa ?? ''), String(ind.cookingFuel ?? ''), String(ind.toilet ?? ''),
        String(ind.disposal ?? ''), list(ind.programsReceived), list(ind.assets),
      ];
    }
  }
}

/** The canonical CSV, header first, as lines (stream them to a file). */
export function* canonicalCsvLines(households: Iterable<SyntheticHousehold>): Generator<string> {
  yield csvRecords([CANONICAL_HEADER]);
  let rows: string[][] = [];
  for (const h of households) {
    rows.push(...canonicalRows(h));
    if (rows.length >= 1000) {
      yield csvRecords(rows);
      rows = [];
    }
  }
  if (rows.length) yield csvRecords(rows);
}
