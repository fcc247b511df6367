import {
  codesOf, HouseholdIndicatorFields, HouseholdIndicators, normalizeAreaCode, PersonInput, validateKk, validateNik,
  type CodeListName,
} from '@slrt/core';
import type { z } from 'zod';
import type { CanonicalColumn } from './columns.ts';
import type { Cell } from './read-file.ts';
import { readCode, readCodeSet, readDate, readDecimal, readInt, readNumberText, readSex, readYesNo } from './values.ts';

/**
 * One row of an import file checked and read into what the registry stores, or the reasons
 * it is rejected (column + message key). Pure: the area lookups come in `RowContext`.
 */

export interface RowContext {
  /** Dotted village codes of the deployment's kabupaten. */
  villages: ReadonlySet<string>;
  /** BPS village code -> dotted Kemendagri code (areas.bps_code crosswalk). */
  bps: ReadonlyMap<string, string>;
  knownRegion: (code: string) => boolean | undefined;
  desilSource?: string | undefined;
  desilDate?: string | undefined;
  today?: Date;
}

type Indicators = z.infer<typeof HouseholdIndicatorFields>;

export interface ImportedRow {
  rowNo: number;
  nik: string;
  kk: string | null;
  householdRef: string;
  villageCode: string;
  /** Only the household fields the file has a value for: an empty cell never clears. */
  household: { address?: string; rt?: string; rw?: string };
  indicators: Partial<Indicators>;
  person: Record<string, unknown>;
  desil?: { desil: number; source: string; date: string };
  nikWarnings: string[];
}

export interface RowError {
  column: string;
  key: string;
  params?: Record<string, string | number>;
}

const PERSON_CODE_COLUMNS = {
  relationship: ['relationship', 'relationship'],
  marital_status: ['maritalStatus', 'marital_status'],
  presence: ['presence', 'presence'],
  school_participation: ['schoolParticipation', 'school_participation'],
  education_level: ['educationLevel', 'education_level'],
  work_status: ['workStatus', 'work_status'],
  work_sector: ['workSector', 'work_sector'],
  dukcapil_match: ['dukcapilMatch', 'dukcapil_match'],
} as const satisfies Partial<Record<CanonicalColumn, readonly [string, CodeListName]>>;

const PERSON_SET_COLUMNS = {
  documents_held: ['documentsHeld', 'documents_held'],
  chronic_illness: ['chronicIllnesses', 'chronic_illness'],
  health_insurance: ['healthInsurance', 'health_insurance'],
} as const satisfies Partial<Record<CanonicalColumn, readonly [string, CodeListName]>>;

const HOUSEHOLD_CODE_COLUMNS = {
  tenure: ['tenure', 'tenure'],
  land_evidence: ['landEvidence', 'land_evidence'],
  floor: ['floor', 'floor'],
  wall: ['wall', 'wall'],
  roof: ['roof', 'roof'],
  water: ['water', 'water'],
  lighting: ['lighting', 'lighting'],
  power_va: ['powerVa', 'power_va'],
  cooking_fuel: ['cookingFuel', 'cooking_fuel'],
  toilet: ['toilet', 'toilet'],
  disposal: ['disposal', 'disposal'],
} as const satisfies Partial<Record<CanonicalColumn, readonly [keyof Indicators, CodeListName]>>;

const HOUSEHOLD_SET_COLUMNS = {
  programs_received: ['programsReceived', 'programs_received'],
  assets: ['assets', 'assets'],
} as const satisfies Partial<Record<CanonicalColumn, readonly [keyof Indicators, CodeListName]>>;

/** Person field -> import column, to name the column of a rule that fails. */
const FIELD_COLUMN: Record<string, string> = {
  fullName: 'full_name', birthPlace: 'birth_place', birthDate: 'birth_date', maritalStatus: 'marital_status',
  pregnant: 'pregnant', disability: 'disability', chronicIllnesses: 'chronic_illness', healthInsurance: 'health_insurance',
  documentsHeld: 'documents_held', pipKip: 'pip_kip', sex: 'sex',
};

