import { z } from 'zod';
import { IsoDate } from '../registry/person.ts';
import { ConfirmWarnings } from '../registry/registry-api.ts';

/** Who the facilitator met at the visit. */
export const MET_ROLES = ['subject', 'head', 'spouse', 'other_member', 'neighbour', 'rt_rw_head', 'village_official', 'other'] as const;
export const MetRole = z.enum(MET_ROLES);
export type MetRole = z.infer<typeof MetRole>;

export const VERDICTS = ['valid', 'invalid'] as const;
export const Verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof Verdict>;

/** One proposed field as the facilitator found it: confirmed, or corrected to what they saw. */
export const VerificationItem = z.strictObject({
  field: z.string().min(1).max(100),
  confirmed: z.boolean(),
  correctedValue: z.unknown().optional(),
});
export type VerificationItem = z.infer<typeof VerificationItem>;

/** A position from the phone, optional (the resident may refuse, the phone may have none). */
export const GpsPosition = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(100_000).optional(),
});
export type GpsPosition = z.infer<typeof GpsPosition>;

/** `POST /api/v1/proposals/:id/verify`: the field visit and its verdict. */
export const VerificationInput = z
  .strictObject({
    verdict: Verdict,
    visitDate: IsoDate,
    metName: z.string().trim().min(1).max(200),
    metRole: MetRole,
    items: z.array(VerificationItem).max(200),
    /** Why it is invalid (required then), or a remark on a valid one. */
    reason: z.string().trim().max(2000).optional(),
    gps: GpsPosition.optional(),
    /** Where the house is, typed when the phone gives no position (a landmark, the way there). */
    landmark: z.string().trim().min(3).max(300).optional(),
    /** NIK warnings of corrected NIKs the facilitator confirmed against the resident's documents. */
    confirmWarnings: ConfirmWarnings.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.verdict === 'invalid' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'proposal.reason_required' });
    const seen = new Set<string>();
    v.items.forEach((item, i) => {
      if (seen.has(item.field)) ctx.addIssue({ code: 'custom', path: ['items', i, 'field'], message: 'proposal.item_repeated' });
      seen.add(item.field);
      if (!item.confirmed && item.correctedValue === undefined) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'correctedValue'], message: 'proposal.correction_required' });
      }
      if (item.confirmed && item.correctedValue !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'correctedValue'], message: 'proposal.correction_on_confirmed' });
      }
    });
  });
export type VerificationInput = z.infer<typeof VerificationInput>;

/**
 * The changes as the facilitator confirmed them: each proposed field confirmed keeps its value,
 * a corrected one takes the correction. A valid verdict must cover every proposed field and
 * nothing else; the result is checked again against the proposal's schema by the caller.
 */
export function confirmedChanges(
  proposed: Record<string, unknown>,
  items: readonly VerificationItem[],
  /** Fields the visit may fill in although nothing was proposed (a new household's housing indicators). */
  fillable: readonly string[] = [],
): { ok: true; changes: Record<string, unknown> } | { ok: false; missing: string[]; unknown: string[] } {
  const byField = new Map(items.map((i) => [i.field, i]));
  const missing = Object.keys(proposed).filter((f) => !byField.has(f));
  const unknown = items.filter((i) => !(i.field in proposed) && (i.confirmed || !fillable.includes(i.field))).map((i) => i.field);
  if (missing.length || unknown.length) return { ok: false, missing, unknown };
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(proposed)) {
    const item = byField.get(field);
    changes[field] = item && !item.confirmed ? item.correctedValue : value;
  }
  for (const item of items) if (!(item.field in proposed)) changes[item.field] = item.correctedValue;
  return { ok: true, changes };
}

/**
 * The housing indicators a field visit to a new household must see for itself, item by item:
 * each confirmed as entered at intake, or corrected (or filled in when nothing was entered).
 */
export const HOUSING_INDICATORS = ['tenure', 'floorAreaM2', 'floor', 'wall', 'roof', 'water', 'lighting', 'cookingFuel', 'toilet', 'disposal'] as const;

/** What the visit brought besides its items: the live photos attached to the proposal, the phone's position, a typed landmark. */
export interface VisitEvidence {
  photos: number;
  gps: GpsPosition | undefined;
  landmark: string | undefined;
}

/**
 * The rule of a new household's field visit (issue 12, item 11): a valid verdict needs every
 * housing indicator confirmed or corrected item by item and at least one photo of the house;
 * any verdict needs the place, from the phone's GPS or a typed landmark. Answers the problems by
 * field (catalog keys), empty when the visit may be recorded.
 */
export function newHouseholdVisitProblems(
  v: Pick<VerificationInput, 'verdict' | 'items'>,
  evidence: VisitEvidence,
): Record<string, { key: string; params?: Record<string, string> }> {
  const problems: Record<string, { key: string; params?: Record<string, string> }> = {};
  if (v.verdict === 'valid') {
    const seen = new Set(v.items.map((i) => i.field));
    const unchecked = HOUSING_INDICATORS.filter((f) => !seen.has(f));
    if (unchecked.length) problems.items = { key: 'proposal.housing_unchecked', params: { fields: unchecked.join(', ') } };
    if (evidence.photos < 1) problems.photos = { key: 'proposal.house_photo_required' };
  }
  if (!evidence.gps && !evidence.landmark) problems.landmark = { key: 'proposal.place_required' };
  return problems;
}

/** The fields the facilitator corrected, for the lineage and the reviewers' attention. */
export function correctedFields(items: readonly VerificationItem[]): string[] {
  return items.filter((i) => !i.confirmed).map((i) => i.field);
}
