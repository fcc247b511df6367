import { z } from 'zod';
import { LangParam } from '../wire.ts';

/**
 * Personal data protection in operation (UU 27/2022): the resident's access log, data-subject
 * requests with their 3 x 24 hour clock, restrictions, retention. Wire schemas and the pure
 * rules; the server (`packages/server/src/privacy/`) applies them.
 */

const Text = (max: number) => z.string().trim().min(1).max(max);

// ---------------------------------------------------------------- access log

/** One processing event of a person's data, as the resident reads it (who, when, what, why). */
export const AccessLogEntry = z.object({
  at: z.string(),
  /** The officer's name, or for a partner without an account the referral link. */
  actor: z.string(),
  /** The role codes the event was recorded with (`puskesos`, `link`, ...), for machines. */
  role: z.string().nullable(),
  /** The roles by name in the reader's language. */
  roleLabel: z.string().nullable(),
  organization: z.string().nullable(),
  /** The action code (`person.lookup`), for machines. */
  action: z.string(),
  /** The action in the reader's language (`auditActionLabel`). */
  actionLabel: z.string(),
  /** The purpose code (`case.handling`), for machines. */
  purpose: z.string().nullable(),
  /** The purpose in the reader's language (`auditPurposeLabel`). */
  purposeLabel: z.string().nullable(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

export const AccessLogQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * The resident's printable report: Bahasa Indonesia unless asked for in English (`?lang=en`).
 * A query, not the reader's Accept-Language: the report is handed over the counter, and a
 * browser opening the link sends its own language, not the one chosen in the app.
 */
export const AccessReportQuery = z.object({ lang: LangParam.default('id') });

/** The DPO's look-up of a resident by NIK (the resident at the desk gives their NIK). */
export const PrivacyPersonQuery = z.object({ nik: z.string().trim().regex(/^\d{16}$/) });
export type PrivacyPersonQuery = z.input<typeof PrivacyPersonQuery>;
export const PrivacyPerson = z.object({
  id: z.uuid(),
  fullName: z.string(),
  nik: z.string(),
  villageCode: z.string(),
  restriction: z.object({ reason: z.string(), since: z.string() }).nullable(),
});
export type PrivacyPerson = z.infer<typeof PrivacyPerson>;

// ---------------------------------------------------------------- data-subject requests

export const DATA_REQUEST_KINDS = ['access', 'correction', 'restriction', 'objection', 'deletion', 'consent_withdrawal'] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];
export const DATA_REQUEST_CHANNELS = ['walk_in', 'letter', 'phone', 'email'] as const;
export const DATA_REQUEST_STATUSES = ['received', 'answered', 'refused'] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];

/** The kinds the law gives 3 x 24 hours (UU 27/2022): access, correction, restriction. */
export const CLOCKED_REQUEST_KINDS = ['access', 'correction', 'restriction'] as const satisfies readonly DataRequestKind[];
export const REQUEST_CLOCK_HOURS = 72;

/**
 * Grounds for refusing a request. `public_interest_law` (art. 15: the processing implements a
 * law in the public interest) can refuse deletion, objection and consent withdrawal only;
 * access and correction cannot be refused on it. `identity_not_verified` refuses any kind.
 */
export const REFUSAL_GROUNDS = ['public_interest_law', 'identity_not_verified'] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];
const PUBLIC_INTEREST_REFUSABLE: readonly DataRequestKind[] = ['objection', 'deletion', 'consent_withdrawal'];

/** When a request of this kind received at `receivedAt` must be answered; null when the law sets no clock. */
export function requestDueAt(kind: DataRequestKind, receivedAt: Date): Date | null {
  return (CLOCKED_REQUEST_KINDS as readonly DataRequestKind[]).includes(kind) ? new Date(receivedAt.getTime() + REQUEST_CLOCK_HOURS * 3_600_000) : null;
}

/** True when `ground` may refuse a request of `kind`. */
export function mayRefuse(kind: DataRequestKind, ground: RefusalGround): boolean {
  return ground === 'identity_not_verified' || PUBLIC_INTEREST_REFUSABLE.includes(kind);
}

