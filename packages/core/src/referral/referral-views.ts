import { z } from 'zod';
import { LetterSummary } from '../case/case.ts';
import { LetterVerification } from '../case/letter.ts';
import { PuskesosContact } from '../puskesos/contact.ts';
import { ReferralBoardCounts } from '../stats/board-suppression.ts';
import { StatsPeriod } from '../stats/stats.ts';
import { SERVICE_SECTORS } from './directory.ts';
import { REFERRAL_STATUSES, type ReferralStatus } from './referral-state.ts';

/**
 * What the referral API answers beside the referral itself (`ReferralView`, `ReferralListItem`
 * in referral.ts): counts, the board, the signed links, the letter, the public tracking
 * answer, the FHIR export. Each is the response allowlist of its route; the web and the tests
 * read the same types.
 */

/** Statuses as a comma-separated list (`sent,accepted`): each must be a referral status. */
const StatusList = z.string().max(200).transform((s, c) => {
  const list = s.split(',').map((x) => x.trim()).filter(Boolean);
  for (const x of list) {
    if (!(REFERRAL_STATUSES as readonly string[]).includes(x)) {
      c.addIssue({ code: 'custom', message: 'field.invalid' });
      return z.NEVER;
    }
  }
  return list as ReferralStatus[];
});

/** `GET /referrals`: filters of the back office list and the partner inbox, a page at a time. */
export const ReferralListQuery = z.object({
  status: StatusList.optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  organizationId: z.uuid().optional(),
  caseId: z.uuid().optional(),
  sector: z.enum(SERVICE_SECTORS).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReferralListQuery = z.input<typeof ReferralListQuery>;

/** `GET /referrals/summary`: counts by status and overdue in what the caller may see (tabs, partner inbox). */
export const ReferralSummary = z.object({
  byStatus: z.object(Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, z.number().int()])) as Record<ReferralStatus, z.ZodNumber>),
  overdue: z.number().int(),
});
export type ReferralSummary = z.infer<typeof ReferralSummary>;

/** `GET /referrals/board`: the board of the period; small counts suppressed for a reader without personal-data access. */
export const ReferralBoard = ReferralBoardCounts.extend({ period: StatsPeriod });
export type ReferralBoard = z.infer<typeof ReferralBoard>;

/** The longest a signed link may live, in days (the default is 7). */
export const REFERRAL_LINK_MAX_DAYS = 30;

/** `POST /referrals/:id/links`. */
export const CreateReferralLinkInput = z.strictObject({ expiresInDays: z.number().int().min(1).max(REFERRAL_LINK_MAX_DAYS).optional() });
export type CreateReferralLinkInput = z.infer<typeof CreateReferralLinkInput>;

/** A signed link as its sender lists it: dates and use, never the token. */
export const ReferralLinkView = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  useCount: z.number().int(),
});
export type ReferralLinkView = z.infer<typeof ReferralLinkView>;

export const ReferralLinkList = z.object({ items: z.array(ReferralLinkView) });
export type ReferralLinkList = z.infer<typeof ReferralLinkList>;

/** A new link: the token and its URL are shown this once. */
export const ReferralLinkCreated = z.object({ id: z.uuid(), token: z.string(), url: z.string(), expiresAt: z.string() });
export type ReferralLinkCreated = z.infer<typeof ReferralLinkCreated>;

/** `POST /referrals/:id/letter`: the live letter, and whether this call issued it (201) or found it (200). */
export const ReferralLetterIssued = z.object({ letter: LetterSummary, created: z.boolean() });
export type ReferralLetterIssued = z.infer<typeof ReferralLetterIssued>;

/**
 * `GET /public/referrals/:code`, the tracking code on the letter's QR: where the referral stands,
 * whether its letter is genuine and how to reach the referring Puskesos. Never the resident, the
 * need or the service.
 */
export const ReferralTracking = z.object({
  number: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  organizationName: z.string(),
  sentAt: z.string(),
  dueDate: z.string(),
  updatedAt: z.string(),
  puskesos: PuskesosContact.nullable(),
  letter: LetterVerification.pick({ number: true, issuedAt: true, validUntil: true, issuingOffice: true, status: true }).nullable(),
});
export type ReferralTracking = z.infer<typeof ReferralTracking>;

/** `GET /referrals/:id/fhir`: a FHIR R4 Bundle (ServiceRequest, Task, Patient with the shared fields). */
export const ReferralFhirBundle = z.object({
  resourceType: z.literal('Bundle'),
  id: z.string(),
  type: z.literal('collection'),
  entry: z.array(z.object({ fullUrl: z.string(), resource: z.record(z.string(), z.unknown()) })),
}).loose();
export type ReferralFhirBundle = z.infer<typeof ReferralFhirBundle>;

/** `GET /fhir/CodeSystem/:id`: one code system of the FHIR export. */
export const FhirCodeSystemView = z.object({ resourceType: z.literal('CodeSystem'), id: z.string(), url: z.string() }).loose();
export type FhirCodeSystemView = z.infer<typeof FhirCodeSystemView>;
