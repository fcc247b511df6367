import { z } from 'zod';
import { CreatePersonInput } from '../registry/registry-api.ts';
import {
  CASE_KINDS, CHANNELS, CONSENT_METHODS, CONSENT_PURPOSES, FAST_TRACK_REASONS, LEGAL_BASES, SECTORS, URGENCIES,
} from './case-codes.ts';

/**
 * The requests of intake (the one door): a case for a resident found or captured now, and for a
 * resident registered in another village of the kabupaten (issue 12).
 */

const Text = (max: number) => z.string().trim().min(1).max(max);

export const NeedInput = z.strictObject({
  sector: z.enum(SECTORS),
  urgency: z.enum(URGENCIES),
  /** What is asked, in the officer's or the resident's words. */
  request: Text(2000),
  /** Who it is for: the case's person (the default) or any member of the same household. */
  personId: z.uuid().optional(),
});
export type NeedInput = z.infer<typeof NeedInput>;

/**
 * A consent, where consent is needed beyond the public-service basis (UU 27/2022 arts. 21-25):
 * what for, the plain-language statement read to the resident, how and when it was given,
 * and by whom (the resident or, for a child, a parent or guardian).
 */
export const ConsentInput = z.strictObject({
  purpose: z.enum(CONSENT_PURPOSES),
  statement: Text(1000),
  method: z.enum(CONSENT_METHODS),
  givenAt: z.iso.datetime({ offset: true }).optional(),
  givenBy: z.enum(['subject', 'guardian']),
  guardianName: Text(200).optional(),
  guardianRelationship: Text(100).optional(),
}).superRefine((c, ctx) => {
  if (c.givenBy === 'guardian' && !c.guardianName) ctx.addIssue({ code: 'custom', path: ['guardianName'], message: 'case.guardian_required' });
  if (c.givenBy === 'subject' && (c.guardianName || c.guardianRelationship)) {
    ctx.addIssue({ code: 'custom', path: ['guardianName'], message: 'case.guardian_only_for_guardian' });
  }
});
export type ConsentInput = z.infer<typeof ConsentInput>;

export const CreateCaseInput = z.strictObject({
  /** An existing resident (found by NIK or by name and village)... */
  personId: z.uuid().optional(),
  /** ...or one captured now, not in the national data (opens a registry proposal, see needsRegistryProposal). */
  newPerson: CreatePersonInput.optional(),
  channel: z.enum(CHANNELS),
  kind: z.enum(CASE_KINDS),
  fastTrack: z.boolean().default(false),
  fastTrackReasons: z.array(z.enum(FAST_TRACK_REASONS)).max(FAST_TRACK_REASONS.length).default([]),
  /** Why the fast track stands although the record contradicts a reason (core `fastTrackProblems`); kept in the timeline. */
  fastTrackOverride: Text(1000).optional(),
  /** The complaint in the resident's words. */
  complaint: Text(4000),
  needs: z.array(NeedInput).min(1).max(12),
  legalBasis: z.enum(LEGAL_BASES).default('public_task'),
  consents: z.array(ConsentInput).max(CONSENT_PURPOSES.length).default([]),
  /** Makes a retry on a weak link safe (same as the Idempotency-Key header). */
  clientRequestId: z.string().trim().min(8).max(100).regex(/^[\w.:-]+$/).optional(),
}).superRefine((c, ctx) => {
  if ((c.personId === undefined) === (c.newPerson === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['personId'], message: 'case.person_or_new_person' });
  }
  if (c.fastTrack && c.fastTrackReasons.length === 0) ctx.addIssue({ code: 'custom', path: ['fastTrackReasons'], message: 'case.fast_track_reason_required' });
  if (!c.fastTrack && c.fastTrackReasons.length > 0) ctx.addIssue({ code: 'custom', path: ['fastTrack'], message: 'case.fast_track_reasons_without_flag' });
  if (new Set(c.fastTrackReasons).size !== c.fastTrackReasons.length) ctx.addIssue({ code: 'custom', path: ['fastTrackReasons'], message: 'case.codes_repeat' });
  if (new Set(c.consents.map((x) => x.purpose)).size !== c.consents.length) ctx.addIssue({ code: 'custom', path: ['consents'], message: 'case.codes_repeat' });
  if (c.legalBasis === 'consent' && c.consents.length === 0) ctx.addIssue({ code: 'custom', path: ['consents'], message: 'case.consent_required' });
});
export type CreateCaseInput = z.infer<typeof CreateCaseInput>;

/**
 * Intake for a resident registered in another village of the kabupaten (found by NIK, issue
 * 12): the case is started there, at the Puskesos of the resident's village, which is told
 * (`POST /cases/at-resident-village`), or here, at the officer's own Puskesos
 * (`POST /cases/here-for-resident`).
 */
export const CaseAtResidentVillageInput = z.strictObject({
  nik: z.string().regex(/^\d{16}$/),
  channel: z.enum(CHANNELS),
  kind: z.enum(CASE_KINDS),
  fastTrack: z.boolean().default(false),
  fastTrackReasons: z.array(z.enum(FAST_TRACK_REASONS)).max(FAST_TRACK_REASONS.length).default([]),
  complaint: Text(4000),
  needs: z.array(NeedInput).min(1).max(12),
}).superRefine((c, ctx) => {
  if (c.fastTrack && c.fastTrackReasons.length === 0) ctx.addIssue({ code: 'custom', path: ['fastTrackReasons'], message: 'case.fast_track_reason_required' });
  if (!c.fastTrack && c.fastTrackReasons.length > 0) ctx.addIssue({ code: 'custom', path: ['fastTrack'], message: 'case.fast_track_reasons_without_flag' });
});
export type CaseAtResidentVillageInput = z.infer<typeof CaseAtResidentVillageInput>;

/**
 * A resident of another village asks the officer's own village to take over their open case
 * (issue 12): the village holding it is told and transfers it (or not) with `POST /cases/:id/transfer`.
 */
export const CaseTransferRequestInput = z.strictObject({
  nik: z.string().regex(/^\d{16}$/),
  reason: Text(1000),
});
export type CaseTransferRequestInput = z.infer<typeof CaseTransferRequestInput>;
export const CaseTransferRequested = z.object({ villageName: z.string(), requested: z.number() });
export type CaseTransferRequested = z.infer<typeof CaseTransferRequested>;
