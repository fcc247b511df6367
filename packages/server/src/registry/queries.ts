import type { Permission } from '@slrt/core';
import { areaScopeSql, SqlParams, type Actor } from '../access/actor.ts';
import type { Queryable } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Col, Cols, InJson } from '../db/rows.ts';
import {
  castOf, FAMILY_COLUMNS, HOUSEHOLD_COLUMNS, householdFromRow, paramOf, PERSON_COLUMNS, personFromRow,
  type FamilyRecord, type HouseholdRecord, type HouseholdRow,
  type PersonColumnField, type PersonRecord, type PersonRow,
} from './records.ts';

/**
 * SQL of the registry records (search is in search-queries.ts). Every read that serves a
 * caller takes the actor and a permission and is scoped with areaScopeSql; the `Unscoped`
 * reads are for the service after it has checked scope, and for the import worker.
 */

export const PERSON_SELECT = `
  SELECT p.id, p.kab_code, p.village_code, v.name AS village_name, k.code AS kecamatan_code, k.name AS kecamatan_name,
    p.household_id, p.family_id, p.nik, p.kk, p.full_name, p.birth_place, p.birth_date, p.sex, p.relationship,
    p.marital_status, p.presence, p.pregnant, p.documents_held, p.school_participation, p.education_level,
    p.work_status, p.work_sector, p.disability, p.chronic_illnesses, p.health_insurance, p.pip_kip,
    p.dukcapil_match, p.registry_status, p.inactive_reason, p.desil, p.desil_source, p.desil_date,
    p.nik_warnings, p.version, p.created_at, p.updated_at, p.name_norm
  FROM persons p
  JOIN areas v ON v.code = p.village_code
  JOIN areas k ON k.code = v.parent_code`;

const HOUSEHOLD_SELECT = `
  SELECT h.id, h.kab_code, h.village_code, v.name AS village_name, k.code AS kecamatan_code, k.name AS kecamatan_name,
    h.address, h.rt, h.rw, h.indicators, h.desil, h.desil_source, h.desil_date, h.version, h.created_at, h.updated_at
  FROM households h
  JOIN areas v ON v.code = h.village_code
  JOIN areas k ON k.code = v.parent_code`;

export async function selectPersonInScope(q: Queryable, actor: Actor, permission: Permission, id: string, opts: { forUpdate?: boolean } = {}): Promise<PersonRecord | null> {
  const params = new SqlParams();
  const idParam = params.add(id);
  const scope = areaScopeSql(actor, permission, params, { kab: 'p.kab_code', village: 'p.village_code' });
  const { rows } = await q.query<PersonRow>(
    `${PERSON_SELECT} WHERE p.id = ${idParam} AND ${scope}${opts.forUpdate ? ' FOR UPDATE OF p' : ''}`,
    params.values,
  );
  return rows[0] ? personFromRow(rows[0]) : null;
}

export async function selectPersonUnscoped(q: Queryable, kabCode: string, id: string): Promise<PersonRecord | null> {
  const { rows } = await q.query<PersonRow>(`${PERSON_SELECT} WHERE p.kab_code = $1 AND p.id = $2`, [kabCode, id]);
  return rows[0] ? personFromRow(rows[0]) : null;
}

export async function selectPersonIdByNik(q: Queryable, kabCode: string, nik: string): Promise<Cols<'persons', 'id' | 'village_code'> & { village_name: Col<'areas', 'name'> } | null> {
  const { rows } = await q.query<Cols<'persons', 'id' | 'village_code'> & { village_name: Col<'areas', 'name'> }>(
    'SELECT p.id, p.village_code, v.name AS village_name FROM persons p JOIN areas v ON v.code = p.village_code WHERE p.kab_code = $1 AND p.nik = $2',
    [kabCode, nik],
  );
  return rows[0] ?? null;
}

