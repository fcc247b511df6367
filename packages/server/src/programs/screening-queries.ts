import { areaLevel, kabCodeOf, type ScreeningMember } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { Cols } from '../db/rows.ts';

/**
 * SQL that feeds screening: the members of a household as the evaluator needs them, the
 * programs a household is enrolled in, and whole areas read in household batches.
 */

type MemberRow = Cols<'persons',
  | 'household_id' | 'full_name' | 'birth_date' | 'sex' | 'relationship' | 'presence' | 'pregnant' | 'disability' | 'documents_held'
  | 'registry_status' | 'desil'>;

const MEMBER_COLS = `household_id, full_name, birth_date, sex, relationship, presence, pregnant, disability, documents_held, registry_status, desil`;

export interface MemberWithDesil extends ScreeningMember { desil: number | null }

const toMember = (r: MemberRow): MemberWithDesil => ({
  name: r.full_name, birthDate: r.birth_date, sex: r.sex, relationship: r.relationship, presence: r.presence,
  pregnant: r.pregnant, disability: r.disability, documentsHeld: r.documents_held, registryStatus: r.registry_status, desil: r.desil,
});

export async function selectScreeningMembers(q: Queryable, householdId: string): Promise<MemberWithDesil[]> {
  const { rows } = await q.query<MemberRow>(
    `SELECT ${MEMBER_COLS} FROM persons WHERE household_id = $1
     ORDER BY CASE relationship WHEN 'head' THEN 0 WHEN 'spouse' THEN 1 ELSE 2 END, birth_date NULLS LAST, id`,
    [householdId], 'programs.screening_members',
  );
  return rows.map(toMember);
}

/** Program ids the household is currently enrolled in (household- or person-level). */
export async function selectCurrentEnrollmentPrograms(q: Queryable, householdId: string): Promise<Set<string>> {
  const { rows } = await q.query<Cols<'program_enrollments', 'program_id'>>(
    'SELECT DISTINCT program_id FROM program_enrollments WHERE household_id = $1 AND ended_on IS NULL',
    [householdId], 'programs.household_enrolled',
  );
  return new Set(rows.map((r) => r.program_id));
}

/** `households h` rows inside one area (kabupaten, kecamatan or village code, dotted). */
function householdAreaSql(area: string, first: number): { sql: string; values: unknown[] } {
  switch (areaLevel(area)) {
    case 'kabupaten': return { sql: `h.kab_code = $${first}`, values: [kabCodeOf(area)] };
    case 'kecamatan': return { sql: `h.kab_code = $${first} AND h.village_code LIKE $${first + 1}`, values: [kabCodeOf(area), `${area}.%`] };
    // the kabupaten too, so that the planner reads its partition of households only
    case 'village': return { sql: `h.kab_code = $${first} AND h.village_code = $${first + 1}`, values: [kabCodeOf(area), area] };
    case 'province':
    case null: return { sql: 'FALSE', values: [] };
  }
}

export interface AreaHousehold {
  id: string;
  villageCode: string;
  desil: number | null;
  indicators: Record<string, unknown>;
  members: MemberWithDesil[];
}

/** A member as one JSON array (the batch read's shape): the columns of MEMBER_COLS after household_id, in order. */
type MemberTuple = [string, string | null, 'M' | 'F', string | null, string | null, boolean | null, Record<string, string> | null, string[] | null, string, number | null];

/**
 * One batch of an area's households (ids after `after`, in id order) with their members, in one
 * statement: each household's members come as one JSON array of arrays, which this process parses
 * natively, instead of one row per member through the driver's per-column parsing (measured: about
 * a third of the process's CPU time, and one statement a batch instead of two).
 */
export async function selectAreaHouseholdBatch(q: Queryable, area: string, after: string | null, limit: number): Promise<AreaHousehold[]> {
  const where = householdAreaSql(area, 3);
  const { rows } = await q.query<Cols<'households', 'id' | 'village_code' | 'desil' | 'indicators'> & { members: MemberTuple[] | null }>(
    `SELECT h.id, h.village_code, h.desil, h.indicators,
       (SELECT json_agg(json_build_array(p.full_name, p.birth_date, p.sex, p.relationship, p.presence, p.pregnant, p.disability,
          p.documents_held, p.registry_status, p.desil)) FROM persons p WHERE p.kab_code = h.kab_code AND p.household_id = h.id) AS members
     FROM households h
     WHERE h.id > $1 AND ${where.sql} ORDER BY h.id LIMIT $2`,
    [after ?? '00000000-0000-0000-0000-000000000000', limit, ...where.values],
  );
  return rows.map((r) => ({
    id: r.id, villageCode: r.village_code, desil: r.desil, indicators: r.indicators,
    members: (r.members ?? []).map(([name, birthDate, sex, relationship, presence, pregnant, disability, documentsHeld, registryStatus, desil]) => ({
      name, birthDate, sex, relationship, presence, pregnant, disability, documentsHeld, registryStatus, desil,
    })),
  }));
}

/** Current enrollments of an area's households, per program id. */
export async function selectAreaEnrollments(q: Queryable, area: string): Promise<Map<string, Set<string>>> {
  const where = householdAreaSql(area, 1);
  const { rows } = await q.query<Cols<'program_enrollments', 'program_id' | 'household_id'>>(
    `SELECT DISTINCT e.program_id, e.household_id FROM program_enrollments e JOIN households h ON h.kab_code = e.kab_code AND h.id = e.household_id
     WHERE e.ended_on IS NULL AND ${where.sql}`,
    where.values,
  );
  const map = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = map.get(r.program_id);
    if (set) set.add(r.household_id); else map.set(r.program_id, new Set([r.household_id]));
  }
  return map;
}

/** Names of areas by code. */
export async function selectAreaNames(q: Queryable, codes: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await q.query<Cols<'areas', 'code' | 'name'>>('SELECT code, name FROM areas WHERE code = ANY($1::text[])', [codes]);
  return new Map(rows.map((r) => [r.code, r.name]));
}
