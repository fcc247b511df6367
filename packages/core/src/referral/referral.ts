import { z } from 'zod';
import { URGENCIES } from '../case/case-codes.ts';
import { SERVICE_SECTORS, SHAREABLE_FIELDS } from './directory.ts';
import { REFERRAL_ACTIONS, REFERRAL_STATUSES } from './referral-state.ts';

export const REFERRAL_PRIORITIES = ['routine', 'urgent', 'emergency'] as const;
export type ReferralPriority = (typeof REFERRAL_PRIORITIES)[number];

export const REFERRAL_OUTCOMES = ['fulfilled', 'partly', 'not_fulfilled'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

const Reason = z.string().trim().min(3).max(2000);

/**
 * A referral of one need of a case to one service. `sharedFields` may narrow what the
 * service declares it needs; it can never widen it. Without it the service's list applies.
 */
export const CreateReferralInput = z.strictObject({
  caseId: z.uuid(),
  needId: z.uuid(),
  serviceId: z.uuid(),
  reason: z.string().trim().max(2000).optional(),
  priority: z.enum(REFERRAL_PRIORITIES).optional(),
  sharedFields: z.array(z.enum(SHAREABLE_FIELDS)).min(1).optional(),
  /** The resident's phone for the partner to call; shared only when the service asks for `phone`. */
  contactPhone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/).optional(),
});
export type CreateReferralInput = z.infer<typeof CreateReferralInput>;

export const DeclineReferralInput = z.strictObject({ reason: Reason });

/**
 * The holder of a signed link, as they typed it once on the link's page: their name (required)
 * and position. Sent with each action through the link; stored with the action and shown in the
 * referral's history and the audit trail.
 */
export const LinkHolder = z.strictObject({
  name: z.string().trim().min(2).max(120),
  position: z.string().trim().min(2).max(120).optional(),
});
export type LinkHolder = z.infer<typeof LinkHolder>;

/** The bodies of the link's actions: the user API's, with the holder. */
export const LinkAcceptInput = z.strictObject({ notes: z.string().trim().max(2000).optional(), actedBy: LinkHolder });
export const LinkDeclineInput = z.strictObject({ reason: Reason, actedBy: LinkHolder });
export type DeclineReferralInput = z.infer<typeof DeclineReferralInput>;

export const CancelReferralInput = z.strictObject({ reason: Reason });
export type CancelReferralInput = z.infer<typeof CancelReferralInput>;

export const StartReferralInput = z.strictObject({ notes: z.string().trim().max(2000).optional() });
export type StartReferralInput = z.infer<typeof StartReferralInput>;

export const AcceptReferralInput = z.strictObject({ notes: z.string().trim().max(2000).optional() });
export type AcceptReferralInput = z.infer<typeof AcceptReferralInput>;

export const CompleteReferralInput = z.strictObject({
  outcome: z.enum(REFERRAL_OUTCOMES),
  notes: z.string().trim().max(4000).optional(),
  /** Evidence already uploaded as documents of this referral. */
  documentIds: z.array(z.uuid()).max(10).optional(),
});
export type CompleteReferralInput = z.infer<typeof CompleteReferralInput>;
export const LinkCompleteInput = CompleteReferralInput.extend({ actedBy: LinkHolder });

export const ReferralCreated = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  dueDate: z.string(),
});
export type ReferralCreated = z.infer<typeof ReferralCreated>;

/**
 * The resident as the partner sees them: only the fields the referral shares. Every key is
 * optional; the serializer copies exactly the allowlisted ones.
 */
export const ReferralSubject = z.object({
  fullName: z.string().nullable().optional(),
  nik: z.string().nullable().optional(),
  kk: z.string().nullable().optional(),
  sex: z.enum(['M', 'F']).nullable().optional(),
  birthDate: z.string().nullable().optional(),
  birthPlace: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  village: z.string().nullable().optional(),
  pregnant: z.boolean().nullable().optional(),
  chronicIllnesses: z.array(z.string()).nullable().optional(),
  healthInsurance: z.array(z.string()).nullable().optional(),
  disability: z.record(z.string(), z.string()).nullable().optional(),
}).strict();
export type ReferralSubject = z.infer<typeof ReferralSubject>;

