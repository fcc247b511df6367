import type { HouseholdIndicators } from '@slrt/core';

/**
 * The registry's records as the service hands them around (camelCase, every field, specific
 * personal data included), and the one table of which API field lives in which column.
 */

export type RegistryStatus = 'registered' | 'proposed' | 'not_registered' | 'inactive';

export interface PersonRecord {
  id: string;
  kabCode: string;
  villageCode: string;
  villageName: string;
  kecamatanCode: string;
  kecamatanName: string;
  householdId: string;
  familyId: string | null;
  nik: string | null;
  kk: string | null;
  fullName: string;
  birthPlace: string | null;
  birthDate: string | null;
  sex: 'M' | 'F';
  relationship: string | null;
  maritalStatus: string | null;
  presence: string | null;
  pregnant: boolean | null;
  documentsHeld: string[] | null;
  schoolParticipation: string | null;
  educationLevel: string | null;
  workStatus: string | null;
  workSector: string | null;
  disability: Record<string, string> | null;
  chronicIllnesses: string[] | null;
  healthInsurance: string[] | null;
  pipKip: boolean | null;
  dukcapilMatch: string | null;
  registryStatus: RegistryStatus;
  inactiveReason: string | null;
  desil: number | null;
  desilSource: string | null;
  desilDate: string | null;
  /** NIK warning codes acknowledged for this record (by an officer, or from an import). */
  nikWarnings: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface HouseholdRecord {
  id: string;
  kabCode: string;
  villageCode: string;
  villageName: string;
  kecamatanCode: string;
  kecamatanName: string;
  address: string | null;
  rt: string | null;
  rw: string | null;
  indicators: HouseholdIndicators;
  desil: number | null;
  desilSource: string | null;
  desilDate: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface FamilyRecord {
  id: string;
  kabCode: string;
  villageCode: string;
  householdId: string;
  kk: string | null;
  version: number;
}

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

/** Raw person row of PERSON_SELECT. */
export interface PersonRow {
  id: string;
  kab_code: string;
  village_code: string;
  village_name: string;
  kecamatan_code: string;
  kecamatan_name: string;
  household_id: string;
  family_id: string | null;
  nik: string | null;
  kk: string | null;
  full_name: string;
  birth_place: string | null;
  birth_date: string | null;
  sex: 'M' | 'F';
  relationship: string | null;
  marital_status: string | null;
  presence: string | null;
  pregnant: boolean | null;
  documents_held: string[] | null;
  school_participation: string | null;
  education_level: string | null;
  work_status: string | null;
  work_sector: string | null;
  disability: Record<string, string> | null;
  chronic_illnesses: string[] | null;
  health_insurance: string[] | null;
  pip_kip: boolean | null;
  dukcapil_match: string | null;
  registry_status: RegistryStatus;
  inactive_reason: string | null;
  desil: number | null;
  desil_source: string | null;
  desil_date: string | null;
  nik_warnings: string[];
  version: number;
  created_at: Date;
  updated_at: Date;
  name_norm: string;
}

export function personFromRow(r: PersonRow): PersonRecord {
  return {
    id: r.id,
    kabCode: r.kab_code,
    villageCode: r.village_code,
    villageName: r.village_name,
    kecamatanCode: r.kecamatan_code,
    kecamatanName: r.kecamatan_name,
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

export interface HouseholdRow {
  id: string;
  kab_code: string;
  village_code: string;
  village_name: string;
  kecamatan_code: string;
  kecamatan_name: string;
  address: string | null;
  rt: string | null;
  rw: string | null;
  indicators: HouseholdIndicators;
  desil: number | null;
  desil_source: string | null;
  desil_date: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export function householdFromRow(r: HouseholdRow): HouseholdRecord {
  return {
    id: r.id,
    kabCode: r.kab_code,
    villageCode: r.village_code,
    villageName: r.village_name,
    kecamatanCode: r.kecamatan_code,
    kecamatanName: r.kecamatan_name,
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
