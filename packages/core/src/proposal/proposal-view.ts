import { z } from 'zod';
import { DocumentView } from '../case/case.ts';
import { PROPOSAL_CHANNELS, PROPOSAL_ORIGINS, PROPOSAL_TYPES } from './proposal.ts';
import { PROPOSAL_STATUSES, PROPOSAL_USER_ACTIONS } from './proposal-state.ts';
import { MET_ROLES, VERDICTS } from './verification.ts';
import { ROUND_BASES, ROUND_STATUSES, INDONESIAN_TIME_ZONES } from './round.ts';

/**
 * What the proposals API answers. Each schema is an allowlist: a column not named here never
 * reaches the client. Shared with the web, which reads the same types.
 */

const Values = z.record(z.string(), z.unknown());

export const ProposalSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  type: z.enum(PROPOSAL_TYPES),
  targetKind: z.enum(['person', 'household', 'new_household']),
  status: z.enum(PROPOSAL_STATUSES),
  channel: z.enum(PROPOSAL_CHANNELS),
  origin: z.enum(PROPOSAL_ORIGINS),
  villageCode: z.string(),
  villageName: z.string(),
  kecamatanCode: z.string(),
  kecamatanName: z.string(),
  personId: z.uuid().nullable(),
  householdId: z.uuid().nullable(),
  /** The person's name, the head's name, or the first member of a new household. */
  subjectName: z.string().nullable(),
  reason: z.string(),
  changedFields: z.array(z.string()),
  roundId: z.uuid().nullable(),
  roundPeriod: z.string().nullable(),
  cutOffDate: z.string().nullable(),
  enteredOn: z.string().nullable(),
  ageDays: z.number().int(),
  daysToCutOff: z.number().int().nullable(),
  overdue: z.boolean(),
  assignedToName: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  statusAt: z.string(),
  /** The steps the caller may take now. */
  allowedActions: z.array(z.enum(PROPOSAL_USER_ACTIONS)),
});
export type ProposalSummary = z.infer<typeof ProposalSummary>;

export const VerificationView = z.object({
  id: z.uuid(),
  verifierName: z.string(),
  visitDate: z.string(),
  metName: z.string(),
  metRole: z.enum(MET_ROLES),
  verdict: z.enum(VERDICTS),
  reason: z.string().nullable(),
  items: z.array(z.object({ field: z.string(), confirmed: z.boolean(), correctedValue: z.unknown().optional() })),
  currentValues: Values.nullable(),
  gps: z.object({ lat: z.number(), lon: z.number(), accuracyM: z.number().nullable() }).nullable(),
  /** Where the house is, typed when the phone gave no position. */
  landmark: z.string().nullable(),
  createdAt: z.string(),
});
export type VerificationView = z.infer<typeof VerificationView>;

export const ProposalStepView = z.object({
  id: z.uuid(),
  at: z.string(),
  action: z.string(),
  fromStatus: z.enum(PROPOSAL_STATUSES).nullable(),
  toStatus: z.enum(PROPOSAL_STATUSES),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  verificationId: z.uuid().nullable(),
  details: Values.nullable(),
});
export type ProposalStepView = z.infer<typeof ProposalStepView>;

/** A registry change made by this proposal (registry_history with source proposal). */
export const ProposalRegistryChange = z.object({
  id: z.uuid(),
  recordType: z.enum(['person', 'household', 'family']),
  recordId: z.uuid(),
  action: z.enum(['create', 'update']),
  at: z.string(),
  actorName: z.string().nullable(),
  changes: z.record(z.string(), z.object({ old: z.unknown(), new: z.unknown() })),
});
export type ProposalRegistryChange = z.infer<typeof ProposalRegistryChange>;

export const ProposalDetail = ProposalSummary.extend({
  caseId: z.uuid().nullable(),
  changes: Values,
  confirmedChanges: Values.nullable(),
  /** The registry's values of the proposed fields now (null for what does not exist yet). */
  current: Values.nullable(),
  /** Versions of the target records now, and as the facilitator saw them. */
  currentVersions: z.record(z.string(), z.number()).nullable(),
  verifiedVersions: z.record(z.string(), z.number()).nullable(),
  staleReason: z.string().nullable(),
  confirmWarnings: z.array(z.string()),
  applied: z.array(z.object({ recordType: z.string(), recordId: z.uuid(), action: z.string(), version: z.number().nullable() })).nullable(),
  verifications: z.array(VerificationView),
  steps: z.array(ProposalStepView),
  registryChanges: z.array(ProposalRegistryChange),
  documents: z.array(DocumentView),
  submission: z
    .object({
      id: z.uuid(),
      code: z.string(),
      status: z.enum(['prepared', 'sent', 'answered']),
      rows: z.array(z.object({ rowNo: z.number().int(), result: z.enum(['accepted', 'rejected']).nullable(), resultReason: z.string().nullable(), desil: z.number().int().nullable() })),
    })
    .nullable(),
});
export type ProposalDetail = z.infer<typeof ProposalDetail>;