export function isOverdue(r: { status: DataRequestStatus; dueAt: string | null }, now: Date = new Date()): boolean {
  return r.status === 'received' && r.dueAt !== null && Date.parse(r.dueAt) < now.getTime();
}

export const CreateDataRequest = z.strictObject({
  personId: z.uuid(),
  kind: z.enum(DATA_REQUEST_KINDS),
  channel: z.enum(DATA_REQUEST_CHANNELS),
  /** What the resident asks, in their words. */
  details: Text(2000),
  /** How the resident's identity was checked (KTP shown at the desk, letter with a copy of the KTP...). */
  identityCheck: Text(300).optional(),
});
export type CreateDataRequest = z.infer<typeof CreateDataRequest>;

export const DataRequestCreated = z.object({ id: z.uuid(), status: z.enum(DATA_REQUEST_STATUSES), dueAt: z.string().nullable() });

export const DataRequest = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  villageCode: z.string(),
  kind: z.enum(DATA_REQUEST_KINDS),
  channel: z.enum(DATA_REQUEST_CHANNELS),
  details: z.string(),
  identityCheck: z.string().nullable(),
  status: z.enum(DATA_REQUEST_STATUSES),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  closedAt: z.string().nullable(),
  answer: z.string().nullable(),
  refusalGround: z.enum(REFUSAL_GROUNDS).nullable(),
});
export type DataRequest = z.infer<typeof DataRequest>;

export const DataRequestListQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * The DPO's answer. `answer`: what was done (for a restriction, `restrictionReason` is shown to
 * whoever may still see the record). `refuse`: the ground and its explanation to the resident.
 */
export const AnswerDataRequest = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('answer'), answer: Text(2000), restrictionReason: Text(300).optional() }),
  z.strictObject({ action: z.literal('refuse'), ground: z.enum(REFUSAL_GROUNDS), answer: Text(2000) }),
]);
export type AnswerDataRequest = z.infer<typeof AnswerDataRequest>;

// ---------------------------------------------------------------- retention

export const RETENTION_RECORD_TYPES = ['closed_case', 'document', 'inactive_person', 'referral_text', 'registry_history', 'audit_event'] as const;
export type RetentionRecordType = (typeof RETENTION_RECORD_TYPES)[number];

/**
 * What the daily job does past the period: documents and audit events are deleted (audit events
 * as signed gaps in the chain); cases, persons, referrals' free text and the registry history's
 * values anonymized.
 */
export const RETENTION_ACTION = {
  closed_case: 'anonymize',
  document: 'delete',
  inactive_person: 'anonymize',
  referral_text: 'anonymize',
  registry_history: 'anonymize',
  audit_event: 'delete',
} as const satisfies Record<RetentionRecordType, 'anonymize' | 'delete'>;

export const RetentionRule = z.object({
  recordType: z.enum(RETENTION_RECORD_TYPES),
  keepDays: z.number().int().min(30).max(36_500),
  action: z.enum(['anonymize', 'delete']),
});
export type RetentionRule = z.infer<typeof RetentionRule>;

export const RetentionSchedule = z.object({ rules: z.array(RetentionRule) });
export const UpdateRetentionRule = z.strictObject({ keepDays: z.number().int().min(30).max(36_500) });

export const RetentionRunInput = z.strictObject({ dryRun: z.boolean().default(true), batchSize: z.number().int().min(1).max(5000).default(500) });
export const RetentionRunReport = z.object({
  id: z.uuid(),
  dryRun: z.boolean(),
  startedAt: z.string(),
  /** Per record type: what is past its period, what is kept (open case, legal hold, pending request), what was done. */
  items: z.array(z.object({
    recordType: z.enum(RETENTION_RECORD_TYPES),
    action: z.enum(['anonymize', 'delete']),
    due: z.number().int().nonnegative(),
    held: z.number().int().nonnegative(),
    done: z.number().int().nonnegative(),
    batches: z.number().int().nonnegative(),
    sample: z.array(z.string()),
  })),
});
export type RetentionRunReport = z.infer<typeof RetentionRunReport>;

