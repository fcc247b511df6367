import { z } from 'zod';
import { IsoDate } from '../registry/person.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { auditActionMessages } from '../i18n/messages/audit-actions.ts';
import { auditPurposeMessages } from '../i18n/messages/audit-purposes.ts';

/**
 * The audit trail as the auditor reads it: the search over events, the verification of the
 * hash chain, and the signed anchors of its head outside the database. Wire schemas shared by
 * the server (`packages/server/src/audit/`) and the web app.
 */

/** The search: by person (id, or NIK), by user (account name), by action (code or its prefix), by period (dates, inclusive). */
export const AuditEventQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  recordId: z.string().max(64).optional(),
  personId: z.uuid().optional(),
  nik: z.string().trim().regex(/^\d{16}$/).optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type AuditEventQuery = z.infer<typeof AuditEventQuery>;

export const AuditEventView = z.object({
  id: z.string(),
  seq: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  actorRoles: z.string().nullable(),
  action: z.string(),
  /** The action in the reader's language (the code itself when it has no label). */
  actionLabel: z.string(),
  recordType: z.string().nullable(),
  recordIds: z.array(z.string()),
  purpose: z.string().nullable(),
  clientAddr: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditEventList = z.object({
  items: z.array(AuditEventView),
  nextCursor: z.string().nullable(),
  /** The person the search was narrowed to (by NIK or id), so the screen can name them. */
  person: z.object({ id: z.string(), fullName: z.string() }).nullable().optional(),
});
export type AuditEventList = z.infer<typeof AuditEventList>;

export const AUDIT_FAILURES = ['hash_mismatch', 'chain_broken', 'head_mismatch', 'unkeyed_after_keyed', 'anchor_mismatch', 'truncated', 'gap_unsigned'] as const;
export type AuditFailure = (typeof AUDIT_FAILURES)[number];

export const AuditVerification = z.object({
  ok: z.boolean(),
  events: z.number(),
  lastSeq: z.number().optional(),
  firstBrokenEventId: z.string().nullable().optional(),
  firstBrokenSeq: z.number().nullable().optional(),
  reason: z.enum(AUDIT_FAILURES).optional(),
  anchoredSeq: z.number().optional().describe('truncated: the last event the newest anchor vouches for'),
  removedByRetention: z.number().optional().describe('events removed by the retention schedule, stepped over as signed gaps'),
  lastAnchor: z.object({ seq: z.number(), hash: z.string(), at: z.string() }).nullable().optional()
    .describe('the newest signed anchor of the chain head outside the database (DATA_DIR/audit-anchors.jsonl)'),
  keyDerived: z.boolean().optional().describe('true when no AUDIT_KEY is configured and a development key keys the chain'),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

/** One anchor line of the kabupaten's chain: `signed` false for a line whose signature does not match the audit key (forged or damaged). */
export const AuditAnchorView = z.object({
  seq: z.number(),
  hash: z.string(),
  at: z.string(),
  signed: z.boolean(),
});
export type AuditAnchorView = z.infer<typeof AuditAnchorView>;

export const AuditAnchorList = z.object({
  items: z.array(AuditAnchorView),
  /** Where they are kept and whether they are also sent to an external log. */
  external: z.boolean(),
});
export type AuditAnchorList = z.infer<typeof AuditAnchorList>;

/** The action labels (`audit.action.<code>`), for checks that every recorded action has one. */
export { auditActionMessages, auditPurposeMessages };

/** An action code in the reader's language; the code itself when the catalog has no label for it (a gap shows, never a blank). */
export function auditActionLabel(locale: Locale, action: string): string {
  const labels: Record<string, string> = auditActionMessages[locale];
  return labels[`audit.action.${action}`] ?? action;
}

/** A purpose code (`audit_events.purpose`) in the reader's language; the code itself when it has no label. */
export function auditPurposeLabel(locale: Locale, purpose: string): string {
  const labels: Record<string, string> = auditPurposeMessages[locale];
  return labels[`audit.purpose.${purpose}`] ?? purpose;
}

/**
 * The roles an event was recorded with (`admin,auditor`, or `operator`, `link`, a token's
 * role), each by its name in the reader's language where it has one.
 */
export function auditRolesLabel(locale: Locale, roles: string | null): string {
  if (!roles) return '';
  return roles.split(',').map((r) => {
    const key = `role.${r.trim()}`;
    const label = t(locale, key);
    return label === key ? r.trim() : label;
  }).join(', ');
}
