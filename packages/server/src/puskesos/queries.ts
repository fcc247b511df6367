import type { FacilityCondition, Permission, PuskesosHost, PuskesosStatus } from '@slrt/core';
import { areaScopeSql, SqlParams, type Actor } from '../access/actor.ts';
import type { Queryable, Tx } from '../db/database.ts';
import type { Col, Cols, NotNull, VillageNames, With } from '../db/rows.ts';

/**
 * SQL of the Puskesos profile: profiles (one per village), grades, facilities, the change
 * history and the supervisor's visits. Every read of a village goes through `selectProfile`
 * with the actor's scope for the route's permission (outside it: no row, 404).
 */

export type ProfileRow = With<Cols<'puskesos_profiles',
  | 'village_code' | 'kab_code' | 'status' | 'grade_code' | 'legal_basis_number' | 'legal_basis_date' | 'host' | 'opening_hours' | 'address'
  | 'phone' | 'latitude' | 'longitude' | 'population' | 'version' | 'updated_at' | 'approved_version' | 'approved_at' | 'approved_by_name'>,
  { status: PuskesosStatus; host: PuskesosHost | null }> & VillageNames;

/** The fields a PUT sets, by column. */
const PROFILE_COLUMNS = [
  'status', 'grade_code', 'legal_basis_number', 'legal_basis_date', 'host', 'opening_hours', 'address', 'phone',
  'latitude', 'longitude', 'population',
] as const;
export type ProfileColumn = (typeof PROFILE_COLUMNS)[number];

/** A row per village of the kabupaten that has none yet (empty profiles); returns how many were made. */
export async function insertMissingProfiles(q: Queryable, kabCode: string, kabDotted: string): Promise<number> {
  const res = await q.query(
    `INSERT INTO puskesos_profiles (village_code, kab_code)
     SELECT a.code, $1 FROM areas a WHERE a.level = 'village' AND a.code LIKE $2
     ON CONFLICT (village_code) DO NOTHING`,
    [kabCode, `${kabDotted}.%`],
  );
  return res.rowCount;
}

const PROFILE_SELECT = `
  SELECT p.village_code, p.kab_code, v.name AS village_name, k.code AS kecamatan_code, k.name AS kecamatan_name,
         p.status, p.grade_code, p.legal_basis_number, p.legal_basis_date::text AS legal_basis_date, p.host, p.opening_hours,
         p.address, p.phone, p.latitude, p.longitude, p.population, p.version, p.updated_at, p.approved_version, p.approved_at,
         p.approved_by_name
    FROM puskesos_profiles p
    JOIN areas v ON v.code = p.village_code
    JOIN areas k ON k.code = v.parent_code`;

/** The profile of one village when it lies in the actor's scope for `permission` (FOR UPDATE inside a write). */
export async function selectProfile(q: Queryable, actor: Actor, permission: Permission, villageCode: string, lock = false): Promise<ProfileRow | null> {
  const p = new SqlParams();
  const where = `p.village_code = ${p.add(villageCode)} AND ${areaScopeSql(actor, permission, p, { kab: 'p.kab_code', village: 'p.village_code' })}`;
  const { rows } = await q.query<ProfileRow>(`${PROFILE_SELECT} WHERE ${where}${lock ? ' FOR UPDATE OF p' : ''}`, p.values);
  return rows[0] ?? null;
}

/** Profiles of villages inside `areaCode` (dotted prefix) and the actor's scope. */
export async function selectProfilesIn(q: Queryable, actor: Actor, permission: Permission, kabCode: string, areaCode: string): Promise<ProfileRow[]> {
  const p = new SqlParams();
  const where = `p.kab_code = ${p.add(kabCode)} AND (p.village_code = ${p.add(areaCode)} OR p.village_code LIKE ${p.add(`${areaCode}.%`)})
    AND ${areaScopeSql(actor, permission, p, { kab: 'p.kab_code', village: 'p.village_code' })}`;
  const { rows } = await q.query<ProfileRow>(`${PROFILE_SELECT} WHERE ${where} ORDER BY p.village_code`, p.values);
  return rows;
}

export async function updateProfile(tx: Tx, villageCode: string, values: Record<ProfileColumn, unknown>, userId: string): Promise<number> {
  const p = new SqlParams();
  const sets = PROFILE_COLUMNS.map((c) => `${c} = ${p.add(values[c])}`);
  const { rows } = await tx.query<Cols<'puskesos_profiles', 'version'>>(
    `UPDATE puskesos_profiles SET ${sets.join(', ')}, version = version + 1, updated_at = now(), updated_by = ${p.add(userId)}
      WHERE village_code = ${p.add(villageCode)} RETURNING version`,
    p.values,
  );
  return rows[0]?.version ?? 0;
}