/** The answer to a step: the proposal's new status and what may follow. */
export const ProposalStepResult = z.object({
  id: z.uuid(),
  status: z.enum(PROPOSAL_STATUSES),
  allowedActions: z.array(z.enum(PROPOSAL_USER_ACTIONS)),
  /** Set when the step found the record changed since verification and sent it back. */
  stale: z.boolean(),
});
export type ProposalStepResult = z.infer<typeof ProposalStepResult>;

export const BulkStepResult = z.object({
  results: z.array(
    z.object({
      id: z.uuid(),
      ok: z.boolean(),
      status: z.enum(PROPOSAL_STATUSES).nullable(),
      stale: z.boolean(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
});
export type BulkStepResult = z.infer<typeof BulkStepResult>;

export const RoundView = z.object({
  id: z.uuid(),
  villageCode: z.string(),
  villageName: z.string(),
  kecamatanCode: z.string(),
  kecamatanName: z.string(),
  period: z.string(),
  cutOffDate: z.string(),
  daysToCutOff: z.number().int(),
  status: z.enum(ROUND_STATUSES),
  basis: z.enum(ROUND_BASES).nullable(),
  basisDate: z.string().nullable(),
  note: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewNote: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()),
  documents: z.array(DocumentView),
});
export type RoundView = z.infer<typeof RoundView>;

/** Counts per area for the progress board: statuses, and the overdue ones. */
export const ProgressRow = z.object({
  areaCode: z.string(),
  areaName: z.string(),
  counts: z.record(z.string(), z.number().int()),
  overdue: z.number().int(),
  total: z.number().int(),
});
export type ProgressRow = z.infer<typeof ProgressRow>;

/** The caller's worklists: how many wait for each of their steps. */
export const WorklistCounts = z.object({
  drafts: z.number().int(),
  toVerify: z.number().int(),
  toReview: z.number().int(),
  toVerifyKabupaten: z.number().int(),
  toRatify: z.number().int(),
  needsReview: z.number().int(),
  toSubmit: z.number().int(),
  waitingNational: z.number().int(),
  overdue: z.number().int(),
  /** Residents captured at intake, not in the national data, whose proposal is not opened yet. */
  fromIntake: z.number().int(),
});
export type WorklistCounts = z.infer<typeof WorklistCounts>;

/** The worklist queues `GET /api/v1/proposals?queue=` filters on. */
export const PROPOSAL_QUEUES = ['drafts', 'to_verify', 'to_review', 'to_verify_kabupaten', 'to_ratify', 'needs_review', 'to_submit', 'waiting_national', 'mine'] as const;
export type ProposalQueue = (typeof PROPOSAL_QUEUES)[number];

export const ProposalSettingsView = z.object({
  cutOffDay: z.number().int(),
  timeZone: z.enum(INDONESIAN_TIME_ZONES),
  separateRatifier: z.boolean(),
  /** The round a proposal entering today would join, and its cut-off. */
  currentPeriod: z.string(),
  currentCutOffDate: z.string(),
  today: z.string(),
});
export type ProposalSettingsView = z.infer<typeof ProposalSettingsView>;

export const SubmissionView = z.object({
  id: z.uuid(),
  code: z.string(),
  status: z.enum(['prepared', 'sent', 'answered']),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  sentAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answerFile: z.string().nullable(),
  proposals: z.number().int(),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  waiting: z.number().int(),
});
export type SubmissionView = z.infer<typeof SubmissionView>;

/** `POST /proposals`: the new proposal's id, status and code. */
export const ProposalCreated = z.object({ id: z.uuid(), status: z.enum(PROPOSAL_STATUSES), code: z.string() });
export type ProposalCreated = z.infer<typeof ProposalCreated>;

/** `POST /proposals/intake-drafts`: the proposals opened from intake drafts, with their cases. */
export const IntakeDraftsOpened = z.object({ opened: z.array(z.object({ caseId: z.uuid(), proposalId: z.uuid(), code: z.string() })) });
export type IntakeDraftsOpened = z.infer<typeof IntakeDraftsOpened>;

/** `POST /proposal-rounds/:id/review`: the round, how many proposals were reviewed and how many found stale. */
export const RoundReviewed = z.object({ round: RoundView, reviewed: z.number().int(), stale: z.number().int() });
export type RoundReviewed = z.infer<typeof RoundReviewed>;

/** What the national side's answer file did (`POST /proposal-submissions/:id/answer`). */
export const AnswerReport = z.object({
  status: z.enum(['prepared', 'sent', 'answered']),
  rowsAnswered: z.number().int(),
  rowsUnchanged: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  proposalsAccepted: z.number().int(),
  proposalsRejected: z.number().int(),
});
export type AnswerReport = z.infer<typeof AnswerReport>;