export const ReferralEventView = z.object({
  at: z.string(),
  action: z.string(),
  fromStatus: z.enum(REFERRAL_STATUSES).nullable(),
  toStatus: z.enum(REFERRAL_STATUSES).nullable(),
  actorName: z.string().nullable(),
  /** The position the holder of a signed link typed with their name. */
  actorPosition: z.string().nullable(),
  actorKind: z.enum(['user', 'token', 'link', 'system']),
  note: z.string().nullable(),
});
export type ReferralEventView = z.infer<typeof ReferralEventView>;

/**
 * A referral as the API shows it. Partners get the same shape without the case links
 * (`caseId`, `needId`, `personId` are null for them) and with `subject` cut to the shared
 * fields.
 */
export const ReferralView = z.object({
  id: z.uuid(),
  number: z.string(),
  trackingCode: z.string().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  priority: z.enum(REFERRAL_PRIORITIES),
  reason: z.string(),
  sector: z.enum(SERVICE_SECTORS),
  /** What the service is asked to do (the need's request): the partner sees it too; it is the request, not a personal field. */
  needSummary: z.string().nullable(),
  /** The need's urgency as the office recorded it. */
  needUrgency: z.enum(URGENCIES),
  caseId: z.uuid().nullable(),
  caseNumber: z.string().nullable(),
  needId: z.uuid().nullable(),
  personId: z.uuid().nullable(),
  service: z.object({ id: z.uuid(), name: z.string() }),
  organization: z.object({ id: z.uuid(), name: z.string() }),
  village: z.object({ code: z.string(), name: z.string().nullable() }),
  sharedFields: z.array(z.enum(SHAREABLE_FIELDS)),
  subject: ReferralSubject,
  dueDate: z.string(),
  overdue: z.boolean(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  cancelReason: z.string().nullable(),
  outcome: z.enum(REFERRAL_OUTCOMES).nullable(),
  outcomeNotes: z.string().nullable(),
  evidence: z.array(z.object({ id: z.uuid(), fileName: z.string() })),
  allowedActions: z.array(z.enum(REFERRAL_ACTIONS)),
  events: z.array(ReferralEventView).optional(),
});
export type ReferralView = z.infer<typeof ReferralView>;

/** A row of a referral list: no personal data beyond what the caller may see anyway. */
export const ReferralListItem = ReferralView.omit({ events: true, subject: true, evidence: true }).extend({
  subjectName: z.string().nullable(),
});
export type ReferralListItem = z.infer<typeof ReferralListItem>;

/** Events a partner system may subscribe to with a webhook (and that boards hear live). */
export const REFERRAL_EVENT_TYPES = [
  'referral.created', 'referral.accepted', 'referral.declined', 'referral.started', 'referral.completed',
  'referral.cancelled', 'referral.overdue',
] as const;
export type ReferralEventType = (typeof REFERRAL_EVENT_TYPES)[number];

export const WebhookInput = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(500),
  events: z.array(z.enum(REFERRAL_EVENT_TYPES)).max(REFERRAL_EVENT_TYPES.length).optional(),
});
export type WebhookInput = z.infer<typeof WebhookInput>;

export const WebhookView = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  url: z.string(),
  events: z.array(z.enum(REFERRAL_EVENT_TYPES)),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type WebhookView = z.infer<typeof WebhookView>;

export const WebhookList = z.object({ items: z.array(WebhookView) });
export type WebhookList = z.infer<typeof WebhookList>;

/** A new webhook: its signing secret is shown this once. */
export const WebhookCreated = WebhookView.extend({ secret: z.string() });
export type WebhookCreated = z.infer<typeof WebhookCreated>;