export async function markApproved(tx: Tx, villageCode: string, version: number, userId: string, name: string): Promise<void> {
  await tx.query(
    'UPDATE puskesos_profiles SET approved_version = $2, approved_at = now(), approved_by = $3, approved_by_name = $4 WHERE village_code = $1',
    [villageCode, version, userId, name],
  );
}

export type GradeRow = With<Cols<'puskesos_grades', 'code' | 'name' | 'rank' | 'criteria'>, { criteria: string[] }>;

export async function selectGrades(q: Queryable, kabCode: string): Promise<GradeRow[]> {
  const { rows } = await q.query<GradeRow>('SELECT code, name, rank, criteria FROM puskesos_grades WHERE kab_code = $1 ORDER BY rank, code', [kabCode]);
  return rows;
}

export async function upsertGrade(tx: Queryable, kabCode: string, g: GradeRow): Promise<void> {
  await tx.query(
    `INSERT INTO puskesos_grades (kab_code, code, name, rank, criteria) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (kab_code, code) DO UPDATE SET name = EXCLUDED.name, rank = EXCLUDED.rank, criteria = EXCLUDED.criteria`,
    [kabCode, g.code, g.name, g.rank, JSON.stringify(g.criteria)],
  );
}

export async function deleteGradesExcept(tx: Tx, kabCode: string, keep: readonly string[]): Promise<void> {
  // a grade still given to a Puskesos stays (the foreign key refuses otherwise): the caller checks first
  await tx.query('DELETE FROM puskesos_grades WHERE kab_code = $1 AND NOT (code = ANY($2::text[]))', [kabCode, keep]);
}

export async function gradesInUse(q: Queryable, kabCode: string): Promise<string[]> {
  const { rows } = await q.query<NotNull<Cols<'puskesos_profiles', 'grade_code'>, 'grade_code'>>('SELECT DISTINCT grade_code FROM puskesos_profiles WHERE kab_code = $1 AND grade_code IS NOT NULL', [kabCode]);
  return rows.map((r) => r.grade_code);
}

export type FacilityRow = With<Cols<'puskesos_facilities', 'village_code' | 'item' | 'condition' | 'source' | 'note' | 'confirmed_at'>, { condition: FacilityCondition }>;

export async function selectFacilities(q: Queryable, villageCodes: readonly string[]): Promise<FacilityRow[]> {
  const { rows } = await q.query<FacilityRow>(
    'SELECT village_code, item, condition, source, note, confirmed_at::text AS confirmed_at FROM puskesos_facilities WHERE village_code = ANY($1::text[]) ORDER BY village_code, item',
    [villageCodes],
  );
  return rows;
}

export async function upsertFacility(tx: Tx, kabCode: string, villageCode: string, f: { item: string; condition: string; source: string | null; note: string | null }): Promise<void> {
  await tx.query(
    `INSERT INTO puskesos_facilities (village_code, kab_code, item, condition, source, note) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (village_code, item) DO UPDATE SET condition = EXCLUDED.condition, source = EXCLUDED.source, note = EXCLUDED.note`,
    [villageCode, kabCode, f.item, f.condition, f.source, f.note],
  );
}

export async function confirmFacility(tx: Tx, kabCode: string, villageCode: string, item: string, condition: string, day: string, userId: string): Promise<void> {
  await tx.query(
    `INSERT INTO puskesos_facilities (village_code, kab_code, item, condition, confirmed_at, confirmed_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (village_code, item) DO UPDATE SET condition = EXCLUDED.condition, confirmed_at = EXCLUDED.confirmed_at, confirmed_by = EXCLUDED.confirmed_by`,
    [villageCode, kabCode, item, condition, day, userId],
  );
}

export type HistoryRow = With<Cols<'puskesos_history', 'id' | 'entity' | 'entity_id' | 'action' | 'changes' | 'at' | 'by_name'>, { changes: Record<string, unknown> }>;

