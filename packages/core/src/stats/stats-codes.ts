import type { ProposalStatus } from '../proposal/proposal-state.ts';

/**
 * The dashboard's code lists and rules, apart from its zod schemas (`stats.ts`) so that the
 * web page imports them without pulling zod into its chunk.
 */

/** Registry statuses of a resident, in the order a report lists them. */
export const STATS_REGISTRY_STATUSES = ['registered', 'proposed', 'not_registered', 'inactive'] as const;

/**
 * Bands of the national welfare decile (DTSEN) of active residents: one band each for the
 * deciles the social assistance programmes target (1 very poor to 4 vulnerable, 5 the PBI-JKN
 * margin), the rest together, and `none` for residents without a national decile.
 */
export const DESIL_BANDS = ['1', '2', '3', '4', '5', '6-10', 'none'] as const;
export type DesilBand = (typeof DESIL_BANDS)[number];

/**
 * Proposals still moving inside the kabupaten (entered, not yet decided or sent): what a
 * village, its kecamatan and the kabupaten still owe the residents who asked.
 */
export const PROPOSALS_IN_PROGRESS = ['awaiting_verification', 'verified', 'reviewed', 'kab_verified', 'needs_review', 'approved'] as const satisfies readonly ProposalStatus[];

/** What the load table is sorted by (a `StatsLoadRow`). */
export interface LoadOrder {
  code: string;
  openCases: number;
  overdue: number;
  casesPerOfficer: number | null;
}

/**
 * The order of the Puskesos load table: a village with open cases and no officer account
 * first, then the most open cases per officer, then the most overdue, then by code.
 */
export function compareLoad(a: LoadOrder, b: LoadOrder): number {
  const load = (r: LoadOrder) => (r.casesPerOfficer === null ? (r.openCases > 0 ? Infinity : -1) : r.casesPerOfficer);
  return load(b) - load(a) || b.overdue - a.overdue || b.openCases - a.openCases || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
