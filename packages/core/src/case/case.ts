import { z } from 'zod';
import { PuskesosContact } from '../puskesos/contact.ts';
import { IsoDate } from '../registry/person.ts';
import {
  CASE_DOCUMENT_KINDS, CASE_KINDS, CASE_LEVELS, CHANNELS, CLOSE_REASONS, CONSENT_METHODS, CONSENT_PURPOSES,
  DECISIONS, FAST_TRACK_REASONS, LEGAL_BASES, MANUAL_CLOSE_REASONS, NEED_STATUSES, SECTORS, URGENCIES,
  VERIFICATION_OUTCOMES, CASE_LISTS,
} from './case-codes.ts';
import { CASE_ACTIONS, CASE_STATUSES } from './case-state.ts';
import { LETTER_KINDS } from './letter-number.ts';
import { NEED_ACTIONS } from './need-holder.ts';
import { LetterContent } from './letter.ts';
import { DOCUMENT_MIME_TYPES } from './document-file.ts';
import { SLA_MAX_DAYS } from './sla.ts';

/**
 * Request and response shapes of cases: the server validates with them, the web builds forms
 * on them. Intake's requests are in intake-input.ts.
 */

const Text = (max: number) => z.string().trim().min(1).max(max);


const Notes = Text(4000);
/** A selection of a case's needs (need-level escalation, send-back and decision). */
const NeedIds = z.array(z.uuid()).min(1).max(12).refine((ids) => new Set(ids).size === ids.length, { message: 'case.codes_repeat' });

/** The bodies of the workflow actions, `POST /api/v1/cases/:id/<action>`. */
export const CASE_ACTION_INPUTS = {
  close_at_front_office: z.strictObject({ feedback: Notes }),
  check_registry: z.strictObject({ notes: Notes.optional() }),
  request_verification: z.strictObject({ notes: Notes.optional(), assigneeId: z.uuid().optional() }),
  record_verification: z.strictObject({ outcome: z.enum(VERIFICATION_OUTCOMES), notes: Notes, visitedOn: IsoDate.optional() }),
  recommend: z.strictObject({
    recommendation: Notes,
    needs: z.array(z.strictObject({ needId: z.uuid(), recommendation: Text(2000) })).max(12).optional(),
  }),
  /** With `needIds`: the level holding those needs apart from the case decides them (core need-holder.ts). */
  decide: z.strictObject({ decision: z.enum(DECISIONS), notes: Notes.optional(), needIds: NeedIds.optional() }),
  /** With `needIds`: only those needs go one level up; the case stays where it is. */
  escalate: z.strictObject({ reason: Notes, needIds: NeedIds.optional() }),
  /** The holding level returns the case (or, with `needIds`, those needs) one level down, with the reason. */
  send_back: z.strictObject({ reason: Notes, needIds: NeedIds.optional() }),
  /** To another village's Puskesos in the same kabupaten (core `caseTransferTargetProblem`), with the whole history. */
  transfer: z.strictObject({ villageCode: z.string().trim().min(2).max(20), reason: Notes }),
  resolve: z.strictObject({ notes: Notes.optional() }),
  close: z.strictObject({ reason: z.enum(MANUAL_CLOSE_REASONS), notes: Notes.optional() }),
} as const satisfies Record<(typeof CASE_ACTIONS)[number], z.ZodType>;

export const CaseNoteInput = z.strictObject({ text: Notes });
export const AssignInput = z.strictObject({ assigneeId: z.uuid().nullable() });
export const NeedStatusInput = z.strictObject({ status: z.enum(NEED_STATUSES), note: Notes.optional() });

