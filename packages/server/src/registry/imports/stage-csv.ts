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
  let lastMs = -1, prefix = '';
  return () => {
    if (at + 10 > pool.length) {
      pool = randomBytes(10 * 8192);
      at = 0;
    }
    const r = pool, o = at;
    at += 10;
    // the millisecond's hex only when it changed: thousands of ids share one (a fifth of the staging CSV's CPU went to it)
    const now = Date.now();
    if (now !== lastMs) {
      lastMs = now;
      const t = now.toString(16).padStart(12, '0');
      prefix = `${t.slice(0, 8)}-${t.slice(8, 12)}-7`;
    }
    return `${prefix}${HEX[r[o]!]!.slice(1)}${HEX[r[o + 1]!]}-${HEX[(r[o + 2]! & 0x3f) | 0x80]}${HEX[r[o + 3]!]}-`
      + `${HEX[r[o + 4]!]}${HEX[r[o + 5]!]}${HEX[r[o + 6]!]}${HEX[r[o + 7]!]}${HEX[r[o + 8]!]}${HEX[r[o + 9]!]}`;
  };
}

/** Text appended as UTF-8 to one growing buffer: no long string built by concatenation. */
class Bytes {
  private buf = Buffer.allocUnsafe(1 << 20);
  private at = 0;
  write(s: string): void {
    if (this.at + s.length * 3 > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + s.length * 3));
      this.buf.copy(grown, 0, 0, this.at);
      this.buf = grown;
    }
    this.at += this.buf.write(s, this.at, 'utf8');
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.at);
  }
}

/**
 * The chunk's checked rows as CSV for the staging table (columns in STAGE_COLS order), as
 * UTF-8 bytes. A row's household indicators are left empty (NULL) when the row before it is of
 * the same household with the same indicators: merging them again would change nothing (the
 * apply merges the rows that carry them), and they are most of a row's bytes.
 */
export function stageCsv(rows: readonly ImportedRow[]): Uint8Array {
  const out = new Bytes();
  const id = idPool();
  let lastRef: string | null = null, lastIndicators = '';
  for (const r of rows) {
    // Every row carries candidate ids for its household and family: the apply takes those of
    // the first row that survives the duplicate check.
    const p = r.person, h = r.household, d = r.desil;
    const warnings = r.nikWarnings.length === 0 ? r.nikWarnings : [...new Set(r.nikWarnings)].sort();
    const indicators = JSON.stringify(r.indicators);
    const repeated = r.householdRef === lastRef && indicators === lastIndicators;
    lastRef = r.householdRef;
    lastIndicators = indicators;
    out.write(`${r.rowNo},${id()},${id()},${r.kk ? id() : ''},${r.kk ? id() : ''},${field(r.nik)},${field(r.kk)},${field(r.householdRef)},`
      + `${field(r.villageCode)},${field(h.address)},${field(h.rt)},${field(h.rw)},${repeated ? '' : field(indicators)},`
      + `${field(p.fullName)},${field(p.birthPlace)},${field(p.birthDate)},${field(p.sex)},${field(p.relationship)},${field(p.maritalStatus)},`
      + `${field(p.presence)},${field(p.pregnant)},${field(p.documentsHeld)},${field(p.schoolParticipation)},${field(p.educationLevel)},`
      + `${field(p.workStatus)},${field(p.workSector)},${field(p.disability)},${field(p.chronicIllnesses)},${field(p.healthInsurance)},`
      + `${field(p.pipKip)},${field(p.dukcapilMatch)},${field(d?.desil)},${field(d?.source)},${field(d?.date)},${field(warnings)}\n`);
  }
  return out.bytes();
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
