import { areaScopeSql, SqlParams, type Actor } from '../access/actor.ts';
import type { Queryable } from '../db/database.ts';
import type { Cols, Count } from '../db/rows.ts';

/**
 * The monthly report's SQL over cases, referrals and proposals: counts of one area (a dotted
 * prefix) in a period [from, until) of calendar days in the kabupaten's time zone, inside the
 * actor's scope for `reports.read`. Counts only: no name, NIK or record id leaves here.
 */

export interface Window { kabCode: string; area: string; from: string; until: string; timeZone: string }

function where(actor: Actor, w: Window, p: SqlParams, t: string, col: string): string {
  const start = `(${p.add(w.from)}::date)::timestamp AT TIME ZONE ${p.add(w.timeZone)}`;
  const end = `(${p.add(w.until)}::date)::timestamp AT TIME ZONE ${p.add(w.timeZone)}`;
  return `${t}.kab_code = ${p.add(w.kabCode)} AND (${t}.village_code = ${p.add(w.area)} OR ${t}.village_code LIKE ${p.add(`${w.area}.%`)})
    AND ${areaScopeSql(actor, 'reports.read', p, { kab: `${t}.kab_code`, village: `${t}.village_code` })}
    AND ${t}.${col} >= ${start} AND ${t}.${col} < ${end}`;
}

export interface CaseCounts {
  village_code: string;
  registered: number;
  handle_directly: number;
  refer: number;
  reject: number;
  undecided: number;
}

/** Cases registered in the period, per village, by decision. */
export async function casesRegistered(q: Queryable, actor: Actor, w: Window): Promise<CaseCounts[]> {
  const p = new SqlParams();
  const { rows } = await q.query<CaseCounts>(
    `SELECT c.village_code, count(*)::int AS registered,
            count(*) FILTER (WHERE c.decision = 'handle_directly')::int AS handle_directly,
            count(*) FILTER (WHERE c.decision = 'refer')::int AS refer,
            count(*) FILTER (WHERE c.decision = 'reject')::int AS reject,
            count(*) FILTER (WHERE c.decision IS NULL)::int AS undecided
       FROM cases c WHERE ${where(actor, w, p, 'c', 'registered_at')} GROUP BY c.village_code`,
    p.values,
  );
  return rows;
}

/** Cases registered in the period with a need in each sector. */
export async function caseSectors(q: Queryable, actor: Actor, w: Window): Promise<Array<Cols<'case_needs', 'sector'> & Count>> {
  const p = new SqlParams();
  const { rows } = await q.query<Cols<'case_needs', 'sector'> & Count>(
    `SELECT n.sector, count(DISTINCT c.id)::int AS n FROM cases c JOIN case_needs n ON n.case_id = c.id
      WHERE ${where(actor, w, p, 'c', 'registered_at')} GROUP BY n.sector`,
    p.values,
  );
  return rows;
}

/** Medians in days (computed). */
interface CaseMedians { first_action: number | null; to_close: number | null }

/** Resolved and closed in the period; open at its end; medians of the cases registered in it. */
export async function caseOutcomes(q: Queryable, actor: Actor, w: Window): Promise<{ resolved: number; closed: number; open_at_end: number } & CaseMedians> {
  const p1 = new SqlParams();
  const resolved = await q.query<Count>(`SELECT count(*)::int AS n FROM cases c WHERE ${where(actor, w, p1, 'c', 'resolved_at')}`, p1.values);
  const p2 = new SqlParams();
  const closed = await q.query<Count>(`SELECT count(*)::int AS n FROM cases c WHERE ${where(actor, w, p2, 'c', 'closed_at')}`, p2.values);
  const p3 = new SqlParams();
  const end = `(${p3.add(w.until)}::date)::timestamp AT TIME ZONE ${p3.add(w.timeZone)}`;
  const open = await q.query<Count>(
    `SELECT count(*)::int AS n FROM cases c
      WHERE c.kab_code = ${p3.add(w.kabCode)} AND (c.village_code = ${p3.add(w.area)} OR c.village_code LIKE ${p3.add(`${w.area}.%`)})
        AND ${areaScopeSql(actor, 'reports.read', p3, { kab: 'c.kab_code', village: 'c.village_code' })}
        AND c.registered_at < ${end} AND coalesce(c.resolved_at, c.closed_at, 'infinity') >= ${end}`,
    p3.values,
  );
  const p4 = new SqlParams();
  const medians = await q.query<CaseMedians>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_action_at - c.registered_at) / 86400) FILTER (WHERE c.first_action_at IS NOT NULL) AS first_action,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM coalesce(c.resolved_at, c.closed_at) - c.registered_at) / 86400) FILTER (WHERE coalesce(c.resolved_at, c.closed_at) IS NOT NULL) AS to_close
       FROM cases c WHERE ${where(actor, w, p4, 'c', 'registered_at')}`,
    p4.values,
  );
  return {
    resolved: resolved.rows[0]?.n ?? 0, closed: closed.rows[0]?.n ?? 0, open_at_end: open.rows[0]?.n ?? 0,
    first_action: medians.rows[0]?.first_action ?? null, to_close: medians.rows[0]?.to_close ?? null,
  };
}

export interface ReferralCounts { village_code: string; partner: string; sent: number; fulfilled: number; partly: number; not_fulfilled: number; declined: number; cancelled: number; open: number }

/** Referrals sent in the period, per village and partner, by result (as it stands now). */
export async function referralsSent(q: Queryable, actor: Actor, w: Window): Promise<ReferralCounts[]> {
  const p = new SqlParams();
  const { rows } = await q.query<ReferralCounts>(
    `SELECT r.village_code, o.name AS partner, count(*)::int AS sent,
            count(*) FILTER (WHERE r.outcome = 'fulfilled')::int AS fulfilled,
            count(*) FILTER (WHERE r.outcome = 'partly')::int AS partly,
            count(*) FILTER (WHERE r.outcome = 'not_fulfilled')::int AS not_fulfilled,
            count(*) FILTER (WHERE r.status = 'declined')::int AS declined,
            count(*) FILTER (WHERE r.status = 'cancelled')::int AS cancelled,
            count(*) FILTER (WHERE r.status IN ('sent', 'accepted', 'in_service'))::int AS open
       FROM referrals r JOIN organizations o ON o.id = r.organization_id
      WHERE ${where(actor, w, p, 'r', 'created_at')} GROUP BY r.village_code, o.name`,
    p.values,
  );
  return rows;
}

export interface ProposalCounts { village_code: string; entered: number; approved: number; rejected: number; new: number; change: number; deactivate: number }

/** Proposals (usulan) entered in the period, per village, by type and where they stand. */
export async function proposalsEntered(q: Queryable, actor: Actor, w: Window): Promise<ProposalCounts[]> {
  const p = new SqlParams();
  const { rows } = await q.query<ProposalCounts>(
    `SELECT x.village_code, count(*)::int AS entered,
            count(*) FILTER (WHERE x.status IN ('approved', 'sent', 'accepted'))::int AS approved,
            count(*) FILTER (WHERE x.status IN ('rejected', 'rejected_national', 'invalid'))::int AS rejected,
            count(*) FILTER (WHERE x.type = 'new')::int AS new,
            count(*) FILTER (WHERE x.type = 'change')::int AS change,
            count(*) FILTER (WHERE x.type = 'deactivate')::int AS deactivate
       FROM proposals x WHERE ${where(actor, w, p, 'x', 'created_at')} AND x.status <> 'draft' GROUP BY x.village_code`,
    p.values,
  );
  return rows;
}
