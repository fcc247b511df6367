import type { Queryable } from '../db/database.ts';

/** SQL of the programs' demo data (demo mode only). */

export async function demoAlreadySeeded(q: Queryable, kabCode: string): Promise<boolean> {
  const { rows } = await q.query("SELECT 1 FROM program_enrollments WHERE kab_code = $1 AND source_type = 'seed' LIMIT 1", [kabCode]);
  return rows.length > 0;
}

/** Links a program to the directory service of that name (demo directory). */
export async function linkProgramService(q: Queryable, kabCode: string, code: string, serviceName: string) {
  await q.query(
    `UPDATE programs SET service_id = (SELECT s.id FROM directory_services s WHERE s.kab_code = $1 AND s.name = $3 LIMIT 1), updated_at = now()
     WHERE code = $2 AND (kab_code IS NULL OR kab_code = $1) AND service_id IS NULL`,
    [kabCode, code, serviceName],
  );
}

/**
 * Enrolls a share of the kabupaten's households in a program, chosen by desil and a stable
 * hash of the id (`modulo` 1 = all), from `startedOn`. Returns how many.
 */
export async function enrollByDesil(q: Queryable, o: { kabCode: string; code: string; minDesil: number; maxDesil: number; modulo: number; startedOn: string; importRefs?: string[] }): Promise<number> {
  const { rowCount } = await q.query(
    `INSERT INTO program_enrollments (id, kab_code, village_code, program_id, household_id, person_id, period, started_on, source_type, created_by)
     SELECT gen_random_uuid(), h.kab_code, h.village_code, p.id, h.id, NULL, to_char($6::date, 'YYYY-MM'), $6::date, 'seed', 'demo'
     FROM households h CROSS JOIN (SELECT id FROM programs WHERE code = $2 AND kab_code IS NULL) p
     WHERE h.kab_code = $1 AND h.desil BETWEEN $3 AND $4 AND abs(hashtext(h.id::text)) % $5 = 0
       AND ($7::text[] IS NULL OR h.import_ref = ANY($7::text[]))
       -- the population's shares never reach the hand-made residents, whose programs are set by name above
       AND ($7::text[] IS NOT NULL OR h.import_ref IS NULL OR h.import_ref NOT LIKE 'DEMO-%')
     ON CONFLICT DO NOTHING`,
    [o.kabCode, o.code, o.minDesil, o.maxDesil, o.modulo, o.startedOn, o.importRefs ?? null],
  );
  return rowCount ?? 0;
}

/**
 * Ledger entries for the current enrollments of a program in one month (a delivery per
 * household), and, for every `dupEvery`-th of them, the same category from another source:
 * what the duplicate-assistance check and the totals show.
 */
export async function deliverToEnrolled(q: Queryable, o: {
  kabCode: string; code: string; category: string; form: string; item: string | null; valueIdr: number; fundingSource: string; deliveredOn: string;
  dup?: { every: number; fundingSource: string; item: string; valueIdr: number; organizationName: string | null };
}): Promise<number> {
  const { rowCount } = await q.query(
    `INSERT INTO assistance_deliveries (id, kab_code, village_code, household_id, program_id, category, form, item, value_idr, funding_source, delivered_on, period, recorded_by)
     SELECT gen_random_uuid(), e.kab_code, e.village_code, e.household_id, e.program_id, $3, $4, $5, $6, $7, $8::date, to_char($8::date, 'YYYY-MM'), 'demo'
     FROM program_enrollments e JOIN programs p ON p.id = e.program_id
     WHERE e.kab_code = $1 AND p.code = $2 AND e.ended_on IS NULL`,
    [o.kabCode, o.code, o.category, o.form, o.item, o.valueIdr, o.fundingSource, o.deliveredOn],
  );
  if (o.dup) {
    await q.query(
      `INSERT INTO assistance_deliveries (id, kab_code, village_code, household_id, organization_id, category, form, item, value_idr, funding_source, delivered_on, period, recorded_by)
       SELECT gen_random_uuid(), e.kab_code, e.village_code, e.household_id,
         (SELECT id FROM organizations WHERE kab_code = $1 AND name = $10 LIMIT 1), $3, 'goods', $6, $7, $5, $4::date + 9, to_char($4::date + 9, 'YYYY-MM'), 'demo'
       FROM program_enrollments e JOIN programs p ON p.id = e.program_id
       WHERE e.kab_code = $1 AND p.code = $2 AND e.ended_on IS NULL AND abs(hashtext(e.household_id::text)) % $8 = $9`,
      [o.kabCode, o.code, o.category, o.deliveredOn, o.dup.fundingSource, o.dup.item, o.dup.valueIdr, o.dup.every, 0, o.dup.organizationName],
    );
  }
  return rowCount ?? 0;
}