/** The column of each disability domain (`disability_seeing`, ...). */
const DISABILITY_COLUMNS = codesOf('disability_domain').map((domain) => [domain, `disability_${domain}` as CanonicalColumn] as const);
// The column tables as lists, once (not a new list per row).
const PERSON_CODES = Object.entries(PERSON_CODE_COLUMNS);
const PERSON_SETS = Object.entries(PERSON_SET_COLUMNS);
const HOUSEHOLD_CODES = Object.entries(HOUSEHOLD_CODE_COLUMNS);
const HOUSEHOLD_SETS = Object.entries(HOUSEHOLD_SET_COLUMNS);

/**
 * Direct checks of what PersonInput and HouseholdIndicators check, for the fields the import
 * builds: true only when zod would accept the value, so the row skips zod (a large part of
 * the cost of a row); false sends the value to zod, which gives the issues. Never more
 * lenient than the schemas: any field or value not recognised here answers false.
 */
const codeSets = new Map<CodeListName, ReadonlySet<string>>();
function isCode(list: CodeListName, v: unknown): boolean {
  let set = codeSets.get(list);
  if (!set) codeSets.set(list, (set = new Set(codesOf(list))));
  return typeof v === 'string' && set.has(v);
}
function isCodeSet(list: CodeListName, v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!isCode(list, v[i]) || v.indexOf(v[i]) !== i) return false;
  return true;
}
function trimmedWithin(v: unknown, max: number): boolean {
  if (typeof v !== 'string') return false;
  const n = v.trim().length;
  return n >= 1 && n <= max;
}
/** A real date `YYYY-MM-DD` (years from 1800), not after today (local time, as PersonInput). */
function pastDate(v: unknown): boolean {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const y = Number(v.slice(0, 4)), m = Number(v.slice(5, 7)), d = Number(v.slice(8, 10));
  const check = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return false;
  return v <= today();
}

