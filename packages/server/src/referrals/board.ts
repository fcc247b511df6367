import {
  isPersonalPermission, letterValidity, REFERRAL_STATUSES, suppressReferralBoard, type ReferralBoard, type ReferralStatus, type ReferralSummary, type ReferralTracking,
} from '@slrt/core';
import { periodFor } from '../http/period.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { findLiveLetter } from '../letters/service.ts';
import { puskesosContact } from '../puskesos/public.ts';
import * as q from './queries.ts';
import { REFERRAL_OWNER_TYPE } from './service.ts';

function fullCounts(byStatus: Record<string, number>): Record<ReferralStatus, number> {
  return Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, byStatus[s] ?? 0])) as Record<ReferralStatus, number>;
}

/** Counts by status and overdue in what the caller may see (back office tabs, partner inbox). */
export async function referralSummary(deps: Deps, ctx: RequestContext): Promise<ReferralSummary> {
  const { byStatus, overdue } = await q.countReferrals(deps.db, ctx.actor, 'referrals.read');
  ctx.noPersonalData(); // counts only: no resident appears
  return { byStatus: fullCounts(byStatus), overdue };
}

const round = (n: number | null, digits = 1) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

/**
 * The supervisors' and kabupaten's board: referrals from their areas by status and overdue,
 * and per partner the acceptance rate (accepted of those answered) and the average time to
 * accept and to complete, over the referrals sent in the period (`from`..`to`, inclusive;
 * default this month). Aggregates only: no resident appears.
 */
export async function referralBoard(deps: Deps, ctx: RequestContext, range: { from?: string | undefined; to?: string | undefined }): Promise<ReferralBoard> {
  const period = periodFor(ctx.actor.kabCode, range);
  // a board of aggregates: from the read replica when there is one (a moment behind)
  const { byStatus, overdue } = await q.countReferrals(deps.replica, ctx.actor, 'referrals.board', period);
  const partners = await q.partnerStats(deps.replica, ctx.actor, period);
  const board: ReferralBoard = {
    period: { from: period.from, to: period.to },
    byStatus: fullCounts(byStatus),
    overdue,
    partners: partners.map((p) => ({
      organizationId: p.organization_id,
      organizationName: p.organization_name,
      total: p.total,
      open: p.open,
      accepted: p.accepted,
      declined: p.declined,
      completed: p.completed,
      cancelled: p.cancelled,
      overdue: p.overdue,
      acceptanceRate: p.answered ? round(p.accepted / p.answered, 3) : null,
      avgHoursToAccept: round(p.avg_hours_to_accept),
      avgDaysToComplete: round(p.avg_days_to_complete),
    })),
    suppressed: false,
  };
  // a reader without personal-data access (the executive) gets small counts hidden (UU 27/2022: no re-identification)
  return ctx.actor.permissions().some(isPersonalPermission) ? board : suppressReferralBoard(board);
}

/**
 * The public tracking answer for the code on the letter's QR: where the referral stands and
 * whether its letter is genuine, and how to reach the referring Puskesos. Never the resident, the
 * need or the service.
 */
export async function trackReferral(deps: Deps, code: string): Promise<ReferralTracking> {
  const normalized = code.trim().toUpperCase();
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(normalized)) throw notFound();
  const r = await q.selectReferralByTrackingCode(deps.db, normalized);
  if (!r) throw notFound();
  const letter = await findLiveLetter(deps.db, r.kab_code, REFERRAL_OWNER_TYPE, r.id, 'referral');
  return {
    number: r.number,
    status: r.status,
    organizationName: r.organization_name,
    sentAt: r.created_at.toISOString(),
    dueDate: r.due_date,
    updatedAt: r.updated_at.toISOString(),
    // the Puskesos that referred: whom the resident asks about the referral
    puskesos: await puskesosContact(deps.db, r.village_code),
    letter: letter
      ? {
        number: letter.number, issuedAt: letter.issued_at.toISOString(), validUntil: letter.valid_until.toISOString(),
        issuingOffice: letter.issuing_office, status: letterValidity({ validUntil: letter.valid_until, revokedAt: letter.revoked_at }),
      }
      : null,
  };
}
