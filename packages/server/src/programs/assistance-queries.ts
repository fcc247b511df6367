import type { Queryable } from '../db/database.ts';
import type { Col, Cols, Count, Joined, Row } from '../db/rows.ts';

/** SQL of the assistance ledger. */

export type DeliveryRow = Row<'assistance_deliveries'> & Joined<{
  person_name: Col<'persons', 'full_name'>; program_code: Col<'programs', 'code'>; organization_name: Col<'organizations', 'name'>;
}>;

const DELIVERY_SELECT = `
  SELECT d.id, d.kab_code, d.village_code, d.household_id, d.person_id, p.full_name AS person_name, pr.code AS program_code,
    o.name AS organization_name, d.category, d.form, d.item, d.quantity::float8 AS quantity, d.unit, d.value_idr, d.funding_source,
    d.delivered_on, d.period, d.referral_id, d.case_id, d.note, d.recorded_by, d.created_at, d.program_id, d.organization_id
  FROM assistance_deliveries d
  LEFT JOIN persons p ON p.id = d.person_id
  LEFT JOIN programs pr ON pr.id = d.program_id
  LEFT JOIN organizations o ON o.id = d.organization_id`;

export async function insertDelivery(q: Queryable, d: {
  id: string; kabCode: string; villageCode: string; householdId: string; personId: string | null; programId: string | null;
  organizationId: string | null; category: string; form: string; item: string | null; quantity: number | null; unit: string | null;
  valueIdr: number | null; fundingSource: string; deliveredOn: string; referralId: string | null; caseId: string | null; note: string | null; recordedBy: string;
}) {
  await q.query(
    `INSERT INTO assistance_deliveries (id, kab_code, village_code, household_id, person_id, program_id, organization_id, category, form, item,
       quantity, unit, value_idr, funding_source, delivered_on, period, referral_id, case_id, note, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, to_char($15::date, 'YYYY-MM'), $16, $17, $18, $19)`,
    [d.id, d.kabCode, d.villageCode, d.householdId, d.personId, d.programId, d.organizationId, d.category, d.form, d.item,
      d.quantity, d.unit, d.valueIdr, d.fundingSource, d.deliveredOn, d.referralId, d.caseId, d.note, d.recordedBy],
  );
}