export const CaseListQuery = z.object({
  list: z.enum(CASE_LISTS).default('all'),
  sector: z.enum(SECTORS).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  level: z.enum(CASE_LEVELS).optional(),
  area: z.string().max(20).optional(),
  personId: z.uuid().optional(),
  householdId: z.uuid().optional(),
  /** `priority` (fast track, then due date) or `recent` (newest first; the default for a person's or a household's cases). */
  order: z.enum(['priority', 'recent']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;
/** What a client sends (`list`, `limit` have defaults). */
export type CaseListQueryInput = z.input<typeof CaseListQuery>;

export const BulkIds = z.array(z.uuid()).min(1).max(200).refine((ids) => new Set(ids).size === ids.length, { message: 'case.codes_repeat' });
export const BulkAssignInput = z.strictObject({ ids: BulkIds, assigneeId: z.uuid().nullable() });
export const BulkEscalateInput = z.strictObject({ ids: BulkIds, reason: Notes });
export const CaseExportInput = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(5000).optional(),
  list: z.enum(CASE_LISTS).optional(),
  sector: z.enum(SECTORS).optional(),
  status: z.enum(CASE_STATUSES).optional(),
});

export const SlaSettingsInput = z.strictObject(
  Object.fromEntries(URGENCIES.map((u) => [u, z.number().int().min(1).max(SLA_MAX_DAYS)])) as Record<(typeof URGENCIES)[number], z.ZodNumber>,
);
/** @alias the settings as answered: the same shape as the input */
export const SlaSettingsView = SlaSettingsInput;

export const IssueLetterInput = z.strictObject({ kind: z.enum(['recommendation', 'registry_certificate']) });
export const RevokeLetterInput = z.strictObject({ reason: Notes });

// ---- responses

const UserRef = z.object({ id: z.string(), name: z.string() }).nullable();

/** Who holds a case or a need: the level and its area (the village's Puskesos, the kecamatan, the kabupaten). */
export const Holder = z.object({ level: z.enum(CASE_LEVELS), areaCode: z.string(), areaName: z.string() });
export type Holder = z.infer<typeof Holder>;

export const NeedView = z.object({
  id: z.string(),
  position: z.number(),
  sector: z.enum(SECTORS),
  urgency: z.enum(URGENCIES),
  request: z.string(),
  status: z.enum(NEED_STATUSES),
  statusNote: z.string().nullable(),
  recommendation: z.string().nullable(),
  /** Who the need is for (the case's person or a household member). */
  person: z.object({ id: z.string(), fullName: z.string() }),
  /** A declined referral handed it back: open again, to be referred anew or decided otherwise. */
  returnedAt: z.string().nullable(),
  /** Who holds the need now; `heldApart` when escalated apart from its case (issue 12). */
  holder: Holder,
  heldApart: z.boolean(),
  /** The decision of the level holding it apart (null when held with the case: the case's decision applies). */
  decision: z.enum(DECISIONS).nullable(),
  decisionNotes: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: UserRef,
  /** Need-level actions the caller may take now (`POST /cases/:id/<action>` with `needIds`). */
  actions: z.array(z.enum(NEED_ACTIONS)),
  /** The caller may resolve or close it by hand now. */
  movable: z.boolean(),
  acceptsReferrals: z.boolean(),
  updatedAt: z.string(),
});
export type NeedView = z.infer<typeof NeedView>;

export const ConsentView = z.object({
  id: z.string(),
  purpose: z.enum(CONSENT_PURPOSES),
  statement: z.string(),
  method: z.enum(CONSENT_METHODS),
  givenAt: z.string(),
  givenBy: z.enum(['subject', 'guardian']),
  guardianName: z.string().nullable(),
  guardianRelationship: z.string().nullable(),
  recordedBy: UserRef,
  withdrawnAt: z.string().nullable(),
});

export const CaseEventView = z.object({
  id: z.string(),
  at: z.string(),
  actor: UserRef,
  action: z.string(),
  fromStatus: z.enum(CASE_STATUSES).nullable(),
  toStatus: z.enum(CASE_STATUSES).nullable(),
  fromLevel: z.enum(CASE_LEVELS).nullable(),
  toLevel: z.enum(CASE_LEVELS).nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type CaseEventView = z.infer<typeof CaseEventView>;

export const DocumentView = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string(),
  mimeType: z.enum(DOCUMENT_MIME_TYPES),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedBy: UserRef,
});
export type DocumentView = z.infer<typeof DocumentView>;

export const LetterSummary = z.object({
  id: z.string(),
  kind: z.enum(LETTER_KINDS),
  number: z.string(),
  issuedAt: z.string(),
  validUntil: z.string(),
  status: z.enum(['valid', 'expired', 'revoked']),
  verifyToken: z.string(),
});
export type LetterSummary = z.infer<typeof LetterSummary>;

const PersonOnCase = z.object({
  id: z.string(),
  fullName: z.string(),
  nikMasked: z.string().nullable(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string().nullable(),
  registryStatus: z.string(),
  householdId: z.string(),
});

export const CaseView = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(CASE_STATUSES),
  level: z.enum(CASE_LEVELS),
  /** Who holds the case as a whole (its needs may be held higher up: `needs[].holder`). */
  holder: Holder,
  villageCode: z.string(),
  villageName: z.string(),
  kecamatanCode: z.string(),
  kecamatanName: z.string(),
  person: PersonOnCase,
  channel: z.enum(CHANNELS),
  kind: z.enum(CASE_KINDS),
  fastTrack: z.boolean(),
  fastTrackReasons: z.array(z.enum(FAST_TRACK_REASONS)),
  complaint: z.string(),
  urgency: z.enum(URGENCIES),
  dueAt: z.string(),
  overdue: z.boolean(),
  firstActionAt: z.string().nullable(),
  legalBasis: z.enum(LEGAL_BASES),
  consents: z.array(ConsentView),
  needsRegistryProposal: z.boolean(),
  registryProposalId: z.string().nullable(),
  /** The resident's random tracking code for /lacak (`K7M2Q-XR4TD`), printed on the receipt; not the case number. */
  trackingCode: z.string(),
  /** The PIN asked by public tracking when the resident has no NIK; null when the NIK's last 4 digits serve. */
  trackingPin: z.string().nullable(),
  registeredAt: z.string(),
  registeredBy: UserRef,
  assignedTo: UserRef,
  recommendation: z.string().nullable(),
  decision: z.enum(DECISIONS).nullable(),
  decisionNotes: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: UserRef,
  closeReason: z.enum(CLOSE_REASONS).nullable(),
  closedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  updatedAt: z.string(),
  needs: z.array(NeedView),
  timeline: z.array(CaseEventView),
  documents: z.array(DocumentView),
  letters: z.array(LetterSummary),
  /** What the caller may do now (workflow and authority): the web shows exactly these buttons. */
  allowedActions: z.array(z.enum(CASE_ACTIONS)),
  canWork: z.boolean(),
  /** Every need is resolved or closed: the case may be resolved. */
  offersResolve: z.boolean(),
  acceptsReferrals: z.boolean(),
});
export type CaseView = z.infer<typeof CaseView>;

