import type { Camel, Col, Cols, VillageNames } from '../db/rows.ts';

/**
 * The registry's records as the service hands them around (camelCase, every field, specific
 * personal data included), and the one table of which API field lives in which column.
 */

export type RegistryStatus = Col<'persons', 'registry_status'>;

/**
 * A person as the service hands it around: PERSON_SELECT's row in camelCase. `nikWarnings` are
 * the NIK warning codes acknowledged for this record (by an officer, or from an import).
 */
export type PersonRecord = Camel<Omit<PersonRow, 'name_norm'>>;

/** A household as the service hands it around: HOUSEHOLD_SELECT's row in camelCase. */
export type HouseholdRecord = Camel<HouseholdRow>;

export type FamilyRecord = Camel<Cols<'families', 'id' | 'kab_code' | 'village_code' | 'household_id' | 'kk' | 'version'>>;

type ColumnKind = 'text' | 'date' | 'bool' | 'int' | 'text[]' | 'jsonb';

/** Person fields that a change may set, with their column. Order = history order. */
export const PERSON_COLUMNS = {
  nik: ['nik', 'text'],
  kk: ['kk', 'text'],
  fullName: ['full_name', 'text'],
  birthPlace: ['birth_place', 'text'],
  birthDate: ['birth_date', 'date'],
  sex: ['sex', 'text'],
  relationship: ['relationship', 'text'],
  maritalStatus: ['marital_status', 'text'],
  presence: ['presence', 'text'],
  pregnant: ['pregnant', 'bool'],
  documentsHeld: ['documents_held', 'text[]'],
  schoolParticipation: ['school_participation', 'text'],
  educationLevel: ['education_level', 'text'],
  workStatus: ['work_status', 'text'],
  workSector: ['work_sector', 'text'],
  disability: ['disability', 'jsonb'],
  chronicIllnesses: ['chronic_illnesses', 'text[]'],
  healthInsurance: ['health_insurance', 'text[]'],
  pipKip: ['pip_kip', 'bool'],
  dukcapilMatch: ['dukcapil_match', 'text'],
  registryStatus: ['registry_status', 'text'],
  inactiveReason: ['inactive_reason', 'text'],
  desil: ['desil', 'int'],
  desilSource: ['desil_source', 'text'],
  desilDate: ['desil_date', 'date'],
  nikWarnings: ['nik_warnings', 'text[]'],
  householdId: ['household_id', 'uuid'],
  familyId: ['family_id', 'uuid'],
  villageCode: ['village_code', 'text'],
} as const satisfies Partial<Record<keyof PersonRecord, readonly [string, ColumnKind | 'uuid']>>;
export type PersonColumnField = keyof typeof PERSON_COLUMNS;

export const HOUSEHOLD_COLUMNS = {
  villageCode: ['village_code', 'text'],
  address: ['address', 'text'],
  rt: ['rt', 'text'],
  rw: ['rw', 'text'],
  indicators: ['indicators', 'jsonb'],
  desil: ['desil', 'int'],
  desilSource: ['desil_source', 'text'],
  desilDate: ['desil_date', 'date'],
} as const satisfies Partial<Record<keyof HouseholdRecord, readonly [string, ColumnKind]>>;

export const FAMILY_COLUMNS = {
  kk: ['kk', 'text'],
  householdId: ['household_id', 'uuid'],
  villageCode: ['village_code', 'text'],
} as const satisfies Partial<Record<keyof FamilyRecord, readonly [string, ColumnKind | 'uuid']>>;

/** The SQL cast of a parameter for a column kind. */
export function castOf(kind: string): string {
  switch (kind) {
    case 'date': return '::date';
    case 'bool': return '::boolean';
    case 'int': return '::smallint';
    case 'text[]': return '::text[]';
    case 'jsonb': return '::jsonb';
    case 'uuid': return '::uuid';
    default: return '::text';
  }
}

/** A value as a query parameter for its column kind (jsonb travels as text). */
export function paramOf(kind: string, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (kind === 'jsonb') return JSON.stringify(value);
  return value;
}

/** The first fields of a registry record: its id, kabupaten and village with the village's and kecamatan's names. */
function placeFromRow(r: Cols<'persons', 'id' | 'kab_code' | 'village_code'> & VillageNames) {
  return { id: r.id, kabCode: r.kab_code, villageCode: r.village_code, villageName: r.village_name, kecamatanCode: r.kecamatan_code, kecamatanName: r.kecamatan_name };
}

/** Raw person row of PERSON_SELECT (registry/queries.ts). */
export type PersonRow = Cols<'persons',
  | 'id' | 'kab_code' | 'village_code' | 'household_id' | 'family_id' | 'nik' | 'kk' | 'full_name' | 'birth_place'
  | 'birth_date' | 'sex' | 'relationship' | 'marital_status' | 'presence' | 'pregnant' | 'documents_held'
  | 'school_participation' | 'education_level' | 'work_status' | 'work_sector' | 'disability' | 'chronic_illnesses'
  | 'health_insurance' | 'pip_kip' | 'dukcapil_match' | 'registry_status' | 'inactive_reason' | 'desil' | 'desil_source'
  | 'desil_date' | 'nik_warnings' | 'version' | 'created_at' | 'updated_at' | 'name_norm'> & VillageNames;

export function personFromRow(r: PersonRow): PersonRecord {
  return {
    ...placeFromRow(r),
    householdId: r.household_id,
    familyId: r.family_id,
    nik: r.nik,
    kk: r.kk,
    fullName: r.full_name,
    birthPlace: r.birth_place,
    birthDate: r.birth_date,
    sex: r.sex,
    relationship: r.relationship,
    maritalStatus: r.marital_status,
    presence: r.presence,
    pregnant: r.pregnant,
    documentsHeld: r.documents_held,
    schoolParticipation: r.school_participation,
    educationLevel: r.education_level,
    workStatus: r.work_status,
    workSector: r.work_sector,
    disability: r.disability,
    chronicIllnesses: r.chronic_illnesses,
    healthInsurance: r.health_insurance,
    pipKip: r.pip_kip,
    dukcapilMatch: r.dukcapil_match,
    registryStatus: r.registry_status,
    inactiveReason: r.inactive_reason,
    desil: r.desil,
    desilSource: r.desil_source,
    desilDate: r.desil_date,
    nikWarnings: r.nik_warnings ?? [],
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Raw household row of HOUSEHOLD_SELECT (registry/queries.ts). */
export type HouseholdRow = Cols<'households',
  | 'id' | 'kab_code' | 'village_code' | 'address' | 'rt' | 'rw' | 'indicators' | 'desil' | 'desil_source' | 'desil_date'
  | 'version' | 'created_at' | 'updated_at'> & VillageNames;

export function householdFromRow(r: HouseholdRow): HouseholdRecord {
  return {
    ...placeFromRow(r),
    address: r.address,
    rt: r.rt,
    rw: r.rw,
    indicators: r.indicators ?? {},
    desil: r.desil,
    desilSource: r.desil_source,
    desilDate: r.desil_date,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