export async function insertHistory(
  tx: Tx,
  row: { id: string; kab_code: string; village_code: string; entity: string; entity_id: string | null; action: string; changes: Record<string, unknown>; by_user: string; by_name: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO puskesos_history (id, kab_code, village_code, entity, entity_id, action, changes, by_user, by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`,
    [row.id, row.kab_code, row.village_code, row.entity, row.entity_id, row.action, JSON.stringify(row.changes), row.by_user, row.by_name],
  );
}

/** Newest first; the cursor is the id of the last row seen (ids are time-ordered). */
export async function selectHistory(q: Queryable, villageCode: string, limit: number, before: string | null): Promise<HistoryRow[]> {
  const { rows } = await q.query<HistoryRow>(
    `SELECT id, entity, entity_id, action, changes, at, by_name FROM puskesos_history
      WHERE village_code = $1 AND ($2::uuid IS NULL OR id < $2::uuid) ORDER BY id DESC LIMIT $3`,
    [villageCode, before, limit],
  );
  return rows;
}

export type VisitRow = With<Cols<'puskesos_visits', 'id' | 'village_code' | 'visit_date' | 'checklist' | 'note' | 'visited_by_name'>,
  { checklist: Array<{ item: string; condition: FacilityCondition; confirmed: boolean }> }>;

export async function insertVisit(tx: Tx, row: VisitRow & { kab_code: string; visited_by: string }): Promise<void> {
  await tx.query(
    `INSERT INTO puskesos_visits (id, kab_code, village_code, visit_date, checklist, note, visited_by, visited_by_name)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)`,
    [row.id, row.kab_code, row.village_code, row.visit_date, JSON.stringify(row.checklist), row.note, row.visited_by, row.visited_by_name],
  );
}

export async function selectVisits(q: Queryable, villageCode: string): Promise<VisitRow[]> {
  const { rows } = await q.query<VisitRow>(
    'SELECT id, village_code, visit_date::text AS visit_date, checklist, note, visited_by_name FROM puskesos_visits WHERE village_code = $1 ORDER BY visit_date DESC, id DESC',
    [villageCode],
  );
  return rows;
}

/** The visit's village when it lies in the actor's scope for `permission`. */
export async function selectVisitVillage(q: Queryable, actor: Actor, permission: Permission, id: string): Promise<Cols<'puskesos_visits', 'kab_code' | 'village_code'> | null> {
  const p = new SqlParams();
  const { rows } = await q.query<Cols<'puskesos_visits', 'kab_code' | 'village_code'>>(
    `SELECT kab_code, village_code FROM puskesos_visits WHERE id = ${p.add(id)} AND ${areaScopeSql(actor, permission, p, { village: 'village_code' })}`,
    p.values,
  );
  return rows[0] ?? null;
}

export type AreaRow = Cols<'areas', 'code' | 'name' | 'level'>;

export async function selectArea(q: Queryable, code: string): Promise<AreaRow | null> {
  const { rows } = await q.query<AreaRow>('SELECT code, name, level FROM areas WHERE code = $1', [code]);
  return rows[0] ?? null;
}

/** Village codes of the kabupaten's profiles, in code order (demo data). */
export async function selectVillageCodes(q: Queryable, kabCode: string, limit: number): Promise<string[]> {
  const { rows } = await q.query<Cols<'puskesos_profiles', 'village_code'>>('SELECT village_code FROM puskesos_profiles WHERE kab_code = $1 ORDER BY village_code LIMIT $2', [kabCode, limit]);
  return rows.map((r) => r.village_code);
}

/** True once the demo has filled any profile (the seeder runs once). */
export async function anyProfileFilled(q: Queryable, kabCode: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM puskesos_profiles WHERE kab_code = $1 AND version > 1 LIMIT 1', [kabCode]);
  return rows.length > 0;
}

export async function userIdOf(q: Queryable, username: string): Promise<string | null> {
  const { rows } = await q.query<Cols<'users', 'id'>>('SELECT id FROM users WHERE username = $1', [username]);
  return rows[0]?.id ?? null;
}

type ContactRow = Cols<'puskesos_profiles', 'address' | 'phone' | 'opening_hours'> & { village_name: Col<'areas', 'name'>; kecamatan_name: Col<'areas', 'name'> };

/** The public contact of a village's Puskesos (tracking pages): no scope, only what a resident may read. */
export async function selectContact(q: Queryable, villageCode: string): Promise<ContactRow | null> {
  const { rows } = await q.query<ContactRow>(
    `SELECT v.name AS village_name, k.name AS kecamatan_name, p.address, p.phone, p.opening_hours
       FROM puskesos_profiles p
       JOIN areas v ON v.code = p.village_code
       JOIN areas k ON k.code = v.parent_code
      WHERE p.village_code = $1`,
    [villageCode],
  );
  return rows[0] ?? null;
}