export const CreateLegalHold = z.strictObject({ personId: z.uuid(), reason: Text(500) });
export const LegalHoldCreated = z.object({ id: z.uuid() });

// ---------------------------------------------------------------- breaches

export const BREACH_CLOCK_HOURS = 72;
export const BREACH_DATA_CATEGORIES = ['identity', 'contact', 'welfare', 'health', 'disability', 'financial', 'children', 'documents'] as const;
export const BREACH_RECIPIENTS = ['authority', 'persons'] as const;
export type BreachRecipient = (typeof BREACH_RECIPIENTS)[number];

export function breachNotifyDueAt(foundAt: Date): Date {
  return new Date(foundAt.getTime() + BREACH_CLOCK_HOURS * 3_600_000);
}

export const CreateBreach = z.strictObject({
  title: Text(200),
  /** What leaked and how. */
  description: Text(4000),
  foundAt: z.iso.datetime({ offset: true }),
  occurredFrom: z.iso.datetime({ offset: true }).optional(),
  occurredTo: z.iso.datetime({ offset: true }).optional(),
  dataCategories: z.array(z.enum(BREACH_DATA_CATEGORIES)).min(1).max(BREACH_DATA_CATEGORIES.length),
  cause: Text(2000),
  measures: Text(4000),
  /** Where an account was misused: everything it read from occurredFrom to occurredTo is affected. */
  accountUsername: z.string().trim().min(1).max(100).optional(),
}).superRefine((b, ctx) => {
  if (b.accountUsername && (!b.occurredFrom || !b.occurredTo)) ctx.addIssue({ code: 'custom', path: ['occurredFrom'], message: 'privacy.breach_period_required' });
  if (b.occurredFrom && b.occurredTo && Date.parse(b.occurredTo) < Date.parse(b.occurredFrom)) ctx.addIssue({ code: 'custom', path: ['occurredTo'], message: 'privacy.breach_period_order' });
});
export type CreateBreach = z.infer<typeof CreateBreach>;

export const Breach = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  foundAt: z.string(),
  occurredFrom: z.string().nullable(),
  occurredTo: z.string().nullable(),
  dataCategories: z.array(z.string()),
  cause: z.string(),
  measures: z.string(),
  account: z.string().nullable(),
  personsAffected: z.number().int().nonnegative(),
  notifyDueAt: z.string(),
  authorityNotifiedAt: z.string().nullable(),
  personsNotifiedAt: z.string().nullable(),
  /** The 72 hours passed with a notice still unsent. */
  overdue: z.boolean(),
});
export type Breach = z.infer<typeof Breach>;

export const BreachNotified = z.strictObject({ recipient: z.enum(BREACH_RECIPIENTS) });
export const BreachLetterQuery = z.object({ recipient: z.enum(BREACH_RECIPIENTS) });

// ---------------------------------------------------------------- break-glass

/** How long an emergency grant lasts. */
export const BREAK_GLASS_MINUTES = 30;

