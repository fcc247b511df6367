import { randomBytes } from 'node:crypto';
import type { ImportedRow } from './row.ts';

/**
 * The staging table's columns and a chunk of checked rows written as COPY CSV for it: pure, so
 * that the check workers (check-worker.ts) write it beside the checks.
 */

export const STAGE_COLUMNS = `row_no integer, id uuid, household_uuid uuid, family_uuid uuid, kk_history_uuid uuid, nik char(16), kk char(16),
  household_ref text, village_code text, address text, rt text, rw text, indicators jsonb,
  full_name text, birth_place text, birth_date date, sex char(1), relationship text, marital_status text, presence text,
  pregnant boolean, documents_held text[], school_participation text, education_level text, work_status text, work_sector text,
  disability jsonb, chronic_illnesses text[], health_insurance text[], pip_kip boolean, dukcapil_match text,
  desil smallint, desil_source text, desil_date date, nik_warnings text[]`;
export const STAGE_COLS = STAGE_COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]!);
/** A value as a COPY CSV field: empty unquoted = NULL; text, arrays and JSON quoted. */
function field(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = Array.isArray(v) ? `{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}` : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * UUIDv7 ids (as newId) from a pool of random bytes: the staging needs two to four ids a
 * row, and one random draw per id cost more than the rest of the staging.
 */
function idPool(): () => string {
  let pool = randomBytes(10 * 8192), at = 0;
  return () => {
    if (at + 10 > pool.length) {
      pool = randomBytes(10 * 8192);
      at = 0;
    }
    const r = pool, o = at;
    at += 10;
    const t = Date.now().toString(16).padStart(12, '0');
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${HEX[r[o]!]!.slice(1)}${HEX[r[o + 1]!]}-${HEX[(r[o + 2]! & 0x3f) | 0x80]}${HEX[r[o + 3]!]}-`
      + `${HEX[r[o + 4]!]}${HEX[r[o + 5]!]}${HEX[r[o + 6]!]}${HEX[r[o + 7]!]}${HEX[r[o + 8]!]}${HEX[r[o + 9]!]}`;
  };
}

/** The chunk's checked rows as CSV for the staging table (columns in STAGE_COLS order). */
export function stageCsv(rows: readonly ImportedRow[]): string {
  let csv = '';
  const id = idPool();
  for (const r of rows) {
    // Every row carries candidate ids for its household and family: the apply takes those of
    // the first row that survives the duplicate check.
    const p = r.person, h = r.household, d = r.desil;
    const warnings = r.nikWarnings.length === 0 ? r.nikWarnings : [...new Set(r.nikWarnings)].sort();
    csv += `${r.rowNo},${id()},${id()},${r.kk ? id() : ''},${r.kk ? id() : ''},${field(r.nik)},${field(r.kk)},${field(r.householdRef)},`
      + `${field(r.villageCode)},${field(h.address)},${field(h.rt)},${field(h.rw)},${field(r.indicators)},`
      + `${field(p.fullName)},${field(p.birthPlace)},${field(p.birthDate)},${field(p.sex)},${field(p.relationship)},${field(p.maritalStatus)},`
      + `${field(p.presence)},${field(p.pregnant)},${field(p.documentsHeld)},${field(p.schoolParticipation)},${field(p.educationLevel)},`
      + `${field(p.workStatus)},${field(p.workSector)},${field(p.disability)},${field(p.chronicIllnesses)},${field(p.healthInsurance)},`
      + `${field(p.pipKip)},${field(p.dukcapilMatch)},${field(d?.desil)},${field(d?.source)},${field(d?.date)},${field(warnings)}\n`;
  }
  return csv;
}


/** What a chunk's rows name that the registry may already hold (distinct household references and KKs). */
export interface StageKeys {
  niks: string[];
  householdRefs: string[];
  kks: string[];
}

export function stageKeys(rows: readonly ImportedRow[]): StageKeys {
  return {
    niks: rows.map((r) => r.nik),
    householdRefs: [...new Set(rows.map((r) => r.householdRef))],
    kks: [...new Set(rows.flatMap((r) => (r.kk ? [r.kk] : [])))],
  };
}