/** Today as `YYYY-MM-DD` (local time), read from the clock at most once a second, not once a row. */
let todayText = '', todayReadAt = -Infinity;
function today(): string {
  const ms = Date.now();
  if (ms - todayReadAt >= 1000 || ms < todayReadAt) {
    const now = new Date(ms);
    todayText = `${String(now.getFullYear()).padStart(4, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    todayReadAt = ms;
  }
  return todayText;
}

const PERSON_CODE_FIELDS = new Map<string, CodeListName>(Object.values(PERSON_CODE_COLUMNS));
const PERSON_SET_FIELDS = new Map<string, CodeListName>(Object.values(PERSON_SET_COLUMNS));
const INDICATOR_CODE_FIELDS = new Map<string, CodeListName>(Object.values(HOUSEHOLD_CODE_COLUMNS));
const INDICATOR_SET_FIELDS = new Map<string, CodeListName>(Object.values(HOUSEHOLD_SET_COLUMNS));
const INDICATOR_KEYS = Object.keys(HouseholdIndicatorFields.shape);

/** True when every field is a code of its list, a set of codes of its list, or passes `other`. */
function fieldsSurelyValid(
  record: Record<string, unknown>, codes: Map<string, CodeListName>, sets: Map<string, CodeListName>, other: (key: string, v: unknown) => boolean,
): boolean {
  for (const key in record) {
    const v = record[key];
    const codeList = codes.get(key);
    const setList = sets.get(key);
    const ok = codeList ? isCode(codeList, v) : setList ? isCodeSet(setList, v) : other(key, v);
    if (!ok) return false;
  }
  return true;
}

function personSurelyValid(person: Record<string, unknown>): boolean {
  return fieldsSurelyValid(person, PERSON_CODE_FIELDS, PERSON_SET_FIELDS, (key, v) => {
    switch (key) {
      case 'fullName': return trimmedWithin(v, 200);
      case 'birthPlace': return trimmedWithin(v, 100);
      case 'sex': return v === 'M' || v === 'F';
      case 'birthDate': return pastDate(v);
      case 'pregnant': return typeof v === 'boolean' && (!v || person.sex === 'F');
      case 'pipKip': return typeof v === 'boolean';
      case 'disability':
        return typeof v === 'object' && v !== null && !Array.isArray(v)
          && Object.entries(v).every(([domain, severity]) => isCode('disability_domain', domain) && isCode('disability_severity', severity));
      default: return false;
    }
  });
}

function indicatorsSurelyValid(indicators: Record<string, unknown>): boolean {
  const fieldsValid = fieldsSurelyValid(indicators, INDICATOR_CODE_FIELDS, INDICATOR_SET_FIELDS, (key, v) => {
    switch (key) {
      case 'floorAreaM2': return typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 10_000;
      case 'ownsLand': case 'ownsOtherHouse': return typeof v === 'boolean';
      default: return false;
    }
  });
  return fieldsValid && !(indicators.powerVa !== undefined && indicators.lighting !== undefined && indicators.lighting !== 'pln_metered');
}

/** The object with its keys in the schema's order (as zod's output has them). */
function inSchemaOrder(o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in o) out[k] = o[k];
  return out;
}

export function parseImportRow(rowNo: number, cells: Partial<Record<CanonicalColumn, Cell>>, ctx: RowContext): { row?: ImportedRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const text = (c: CanonicalColumn) => cells[c]?.text ?? '';
  const bad = (column: string, key = 'registry.import.bad_value', params: Record<string, string | number> = {}) => {
    errors.push({ column, key, params: { column, ...params } });
  };

  // Identity: NIK required; NIK and KK as text, flagged when a spreadsheet number mangled them.
  const nikCell = cells.nik ? readNumberText(cells.nik.text, cells.nik.numeric) : undefined;
  let nik = '';
  if (!nikCell) bad('nik', 'registry.import.nik_required');
  else if (nikCell.suspicious) bad('nik', 'nik.spreadsheet_number');
  else nik = nikCell.value;
  const kkCell = cells.kk ? readNumberText(cells.kk.text, cells.kk.numeric) : undefined;
  let kk: string | null = null;
  if (kkCell?.suspicious) bad('kk', 'nik.spreadsheet_number');
  else if (kkCell) {
    const check = validateKk(kkCell.value, { knownRegion: ctx.knownRegion });
    if (check.errors[0]) bad('kk', check.errors[0].code.replace('_', '.'), { length: kkCell.value.length, code: kkCell.value.slice(0, 2) });
    else kk = kkCell.value;
  }

  const fullName = text('full_name').replace(/\s+/g, ' ').trim();
  if (fullName === '') bad('full_name', 'registry.import.required');
  const sex = readSex(text('sex'));
  if (sex === undefined) bad('sex', 'registry.import.required');
  else if (sex === null) bad('sex');

  // Village: Kemendagri (dotted or 10 digits), else the BPS crosswalk.
  let villageCode = '';
  const rawVillage = text('village_code');
  const rawBps = text('village_code_bps').replace(/\D/g, '');
  const dotted = rawVillage ? normalizeAreaCode(rawVillage.replace(/^'/, '')) : null;
  if (dotted && ctx.villages.has(dotted)) villageCode = dotted;
  else if (rawBps && ctx.bps.has(rawBps)) villageCode = ctx.bps.get(rawBps)!;
  else if (rawVillage && ctx.bps.has(rawVillage.replace(/\D/g, ''))) villageCode = ctx.bps.get(rawVillage.replace(/\D/g, ''))!;
  else if (!rawVillage && !rawBps) bad('village_code', 'registry.import.required');
  else bad(rawVillage ? 'village_code' : 'village_code_bps', 'registry.import.village_unknown', { value: rawVillage || rawBps });

  const person: Record<string, unknown> = { fullName, sex };
  const birthDate = readDate(text('birth_date'), cells.birth_date?.numeric);
  if (birthDate === null) bad('birth_date', 'registry.import.bad_date');
  else if (birthDate !== undefined) person.birthDate = birthDate;
  const birthPlace = text('birth_place');
  if (birthPlace) person.birthPlace = birthPlace.slice(0, 100);

  for (const [column, [field, list]] of PERSON_CODES) {
    const v = readCode(list, text(column as CanonicalColumn));
    if (v === null) bad(column);
    else if (v !== undefined) person[field] = v;
  }
  for (const [column, [field, list]] of PERSON_SETS) {
    const v = readCodeSet(list, text(column as CanonicalColumn));
    if (v === null) bad(column);
    else if (v !== undefined) person[field] = v;
  }
  for (const [column, field] of [['pregnant', 'pregnant'], ['pip_kip', 'pipKip']] as const) {
    const v = readYesNo(text(column));
    if (v === null) bad(column);
    else if (v !== undefined) person[field] = v;
  }
  const disability: Record<string, string> = {};
  for (const [domain, column] of DISABILITY_COLUMNS) {
    const v = readCode('disability_severity', text(column));
    if (v === null) bad(column);
    else if (v !== undefined) disability[domain] = v;
  }
  if (Object.keys(disability).length) person.disability = disability;

  // Household indicators.
  const indicators: Record<string, unknown> = {};
  for (const [column, [field, list]] of HOUSEHOLD_CODES) {
    const v = readCode(list, text(column as CanonicalColumn));
    if (v === null) bad(column);
    else if (v !== undefined) indicators[field] = v;
  }
  for (const [column, [field, list]] of HOUSEHOLD_SETS) {
    const v = readCodeSet(list, text(column as CanonicalColumn));
    if (v === null) bad(column);
    else if (v !== undefined) indicators[field] = v;
  }
  const area = readDecimal(text('floor_area_m2'));
  if (area === null) bad('floor_area_m2');
  else if (area !== undefined) indicators.floorAreaM2 = area;
  for (const [column, field] of [['owns_land', 'ownsLand'], ['owns_other_house', 'ownsOtherHouse']] as const) {
    const v = readYesNo(text(column));
    if (v === null) bad(column);
    else if (v !== undefined) indicators[field] = v;
  }
  // HouseholdIndicators' rules: checked directly for the usual row, by zod (and its issues) otherwise.
  const checkedIndicators = indicatorsSurelyValid(indicators)
    ? { success: true as const, data: inSchemaOrder(indicators, INDICATOR_KEYS), error: undefined }
    : HouseholdIndicators.safeParse(indicators);
  if (!checkedIndicators.success) {
    for (const issue of checkedIndicators.error.issues) bad(String(issue.path[0] ?? 'indicators').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  }

  // The national decile, with its source and date.
  let desil: ImportedRow['desil'];
  const desilValue = readInt(text('desil'), 1, 10);
  if (desilValue === null) bad('desil', 'registry.import.bad_desil');
  else if (desilValue !== undefined) {
    const date = readDate(text('desil_date'), cells.desil_date?.numeric) ?? (text('desil_date') ? null : ctx.desilDate);
    if (date === null) bad('desil_date', 'registry.import.bad_date');
    else if (date === undefined) bad('desil_date', 'registry.import.desil_date_required');
    else desil = { desil: desilValue, source: (text('desil_source') || ctx.desilSource || 'DTSEN').slice(0, 100), date };
  }

  const rt = text('rt').replace(/\D/g, '');
  const rw = text('rw').replace(/\D/g, '');
  const household: ImportedRow['household'] = {};
  if (text('address')) household.address = text('address').slice(0, 300);
  if (rt) household.rt = rt.padStart(3, '0').slice(-3);
  if (rw) household.rw = rw.padStart(3, '0').slice(-3);

  // The person as a whole (PersonInput's rules), and the NIK against the recorded birth date and sex.
  let nikWarnings: string[] = [];
  if (nik) {
    const check = validateNik(nik, { ...(person.birthDate ? { birthDate: person.birthDate as string } : {}), ...(sex ? { sex } : {}) }, { knownRegion: ctx.knownRegion, ...(ctx.today ? { today: ctx.today } : {}) });
    if (check.errors[0]) bad('nik', check.errors[0].code.replace('_', '.'), { length: nik.length, code: nik.slice(0, 2) });
    else nikWarnings = check.warnings.map((w) => w.code);
  }
  if (errors.length === 0 && !personSurelyValid(person)) {
    const checked = PersonInput.safeParse(person);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = String(issue.path[0] ?? '');
        bad(FIELD_COLUMN[field] ?? field, field === 'pregnant' ? 'registry.import.pregnant_not_female' : 'registry.import.bad_value');
      }
    }
  }
  if (errors.length > 0) return { errors };

  return {
    errors,
    row: {
      rowNo, nik, kk, householdRef: text('household_ref') || kk || `nik:${nik}`, villageCode, household,
      indicators: checkedIndicators.success ? (checkedIndicators.data as Partial<Indicators>) : {}, person, nikWarnings,
      ...(desil ? { desil } : {}),
    },
  };
}