export const CreateBreakGlass = z.strictObject({ personId: z.uuid(), reason: z.string().trim().min(10).max(500) });
export const BreakGlassGrant = z.object({
  id: z.uuid(),
  user: z.string(),
  personId: z.uuid(),
  personName: z.string(),
  reason: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  review: z.enum(['approved', 'flagged']).nullable(),
  reviewNote: z.string().nullable(),
});
export type BreakGlassGrant = z.infer<typeof BreakGlassGrant>;
/** `GET /break-glass`: the DPO's list, `unreviewed=true` for those still to review. */
export const BreakGlassListQuery = z.object({
  unreviewed: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type BreakGlassListQuery = z.input<typeof BreakGlassListQuery>;
/** `POST /break-glass` answers the grant's id and its end. */
export const BreakGlassCreated = z.object({ id: z.uuid(), expiresAt: z.string() });
export type BreakGlassCreated = z.infer<typeof BreakGlassCreated>;
export const ReviewBreakGlass = z.strictObject({ review: z.enum(['approved', 'flagged']), note: Text(1000).optional() });

// ---------------------------------------------------------------- records for the regulator

export const PRIVACY_RECORD_KINDS = ['ropa', 'dpia'] as const;
export type PrivacyRecordKind = (typeof PRIVACY_RECORD_KINDS)[number];

/**
 * The processing activities of SLRT as the record of processing (art. 31) lists them: purpose,
 * legal basis (art. 20), categories of data and of persons. Recipients and retention come from
 * the configuration (partner services' shared fields, the retention schedule).
 */
export const PROCESSING_ACTIVITIES = [
  {
    code: 'registry', purpose: 'Memelihara data kesejahteraan sosial (DTSEN) warga kabupaten: pencarian, pembaruan, usulan.',
    basis: 'Kewajiban hukum dan pelaksanaan tugas pelayanan publik (Permensos tentang DTSEN).',
    data: ['identitas (NIK, KK, nama, tanggal lahir)', 'alamat', 'kondisi sosial ekonomi', 'desil', 'disabilitas dan kesehatan (data spesifik)'],
    subjects: ['seluruh warga dalam data kesejahteraan', 'anak (dengan wali)'],
  },
  {
    code: 'intake', purpose: 'Menerima keluhan dan kebutuhan warga di Puskesos, menilai, memutuskan layanan.',
    basis: 'Pelaksanaan tugas pelayanan publik (Permensos tentang SLRT); persetujuan untuk foto dan berbagi di luar layanan.',
    data: ['identitas', 'keluhan dan kebutuhan', 'dokumen pendukung (KTP, KK, SKTM, surat dokter, foto rumah)'],
    subjects: ['pemohon layanan', 'anggota rumah tangga'],
  },
  {
    code: 'referrals', purpose: 'Merujuk kebutuhan warga kepada mitra penyedia layanan dan memantau hasilnya.',
    basis: 'Pelaksanaan tugas pelayanan publik; hanya data yang dibutuhkan layanan.',
    data: ['data yang diminta layanan (daftar per layanan)', 'status dan hasil rujukan'],
    subjects: ['warga yang dirujuk'],
  },
  {
    code: 'statistics', purpose: 'Laporan agregat untuk pimpinan daerah dan pelaporan ke atas.',
    basis: 'Pelaksanaan tugas pelayanan publik; angka kecil disembunyikan (<5).',
    data: ['jumlah agregat tanpa identitas'],
    subjects: ['seluruh warga (agregat)'],
  },
] as const;

export const PrivacyRecord = z.object({
  id: z.uuid(),
  kind: z.enum(PRIVACY_RECORD_KINDS),
  version: z.number().int().positive(),
  generatedAt: z.string(),
  sourceSha256: z.string(),
});
export type PrivacyRecord = z.infer<typeof PrivacyRecord>;
export const GeneratePrivacyRecord = z.strictObject({ kind: z.enum(PRIVACY_RECORD_KINDS) });

// ---------------------------------------------------------------- consents

/** A consent recorded at intake, as the person's consent list shows it. */
export const PersonConsent = z.object({
  id: z.uuid(),
  caseCode: z.string(),
  basis: z.literal('consent'),
  purpose: z.string(),
  statement: z.string(),
  method: z.string(),
  givenAt: z.string(),
  givenBy: z.enum(['subject', 'guardian']),
  guardianName: z.string().nullable(),
  guardianRelationship: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  /**
   * For `share_with_partners`: the partner organizations the case was referred to, and whether
   * the sharing with each was withdrawn on its own (the consent stays for the others).
   */
  partners: z.array(z.object({ organizationId: z.uuid(), organizationName: z.string(), withdrawnAt: z.string().nullable() })),
});
export type PersonConsent = z.infer<typeof PersonConsent>;
/**
 * A withdrawal: of the whole consent, or (`organizationId`, only for `share_with_partners`) of
 * the sharing with one partner organization.
 */
export const WithdrawConsent = z.strictObject({ note: Text(1000), organizationId: z.uuid().optional() });
export type WithdrawConsent = z.infer<typeof WithdrawConsent>;
