import type { REFERRAL_STATUSES, ReferralListQuery } from '@slrt/core';
import type { ReferralSummary } from './referral-api.ts';

/** The back office's referral tabs: open, overdue, each status, all. */
export type ReferralTab = 'open' | 'overdue' | (typeof REFERRAL_STATUSES)[number] | 'all';
export const TABS: readonly ReferralTab[] = ['open', 'overdue', 'sent', 'accepted', 'in_service', 'completed', 'declined', 'cancelled', 'all'];

/** The list query of a tab (`GET /referrals`, core's ReferralListQuery). */
export function tabQuery(tab: ReferralTab): Pick<ReferralListQuery, 'status' | 'overdue'> {
  if (tab === 'all') return {};
  if (tab === 'open') return { status: 'sent,accepted,in_service' };
  if (tab === 'overdue') return { overdue: 'true' };
  return { status: tab };
}

export function tabCount(tab: ReferralTab, s: ReferralSummary | null): number | null {
  if (!s) return null;
  if (tab === 'all') return null;
  if (tab === 'open') return s.byStatus.sent + s.byStatus.accepted + s.byStatus.in_service;
  if (tab === 'overdue') return s.overdue;
  return s.byStatus[tab];
}
