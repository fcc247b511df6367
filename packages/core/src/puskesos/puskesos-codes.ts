import type { FUNDING_SOURCES } from '../program/assistance.ts';

/**
 * The code lists of the Puskesos as an institution (issue 16). Codes are stored and sent as
 * they are; labels come from the i18n catalogs (`puskesos.<list>.<code>`).
 */

export const PUSKESOS_STATUSES = ['not_formed', 'forming', 'active', 'inactive'] as const;
export type PuskesosStatus = (typeof PUSKESOS_STATUSES)[number];

/** Where the Puskesos works. */
export const PUSKESOS_HOSTS = ['village_office', 'own_building', 'borrowed', 'none'] as const;
export type PuskesosHost = (typeof PUSKESOS_HOSTS)[number];

/** The facilities inventory, in the order a supervisor walks through it. */
export const FACILITY_ITEMS = ['building', 'service_room', 'waiting_room', 'toilet', 'computer', 'printer', 'internet', 'vehicle', 'motorbike'] as const;
export type FacilityItem = (typeof FACILITY_ITEMS)[number];

/** `none` = absent. */
export const FACILITY_CONDITIONS = ['good', 'fair', 'poor', 'none'] as const;
export type FacilityCondition = (typeof FACILITY_CONDITIONS)[number];

export const FACILITY_SOURCES = ['village', 'kabupaten', 'province', 'ministry', 'csr', 'community', 'borrowed', 'other'] as const;

/** Funding sources: the one list, shared with the programs' assistance ledger. */
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/** Lines the village itself pays: the village head approves them after the supervisor's confirmation. */
export const VILLAGE_PAID_SOURCES: readonly FundingSource[] = ['dana_desa'];

export const FUNDING_KINDS = ['budget', 'spending'] as const;
export const FUNDING_CATEGORIES = ['operational', 'honorarium', 'equipment', 'training', 'other'] as const;
export const FUNDING_STATUSES = ['entered', 'confirmed', 'approved'] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

export const OFFICER_POSITIONS = ['koordinator', 'front_office', 'back_office', 'fasilitator', 'tksk', 'psm', 'volunteer'] as const;
export type OfficerPosition = (typeof OFFICER_POSITIONS)[number];

/** The positions every Puskesos needs filled (process.md: at least a koordinator, a front and a back office). */
export const REQUIRED_POSITIONS: readonly OfficerPosition[] = ['koordinator', 'front_office', 'back_office'];

/**
 * The roles whose accounts an officer may be linked to: the staff who work for a Puskesos (on the
 * village, or on its kecamatan). Not the village head, the executive or a partner.
 */
export const OFFICER_ACCOUNT_ROLES = ['puskesos_coordinator', 'puskesos_officer', 'facilitator', 'supervisor'] as const;

export const HANDOVER_ROLES = ['koordinator', 'village_head'] as const;

export const TRAINING_ORGANIZERS = ['kabupaten', 'province', 'ministry', 'partner'] as const;

/** Who carried out an outreach: Puskesos officers, or PSKS volunteers. */
export const OUTREACH_BY = ['officer', 'tksk', 'psm', 'karang_taruna', 'other_psks'] as const;

const CONDITION_SCORE: Record<FacilityCondition, number> = { good: 1, fair: 2 / 3, poor: 1 / 3, none: 0 };

/**
 * The facilities index between 0 and 1: each inventory item scores by its condition (good 1,
 * fair 2/3, poor 1/3, absent 0), averaged over every item (an item not recorded is absent).
 */
export function facilitiesIndex(items: ReadonlyArray<{ item: string; condition: FacilityCondition }>): number {
  const byItem = new Map(items.map((i) => [i.item, i.condition]));
  let sum = 0;
  for (const item of FACILITY_ITEMS) sum += CONDITION_SCORE[byItem.get(item) ?? 'none'];
  return Math.round((sum / FACILITY_ITEMS.length) * 1000) / 1000;
}

/** An officer is active on `day` (YYYY-MM-DD) when started and not yet ended. */
export function officerActiveOn(o: { startDate: string; endDate: string | null }, day: string): boolean {
  return o.startDate <= day && (o.endDate === null || o.endDate >= day);
}

/** Positions of REQUIRED_POSITIONS that no active officer fills. */
export function vacanciesOf(active: ReadonlyArray<{ position: string }>): OfficerPosition[] {
  const filled = new Set(active.map((o) => o.position));
  return REQUIRED_POSITIONS.filter((p) => !filled.has(p));
}
