import { areaLevel } from '@slrt/core';
import { areaScopeSql, SqlParams, type Actor } from '../../access/actor.ts';
import type { Db } from '../../db/database.ts';
import type { Col, Cols } from '../../db/rows.ts';

/** SQL of the registry export: one page of the caller's scope, persons with their household. */

/** A person with the household columns of the file; desil and its source are the household's first. */
export type ExportRow = Cols<'persons',
  | 'id' | 'nik' | 'kk' | 'full_name' | 'sex' | 'birth_place' | 'birth_date' | 'relationship' | 'marital_status' | 'presence'
  | 'pregnant' | 'documents_held' | 'school_participation' | 'education_level' | 'work_status' | 'work_sector' | 'disability'
  | 'chronic_illnesses' | 'health_insurance' | 'pip_kip' | 'dukcapil_match' | 'registry_status' | 'inactive_reason'
  | 'village_code' | 'desil' | 'desil_source' | 'desil_date'>
  & Cols<'households', 'address' | 'rt' | 'rw' | 'indicators'>
  & { household_ref: string; village_name?: Col<'areas', 'name'> };

/**
 * The next page of persons after `after` (by id), within the actor's export scope and the area
 * filter; `villageNames` adds each village's name (the readable file).
 */
export async function exportPage(
  db: Db, actor: Actor, o: { kabCode: string; area: string | null; after: string | null; limit: number; villageNames: boolean },
): Promise<ExportRow[]> {
  const { kabCode, area, after, villageNames } = o;
  const params = new SqlParams();
  const where = [`p.kab_code = ${params.add(kabCode)}`, areaScopeSql(actor, 'registry.export', params, { kab: 'p.kab_code', village: 'p.village_code' })];
  if (area && areaLevel(area) === 'village') where.push(`p.village_code = ${params.add(area)}`);
  if (area && areaLevel(area) === 'kecamatan') where.push(`p.village_code LIKE ${params.add(`${area}.%`)}`);
  if (after) where.push(`p.id > ${params.add(after)}::uuid`);
  const { rows } = await db.query<ExportRow>(
    `SELECT p.id, p.nik, p.kk, p.full_name, p.sex, p.birth_place, p.birth_date, p.relationship, p.marital_status, p.presence, p.pregnant,
       p.documents_held, p.school_participation, p.education_level, p.work_status, p.work_sector, p.disability, p.chronic_illnesses,
       p.health_insurance, p.pip_kip, p.dukcapil_match, p.registry_status, p.inactive_reason, p.village_code,
       h.address, h.rt, h.rw, coalesce(h.import_ref, h.id::text) AS household_ref,
       coalesce(h.desil, p.desil) AS desil, coalesce(h.desil_source, p.desil_source) AS desil_source, coalesce(h.desil_date, p.desil_date) AS desil_date,
       h.indicators${villageNames ? ', v.name AS village_name' : ''}
     FROM persons p JOIN households h ON h.kab_code = p.kab_code AND h.id = p.household_id${villageNames ? ' LEFT JOIN areas v ON v.code = p.village_code' : ''}
     WHERE ${where.join(' AND ')} ORDER BY p.id LIMIT ${params.add(o.limit)}`,
    params.values,
  );
  return rows;
}