export async function selectPersonsOfHousehold(q: Queryable, householdId: string): Promise<PersonRecord[]> {
  const { rows } = await q.query<PersonRow>(
    `${PERSON_SELECT} WHERE p.household_id = $1
     ORDER BY p.family_id NULLS LAST, CASE p.relationship WHEN 'head' THEN 0 WHEN 'spouse' THEN 1 ELSE 2 END, p.birth_date NULLS LAST, p.id`,
    [householdId],
  );
  return rows.map(personFromRow);
}

export async function selectHouseholdInScope(q: Queryable, actor: Actor, permission: Permission, id: string, opts: { forUpdate?: boolean } = {}): Promise<HouseholdRecord | null> {
  const params = new SqlParams();
  const idParam = params.add(id);
  const scope = areaScopeSql(actor, permission, params, { kab: 'h.kab_code', village: 'h.village_code' });
  const { rows } = await q.query<HouseholdRow>(
    `${HOUSEHOLD_SELECT} WHERE h.id = ${idParam} AND ${scope}${opts.forUpdate ? ' FOR UPDATE OF h' : ''}`,
    params.values,
  );
  return rows[0] ? householdFromRow(rows[0]) : null;
}

type FamilyRow = Cols<'families', 'id' | 'kab_code' | 'village_code' | 'household_id' | 'kk' | 'version'>;
const familyFromRow = (r: FamilyRow): FamilyRecord => ({
  id: r.id, kabCode: r.kab_code, villageCode: r.village_code, householdId: r.household_id, kk: r.kk, version: r.version,
});

export async function selectFamilyInScope(q: Queryable, actor: Actor, permission: Permission, id: string, opts: { forUpdate?: boolean } = {}): Promise<FamilyRecord | null> {
  const params = new SqlParams();
  const idParam = params.add(id);
  const scope = areaScopeSql(actor, permission, params, { kab: 'f.kab_code', village: 'f.village_code' });
  const { rows } = await q.query<FamilyRow>(
    `SELECT f.id, f.kab_code, f.village_code, f.household_id, f.kk, f.version FROM families f
     WHERE f.id = ${idParam} AND ${scope}${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    params.values,
  );
  return rows[0] ? familyFromRow(rows[0]) : null;
}

export async function selectFamilyByKk(q: Queryable, kabCode: string, kk: string): Promise<FamilyRecord | null> {
  const { rows } = await q.query<FamilyRow>(
    'SELECT id, kab_code, village_code, household_id, kk, version FROM families WHERE kab_code = $1 AND kk = $2',
    [kabCode, kk],
  );
  return rows[0] ? familyFromRow(rows[0]) : null;
}

export async function selectFamiliesOfHousehold(q: Queryable, kabCode: string, householdId: string) {
  const { rows } = await q.query<FamilyRow & { kk_history: Array<InJson<Cols<'family_kk_history', 'kk' | 'valid_from' | 'valid_to' | 'reason' | 'source_type'>>> }>(
    `SELECT f.id, f.kab_code, f.village_code, f.household_id, f.kk, f.version,
       coalesce((SELECT json_agg(json_build_object('kk', h.kk, 'valid_from', h.valid_from, 'valid_to', h.valid_to,
                  'reason', h.reason, 'source_type', h.source_type) ORDER BY h.valid_from, h.id)
                 FROM family_kk_history h WHERE h.family_id = f.id), '[]') AS kk_history
     FROM families f WHERE f.kab_code = $2 AND f.household_id = $1 ORDER BY f.created_at, f.id`,
    [householdId, kabCode],
  );
  return rows.map((r) => ({ ...familyFromRow(r), kkHistory: r.kk_history }));
}

export async function insertHousehold(
  q: Queryable,
  h: { id: string; kabCode: string; villageCode: string; address?: string | null; rt?: string | null; rw?: string | null; importRef?: string | null; indicators?: object },
) {
  await q.query(
    `INSERT INTO households (id, kab_code, village_code, address, rt, rw, import_ref, indicators)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [h.id, h.kabCode, h.villageCode, h.address ?? null, h.rt ?? null, h.rw ?? null, h.importRef ?? null, JSON.stringify(h.indicators ?? {})],
  );
}

