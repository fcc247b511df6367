import type { Queryable } from '../db/database.ts';
import type { Cols } from '../db/rows.ts';

/**
 * The equity view's SQL: per village of an area (and per kecamatan, for the medians), what a
 * Puskesos has and what it carries in a period. The caller has resolved the area inside the
 * actor's scope; every query takes its prefix. Aggregates only.
 */

export interface Period { from: string; until: string; timeZone: string }

const inArea = (col: string) => `(${col} = $2 OR ${col} LIKE $2 || '.%')`;

/** Confirmed (or approved) budget lines of the year, per village. */
export async function fundingByVillage(q: Queryable, kabCode: string, area: string, year: number): Promise<Array<Cols<'puskesos_funding', 'village_code' | 'amount'>>> {
  const { rows } = await q.query<Cols<'puskesos_funding', 'village_code' | 'amount'>>(
    `SELECT village_code, sum(amount)::bigint AS amount FROM puskesos_funding
      WHERE kab_code = $1 AND ${inArea('village_code')} AND year = $3 AND kind = 'budget' AND status <> 'entered'
      GROUP BY village_code`,
    [kabCode, area, year],
  );
  return rows;
}

export interface CaseFigures { code: string; cases: number; median_first_action: number | null; referrals_closed: number; referrals_met: number }

/** Figures computed per area code (aggregates: no table to take their types from). */
type CaseCounts = Pick<CaseFigures, 'code' | 'cases' | 'median_first_action'>;
interface ReferralCounts { code: string; closed: number; met: number }

/**
 * Cases registered in the period and the median days to first action, with referrals sent
 * in the period that closed and were met (completed, fulfilled or partly), grouped by
 * `len` characters of the village code (13 = village, 8 = kecamatan).
 */
export async function caseFigures(q: Queryable, kabCode: string, area: string, p: Period, len: 8 | 13): Promise<CaseFigures[]> {
  const { rows: cases } = await q.query<CaseCounts>(
    `SELECT left(village_code, ${len}) AS code, count(*)::int AS cases,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_action_at - registered_at) / 86400)
              FILTER (WHERE first_action_at IS NOT NULL) AS median_first_action
       FROM cases
      WHERE kab_code = $1 AND ${inArea('village_code')}
        AND registered_at >= ($3::date)::timestamp AT TIME ZONE $5 AND registered_at < ($4::date)::timestamp AT TIME ZONE $5
      GROUP BY 1`,
    [kabCode, area, p.from, p.until, p.timeZone],
  );
  const { rows: refs } = await q.query<ReferralCounts>(
    `SELECT left(village_code, ${len}) AS code,
            count(*) FILTER (WHERE status IN ('completed', 'declined'))::int AS closed,
            count(*) FILTER (WHERE status = 'completed' AND outcome IN ('fulfilled', 'partly'))::int AS met
       FROM referrals
      WHERE kab_code = $1 AND ${inArea('village_code')}
        AND created_at >= ($3::date)::timestamp AT TIME ZONE $5 AND created_at < ($4::date)::timestamp AT TIME ZONE $5
      GROUP BY 1`,
    [kabCode, area, p.from, p.until, p.timeZone],
  );
  const out = new Map<string, CaseFigures>();
  for (const c of cases) out.set(c.code, { code: c.code, cases: c.cases, median_first_action: c.median_first_action, referrals_closed: 0, referrals_met: 0 });
  for (const r of refs) {
    const row = out.get(r.code) ?? { code: r.code, cases: 0, median_first_action: null, referrals_closed: 0, referrals_met: 0 };
    row.referrals_closed = r.closed;
    row.referrals_met = r.met;
    out.set(r.code, row);
  }
  return [...out.values()];
}
