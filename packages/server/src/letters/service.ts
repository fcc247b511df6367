import { randomBytes } from 'node:crypto';
import {
  areaTimeZone, formatLetterNumber, LETTER_NUMBER_PATTERN, LETTER_VALIDITY_DAYS, LetterContent, letterValidity, yearMonthIn,
  type LetterKind, type LetterSummary, type LetterVerification,
} from '@slrt/core';
import type { Queryable, Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { RequestContext } from '../http/context.ts';
import { conflict, notFound, parseOrThrow } from '../http/errors.ts';
import {
  insertLetter, markLetterRevoked, nextLetterSerial, selectLetterByRef, selectLetterOf, selectLettersOf, selectLiveLetter,
  type LetterRow,
} from './queries.ts';

/**
 * Numbered letters with a public verification. The owning domain (cases, referrals) decides
 * who may issue what and composes the content; this module numbers, stores, verifies,
 * revokes and renders. Every function takes the transaction or connection it runs in.
 */
export interface IssueLetterInput {
  kind: LetterKind;
  ownerType: string;
  ownerId: string;
  kabCode: string;
  villageCode: string;
  /** Shown on the letter and on the public verification page: "Puskesos Desa Cinunuk, ...". */
  issuingOffice: string;
  signer: { id: string | null; name: string; title: string };
  content: LetterContent;
  /** Defaults to the kind's validity (core LETTER_VALIDITY_DAYS). */
  validDays?: number;
}

export function letterTimeZone(kabCode: string): string {
  return areaTimeZone(`${kabCode.slice(0, 2)}.${kabCode.slice(2)}`);
}

/** Issues a letter: next serial, number, unguessable verification token; audited. */
export async function issueLetter(tx: Tx, ctx: RequestContext, input: IssueLetterInput): Promise<LetterRow> {
  const content = parseOrThrow(LetterContent, input.content);
  const issuedAt = new Date();
  const timeZone = letterTimeZone(input.kabCode);
  const { year } = yearMonthIn(issuedAt, timeZone);
  const serial = await nextLetterSerial(tx, input.kabCode, input.kind, year);
  const row: Omit<LetterRow, 'revoked_at' | 'revoke_reason'> = {
    id: newId(),
    kab_code: input.kabCode,
    village_code: input.villageCode,
    owner_type: input.ownerType,
    owner_id: input.ownerId,
    kind: input.kind,
    year,
    serial,
    number: formatLetterNumber(input.kind, input.kabCode, serial, issuedAt, timeZone),
    verify_token: randomBytes(16).toString('base64url'),
    issued_at: issuedAt,
    valid_until: new Date(issuedAt.getTime() + (input.validDays ?? LETTER_VALIDITY_DAYS[input.kind]) * 86_400_000),
    issuing_office: input.issuingOffice,
    signer_id: input.signer.id,
    signer_name: input.signer.name,
    signer_title: input.signer.title,
    issued_by: ctx.actor.userId,
    content,
  };
  await insertLetter(tx, row);
  await ctx.auditWrite(tx, {
    action: 'letter.issue', recordType: 'letter', recordIds: [row.id, input.ownerId],
    details: { kind: input.kind, number: row.number, ownerType: input.ownerType },
  });
  return { ...row, revoked_at: null, revoke_reason: null };
}

export function toLetterSummary(r: LetterRow, now: Date = new Date()): LetterSummary {
  return {
    id: r.id,
    kind: r.kind,
    number: r.number,
    issuedAt: r.issued_at.toISOString(),
    validUntil: r.valid_until.toISOString(),
    status: letterValidity({ validUntil: r.valid_until, revokedAt: r.revoked_at }, now),
    verifyToken: r.verify_token,
  };
}

/** The owner's letters; the caller has checked the owner is in scope. */
export async function listLetters(q: Queryable, kabCode: string, ownerType: string, ownerId: string): Promise<LetterSummary[]> {
  return (await selectLettersOf(q, kabCode, ownerType, ownerId)).map((r) => toLetterSummary(r));
}

export async function getLetterOf(q: Queryable, kabCode: string, ownerType: string, ownerId: string, id: string): Promise<LetterRow> {
  const row = await selectLetterOf(q, kabCode, ownerType, ownerId, id);
  if (!row) throw notFound();
  return row;
}

export { selectLiveLetter as findLiveLetter };

export async function revokeLetter(tx: Tx, ctx: RequestContext, row: LetterRow, reason: string): Promise<void> {
  if (row.revoked_at) throw conflict('letter.already_revoked');
  await markLetterRevoked(tx, row.id, ctx.actor.userId, reason);
  await ctx.auditWrite(tx, { action: 'letter.revoke', recordType: 'letter', recordIds: [row.id, row.owner_id], details: { number: row.number, reason } });
}

/**
 * The public verification: by the QR's token or by the number typed in. Number, kind, date,
 * office and validity only; never the content. Unknown refs answer 404.
 */
export async function verifyLetter(q: Queryable, ref: string, now: Date = new Date()): Promise<LetterVerification> {
  const trimmed = ref.trim();
  const byNumber = LETTER_NUMBER_PATTERN.test(trimmed.toUpperCase());
  if (!byNumber && !/^[A-Za-z0-9_-]{16,64}$/.test(trimmed)) throw notFound();
  const row = await selectLetterByRef(q, byNumber ? { number: trimmed.toUpperCase() } : { token: trimmed });
  if (!row) throw notFound();
  return {
    number: row.number,
    kind: row.kind,
    issuedAt: row.issued_at.toISOString(),
    issuingOffice: row.issuing_office,
    validUntil: row.valid_until.toISOString(),
    status: letterValidity({ validUntil: row.valid_until, revokedAt: row.revoked_at }, now),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