export async function insertFamily(
  q: Queryable,
  f: { id: string; kabCode: string; villageCode: string; householdId: string; kk: string | null },
  source: { type: string; id: string | null; reason?: string | null },
) {
  await q.query(
    'INSERT INTO families (id, kab_code, village_code, household_id, kk) VALUES ($1, $2, $3, $4, $5)',
    [f.id, f.kabCode, f.villageCode, f.householdId, f.kk],
  );
  if (f.kk) await insertKkHistory(q, { kabCode: f.kabCode, villageCode: f.villageCode, familyId: f.id, kk: f.kk, reason: source.reason ?? null, sourceType: source.type, sourceId: source.id });
}

export async function insertKkHistory(
  q: Queryable,
  h: { kabCode: string; villageCode: string; familyId: string; kk: string; reason: string | null; sourceType: string; sourceId: string | null },
) {
  await q.query(
    `INSERT INTO family_kk_history (id, kab_code, village_code, family_id, kk, reason, source_type, source_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [newId(), h.kabCode, h.villageCode, h.familyId, h.kk, h.reason, h.sourceType, h.sourceId],
  );
}

export async function closeKkHistory(q: Queryable, familyId: string) {
  await q.query('UPDATE family_kk_history SET valid_to = now() WHERE family_id = $1 AND valid_to IS NULL', [familyId]);
}

export type NewPersonRow = Partial<Record<PersonColumnField, unknown>> & {
  id: string; kabCode: string; villageCode: string; householdId: string; fullName: string; sex: 'M' | 'F'; registryStatus: string;
};

export async function insertPerson(q: Queryable, p: NewPersonRow) {
  const fields = (Object.keys(PERSON_COLUMNS) as PersonColumnField[]).filter((f) => p[f] !== undefined && p[f] !== null);
  const cols = ['id', 'kab_code', ...fields.map((f) => PERSON_COLUMNS[f][0])];
  const values: unknown[] = [p.id, p.kabCode, ...fields.map((f) => paramOf(PERSON_COLUMNS[f][1], p[f]))];
  const placeholders = cols.map((_, i) => (i < 2 ? `$${i + 1}` : `$${i + 1}${castOf(PERSON_COLUMNS[fields[i - 2]!][1])}`));
  await q.query(`INSERT INTO persons (${cols.join(', ')}) VALUES (${placeholders.join(', ')})`, values);
}

/** Sets the given columns, bumps the version; the caller has locked the row and checked scope. */
export async function updateColumns(
  q: Queryable,
  table: 'persons' | 'households' | 'families',
  kabCode: string,
  id: string,
  values: Record<string, unknown>,
) {
  const columns = table === 'persons' ? PERSON_COLUMNS : table === 'households' ? HOUSEHOLD_COLUMNS : FAMILY_COLUMNS;
  const sets: string[] = [];
  const params: unknown[] = [id, kabCode];
  for (const [field, value] of Object.entries(values)) {
    const spec = (columns as Record<string, readonly [string, string]>)[field];
    if (!spec) throw new Error(`${field} is not a column of ${table}`);
    params.push(paramOf(spec[1], value));
    sets.push(`${spec[0]} = $${params.length}${castOf(spec[1])}`);
  }
  const { rows } = await q.query<Cols<'persons', 'version'>>(
    `UPDATE ${table} SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE kab_code = $2 AND id = $1 RETURNING version`,
    params,
  );
  return rows[0]?.version ?? 0;
}

/** Keeps members and families in the village of their household after it moved. */
export async function moveHouseholdMembers(q: Queryable, kabCode: string, householdId: string, villageCode: string) {
  await q.query('UPDATE families SET village_code = $2 WHERE kab_code = $3 AND household_id = $1 AND village_code <> $2', [householdId, villageCode, kabCode]);
  await q.query('UPDATE persons SET village_code = $2, updated_at = now() WHERE kab_code = $3 AND household_id = $1 AND village_code <> $2', [householdId, villageCode, kabCode]);
}

/**
 * The members' copy of their household's national decile (DTSEN ranks households): written in
 * the transaction that changes the household's, so search, the person view and exports agree.
 */
export async function setMembersDesil(q: Queryable, householdId: string, d: { desil: number | null; desilSource: string | null; desilDate: string | null }) {
  await q.query(
    `UPDATE persons SET desil = $2, desil_source = $3, desil_date = $4::date, updated_at = now()
     WHERE household_id = $1 AND (desil IS DISTINCT FROM $2 OR desil_source IS DISTINCT FROM $3 OR desil_date IS DISTINCT FROM $4::date)`,
    [householdId, d.desil, d.desilSource, d.desilDate],
  );
}

/** The members' copy of their family's KK number. */
export async function setMembersKk(q: Queryable, familyId: string, kk: string | null, householdId: string, villageCode: string) {
  await q.query(
    `UPDATE persons SET kk = $2, household_id = $3, village_code = $4, updated_at = now()
     WHERE family_id = $1 AND (kk IS DISTINCT FROM $2 OR household_id <> $3 OR village_code <> $4)`,
    [familyId, kk, householdId, villageCode],
  );
}

/** The kabupaten's village of a code, for checks: null when the code is not a village of it. */
export async function selectVillage(q: Queryable, kabupatenCode: string, villageCode: string) {
  const { rows } = await q.query<Cols<'areas', 'code'>>(
    `SELECT v.code FROM areas v JOIN areas k ON k.code = v.parent_code
     WHERE v.code = $1 AND v.level = 'village' AND k.parent_code = $2`,
    [villageCode, kabupatenCode],
  );
  return rows[0]?.code ?? null;
}

/** A person's standing in the registry as a case checks it: status and welfare decile (the household's first). */
export async function selectRegistryStanding(q: Queryable, kabCode: string, personId: string) {
  const { rows } = await q.query<Cols<'persons', 'registry_status' | 'desil'> & { household_desil: Col<'households', 'desil'>; household_desil_date: Col<'households', 'desil_date'> }>(
    `SELECT p.registry_status, p.desil, h.desil AS household_desil, h.desil_date AS household_desil_date
     FROM persons p JOIN households h ON h.kab_code = p.kab_code AND h.id = p.household_id WHERE p.kab_code = $2 AND p.id = $1`,
    [personId, kabCode],
  );
  return rows[0] ?? null;
}

/** What a letter says of its resident: NIK, birth, address and registry standing. */
export type LetterResidentRow = Cols<'persons', 'nik' | 'birth_place' | 'birth_date' | 'registry_status' | 'desil' | 'desil_source' | 'desil_date'>
  & Cols<'households', 'address' | 'rt' | 'rw'>;

export async function selectLetterResident(q: Queryable, kabCode: string, personId: string): Promise<LetterResidentRow | null> {
  const { rows } = await q.query<LetterResidentRow>(
    `SELECT p.nik, p.birth_place, p.birth_date, h.address, h.rt, h.rw, p.registry_status,
       coalesce(h.desil, p.desil) AS desil, coalesce(h.desil_source, p.desil_source) AS desil_source, coalesce(h.desil_date, p.desil_date)::text AS desil_date
     FROM persons p JOIN households h ON h.kab_code = p.kab_code AND h.id = p.household_id WHERE p.kab_code = $2 AND p.id = $1`,
    [personId, kabCode],
  );
  return rows[0] ?? null;
}

/** A household of the kabupaten, whatever its village (the service checks what the caller may do with it). */
export async function selectHouseholdUnscoped(q: Queryable, kabCode: string, id: string): Promise<HouseholdRecord | null> {
  const { rows } = await q.query<HouseholdRow>(`${HOUSEHOLD_SELECT} WHERE h.kab_code = $1 AND h.id = $2`, [kabCode, id]);
  return rows[0] ? householdFromRow(rows[0]) : null;
}