/**
 * The answer to `POST /cases/:id/transfer`: where the case went and, when the caller still
 * reads it there (a supervisor within their kecamatan, the kabupaten), the case; null when
 * the transfer took it out of the caller's area.
 */
export const CaseTransferResult = z.object({
  id: z.string(),
  code: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  kecamatanName: z.string(),
  case: CaseView.nullable(),
});
export type CaseTransferResult = z.infer<typeof CaseTransferResult>;

export const CaseSummary = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(CASE_STATUSES),
  level: z.enum(CASE_LEVELS),
  villageCode: z.string(),
  villageName: z.string(),
  personName: z.string(),
  nikMasked: z.string().nullable(),
  kind: z.enum(CASE_KINDS),
  fastTrack: z.boolean(),
  urgency: z.enum(URGENCIES),
  sectors: z.array(z.enum(SECTORS)),
  registeredAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  assignedTo: UserRef,
  decision: z.enum(DECISIONS).nullable(),
  /** Open needs held apart from the case, higher up (issue 12): what the kecamatan or the kabupaten holds of it. */
  escalatedNeeds: z.array(z.object({ id: z.string(), sector: z.enum(SECTORS), level: z.enum(CASE_LEVELS), decision: z.enum(DECISIONS).nullable() })),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseCounts = z.object({
  new: z.number(),
  mine: z.number(),
  decide: z.number(),
  returned: z.number(),
  overdue: z.number(),
  escalated: z.number(),
  open: z.number(),
  bySector: z.record(z.string(), z.number()),
});
export type CaseCounts = z.infer<typeof CaseCounts>;

export const BoardRow = z.object({
  code: z.string(),
  name: z.string(),
  open: z.number(),
  new: z.number(),
  overdue: z.number(),
  awaitingDecision: z.number(),
  escalated: z.number(),
  resolved30d: z.number(),
  /** Cases registered in the board's period. */
  registered: z.number(),
  /** Cases resolved in the board's period. */
  resolved: z.number(),
});
export const CaseBoard = z.object({
  area: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  /** The period of `registered` and `resolved` (inclusive dates); the other counts stand as now. */
  period: z.object({ from: z.string(), to: z.string() }),
  rows: z.array(BoardRow),
});
export type CaseBoard = z.infer<typeof CaseBoard>;

export const BulkResult = z.object({
  results: z.array(z.object({ id: z.string(), ok: z.boolean(), error: z.object({ code: z.string(), message: z.string() }).optional() })),
});

export const AssigneeView = z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) });
export type AssigneeView = z.infer<typeof AssigneeView>;
/** `GET /cases/:id/assignees`: who the case may be assigned to. */
export const AssigneeList = z.object({ items: z.array(AssigneeView) });
export type AssigneeList = z.infer<typeof AssigneeList>;

/** `GET /public/track/:trackingCode?nik4=`: the last four digits of the resident's NIK (or the receipt's PIN). */
export const PublicTrackQuery = z.object({ nik4: z.string().max(10).optional() });
export type PublicTrackQuery = z.input<typeof PublicTrackQuery>;

/** `POST {owner}/:id/documents?kind=`: the kind among those of the owner (a case's, a proposal's, a round's). */
export function documentKindQuery<const K extends readonly [string, ...string[]]>(kinds: K) {
  return z.object({ kind: z.enum(kinds) });
}

/** Public tracking: status, dates and sectors only; never a name or a NIK. */
export const PublicTrackView = z.object({
  /** The tracking code asked for, as printed (`K7M2Q-XR4TD`). */
  code: z.string(),
  status: z.enum(CASE_STATUSES),
  level: z.enum(CASE_LEVELS),
  registeredAt: z.string(),
  updatedAt: z.string(),
  dueAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** `arrangingAgain`: a partner declined its referral and the office is arranging the service again. */
  needs: z.array(z.object({ sector: z.enum(SECTORS), status: z.enum(NEED_STATUSES), arrangingAgain: z.boolean() })),
  /** The Puskesos holding the case, to ask it (null only for a village without a profile). */
  puskesos: PuskesosContact.nullable(),
});
export type PublicTrackView = z.infer<typeof PublicTrackView>;

export const CaseDocumentKindInput = z.enum(CASE_DOCUMENT_KINDS);

export const LetterDetail = LetterSummary.extend({
  /** For the letterhead: "Kabupaten Bandung". */
  kabupatenName: z.string(),
  issuingOffice: z.string(),
  signerName: z.string(),
  signerTitle: z.string(),
  content: LetterContent,
  /** The page the QR code opens. */
  verifyUrl: z.string(),
});
export type LetterDetail = z.infer<typeof LetterDetail>;