export async function selectDelivery(q: Queryable, id: string): Promise<DeliveryRow | null> {
  const { rows } = await q.query<DeliveryRow>(`${DELIVERY_SELECT} WHERE d.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function selectHouseholdDeliveries(q: Queryable, householdId: string): Promise<DeliveryRow[]> {
  const { rows } = await q.query<DeliveryRow>(`${DELIVERY_SELECT} WHERE d.household_id = $1 ORDER BY d.delivered_on DESC, d.id DESC`, [householdId]);
  return rows;
}

export async function selectReferralDeliveries(q: Queryable, referralId: string): Promise<DeliveryRow[]> {
  const { rows } = await q.query<DeliveryRow>(`${DELIVERY_SELECT} WHERE d.referral_id = $1 ORDER BY d.delivered_on DESC, d.id DESC`, [referralId]);
  return rows;
}

/** Deliveries recorded by one of `organizationIds`, newest first. */
export async function selectOrganizationDeliveries(q: Queryable, kabCode: string, organizationIds: readonly string[], limit: number): Promise<DeliveryRow[]> {
  const { rows } = await q.query<DeliveryRow>(
    `${DELIVERY_SELECT} WHERE d.kab_code = $1 AND d.organization_id = ANY($2::uuid[]) ORDER BY d.delivered_on DESC, d.id DESC LIMIT $3`,
    [kabCode, organizationIds, limit],
  );
  return rows;
}

/** Deliveries of the same category to the household in the period, other than `exceptId`. */
export async function selectSameKind(q: Queryable, householdId: string, category: string, deliveredOn: string, exceptId: string): Promise<DeliveryRow[]> {
  const { rows } = await q.query<DeliveryRow>(
    `${DELIVERY_SELECT} WHERE d.household_id = $1 AND d.category = $2 AND d.period = to_char($3::date, 'YYYY-MM') AND d.id <> $4
     ORDER BY d.delivered_on, d.id`,
    [householdId, category, deliveredOn, exceptId],
  );
  return rows;
}

/** The household (and village) of a person, for a partner's delivery against a referral. */
export async function selectHouseholdOfPerson(q: Queryable, kabCode: string, personId: string): Promise<Cols<'persons', 'household_id' | 'village_code'> | null> {
  const { rows } = await q.query<Cols<'persons', 'household_id' | 'village_code'>>(
    'SELECT household_id, village_code FROM persons WHERE kab_code = $1 AND id = $2', [kabCode, personId],
  );
  return rows[0] ?? null;
}

function deliveryAreaSql(area: { kab: string; prefix: string | null; village: string | null }, first: number): { sql: string; values: unknown[] } {
  if (area.village) return { sql: `d.village_code = $${first}`, values: [area.village] };
  if (area.prefix) return { sql: `d.kab_code = $${first} AND d.village_code LIKE $${first + 1}`, values: [area.kab, `${area.prefix}.%`] };
  return { sql: `d.kab_code = $${first}`, values: [area.kab] };
}

export interface TotalsGroup { dim: 'source' | 'program' | 'area' | 'period'; key: string | null; count: number; households: number; value_idr: number }

/**
 * Totals of an area's deliveries between two periods, grouped by funding source, program,
 * child area (the kecamatan or village: `childLen` characters of the village code) and period.
 */
export async function selectTotals(q: Queryable, area: { kab: string; prefix: string | null; village: string | null }, childLen: number, from: string | null, to: string | null): Promise<TotalsGroup[]> {
  const where = deliveryAreaSql(area, 4);
  const { rows } = await q.query<TotalsGroup>(
    `WITH d AS (
       SELECT d.*, pr.code AS program_code, left(d.village_code, $1) AS child FROM assistance_deliveries d LEFT JOIN programs pr ON pr.id = d.program_id
       WHERE ($2::text IS NULL OR d.period >= $2) AND ($3::text IS NULL OR d.period <= $3) AND ${where.sql}
     )
     SELECT 'source' AS dim, funding_source AS key, count(*)::int AS count, count(DISTINCT household_id)::int AS households, coalesce(sum(value_idr), 0)::float8 AS value_idr FROM d GROUP BY funding_source
     UNION ALL SELECT 'program', program_code, count(*)::int, count(DISTINCT household_id)::int, coalesce(sum(value_idr), 0)::float8 FROM d GROUP BY program_code
     UNION ALL SELECT 'area', child, count(*)::int, count(DISTINCT household_id)::int, coalesce(sum(value_idr), 0)::float8 FROM d GROUP BY child
     UNION ALL SELECT 'period', period, count(*)::int, count(DISTINCT household_id)::int, coalesce(sum(value_idr), 0)::float8 FROM d GROUP BY period`,
    [childLen, from, to, ...where.values],
  );
  return rows;
}

/** Households of the area that received the same category from two sources in one period. */
export async function countDuplicates(q: Queryable, area: { kab: string; prefix: string | null; village: string | null }, from: string | null, to: string | null): Promise<number> {
  const where = deliveryAreaSql(area, 3);
  const { rows } = await q.query<Count>(
    `SELECT count(*)::int AS n FROM (
       SELECT household_id FROM assistance_deliveries d
       WHERE ($1::text IS NULL OR d.period >= $1) AND ($2::text IS NULL OR d.period <= $2) AND ${where.sql}
       GROUP BY household_id, category, period
       HAVING count(DISTINCT coalesce(program_id::text, organization_id::text, funding_source)) > 1
     ) x`,
    [from, to, ...where.values],
  );
  return rows[0]?.n ?? 0;
}

export async function selectChildAreaNames(q: Queryable, parent: string): Promise<Map<string, string>> {
  const { rows } = await q.query<Cols<'areas', 'code' | 'name'>>('SELECT code, name FROM areas WHERE parent_code = $1', [parent]);
  return new Map(rows.map((r) => [r.code, r.name]));
}

export interface SourceTotalRow { source: string | null; deliveries: number; households: number; value_idr: number }

/**
 * Deliveries to households of an area made on days `[from, until)`, by funding source, with the
 * whole as the row whose source is null (its households counted once across sources).
 */
export async function selectBySourceBetween(q: Queryable, area: { kab: string; prefix: string | null; village: string | null }, from: string, until: string): Promise<SourceTotalRow[]> {
  const where = deliveryAreaSql(area, 3);
  const { rows } = await q.query<SourceTotalRow>(
    `SELECT d.funding_source AS source, count(*)::int AS deliveries, count(DISTINCT d.household_id)::int AS households,
       coalesce(sum(d.value_idr), 0)::float8 AS value_idr
     FROM assistance_deliveries d
     WHERE d.delivered_on >= $1::date AND d.delivered_on < $2::date AND ${where.sql}
     GROUP BY GROUPING SETS ((d.funding_source), ())`,
    [from, until, ...where.values],
  );
  return rows;
}
