import { areaTimeZone, caseCodeLabel, subjectValueText, t, type LetterContent, type ReferralLetterIssued, type ShareableField } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { publicLink, type Config } from '../config.ts';
import { newId } from '../db/ids.ts';
import { conflict, notFound } from '../http/errors.ts';
import { findLiveLetter, issueLetter, toLetterSummary } from '../letters/service.ts';
import { formatDateId, renderLetterPdf } from '../letters/pdf.ts';
import { officeOf } from '../cases/case-letters.ts';
import { kabupatenName } from '../areas/public.ts';
import { selectCaseUnscoped } from '../cases/public.ts';
import * as q from './queries.ts';
import { REFERRAL_OWNER_TYPE, referralInScope } from './service.ts';
import { subjectOf } from './view.ts';

/**
 * The surat rujukan: the referral number, the resident's details that the service needs
 * (the referral's shared fields, nothing more), the need, the issuing Puskesos, and a QR
 * code carrying the public tracking code (the tracking page also confirms the letter).
 * Numbered and stored by the letters module (kind `referral`), so a reprint says the same.
 */
const L = 'id' as const;

/** A shared field as the letter prints it: labels for every code (core `subjectValueText`), dates as every letter's. */
function valueOf(f: ShareableField, v: unknown, tz: string): string {
  return subjectValueText(f, v, L, (ymd) => formatDateId(ymd, tz));
}

function trackingUrl(config: Pick<Config, 'publicUrl'>, code: string): string {
  return publicLink(config, `/lacak-rujukan/${code}`);
}

/** Issues the referral's letter, or returns the live one. For the referring office (its area). */
export async function issueReferralLetter(deps: Deps, ctx: RequestContext, referralId: string): Promise<ReferralLetterIssued> {
  return deps.db.transaction(async (tx) => {
    const r = await referralInScope(tx, ctx, referralId, 'referrals.create', true);
    const live = await findLiveLetter(tx, r.kab_code, REFERRAL_OWNER_TYPE, r.id, 'referral');
    if (live) {
      // the live letter again: nothing written, and its summary (number, dates) names no resident
      ctx.noPersonalData();
      return { letter: toLetterSummary(live), created: false };
    }
    if (r.status === 'cancelled' || r.status === 'declined') throw conflict('referrals.closed');
    const c = await selectCaseUnscoped(tx, r.kab_code, r.case_id);
    if (!c) throw notFound();
    const kabName = await kabupatenName(tx, r.kab_code);
    const tz = areaTimeZone(r.kab_code);
    const subject = subjectOf(await q.selectSubject(tx, r.kab_code, r.person_id), r);
    const office = officeOf(c, 'village', kabName);
    const content: LetterContent = {
      title: t(L, 'referral.letter.title'),
      recipient: [r.organization_name, r.service_name],
      opening: t(L, 'referral.letter.opening', { service: r.service_name }),
      fields: [
        { label: t(L, 'referral.letter.field.number'), value: r.number },
        ...r.shared_fields.map((f) => ({ label: t(L, `referral.field.${f}`), value: valueOf(f, subject[f], tz) })),
        { label: t(L, 'referral.letter.field.need'), value: caseCodeLabel('sector', r.sector, L) },
        { label: t(L, 'referral.letter.field.reason'), value: r.reason },
        { label: t(L, 'referral.letter.field.priority'), value: t(L, `referral.priority.${r.priority}`) },
        { label: t(L, 'referral.letter.field.due'), value: formatDateId(r.due_date, tz) },
        { label: t(L, 'referral.letter.field.tracking'), value: r.tracking_code },
      ],
      paragraphs: [t(L, 'referral.letter.shared_note'), t(L, 'referral.letter.track_note', { code: r.tracking_code }), t(L, 'letter.closing')],
      place: c.village_name,
      signer: { name: ctx.actor.displayName, title: t(L, 'referral.letter.signer', { office }) },
    };
    const letter = await issueLetter(tx, ctx, {
      kind: 'referral', ownerType: REFERRAL_OWNER_TYPE, ownerId: r.id, kabCode: r.kab_code, villageCode: r.village_code,
      issuingOffice: office, signer: { id: ctx.actor.userId, name: ctx.actor.displayName, title: content.signer.title }, content,
    });
    await q.insertReferralEvent(tx, {
      id: newId(), kabCode: r.kab_code, villageCode: r.village_code, referralId: r.id, actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName, actorKind: ctx.actor.via === 'token' ? 'token' : 'user', action: 'letter_issued',
      details: { letterId: letter.id, number: letter.number },
    });
    return { letter: toLetterSummary(letter), created: true };
  });
}

/** The PDF of the referral's live letter, for whoever may read the referral; audited as a print. */
export async function referralLetterPdf(deps: Deps, ctx: RequestContext, referralId: string) {
  const r = await referralInScope(deps.db, ctx, referralId);
  const letter = await findLiveLetter(deps.db, r.kab_code, REFERRAL_OWNER_TYPE, r.id, 'referral');
  if (!letter) throw notFound();
  await ctx.auditRead({ action: 'letter.print', recordType: 'letter', recordIds: [letter.id, r.id, r.person_id], purpose: 'referral.letter', details: { number: letter.number } });
  const pdf = await renderLetterPdf(letter, { kabupatenName: await kabupatenName(deps.db, r.kab_code), verifyUrl: trackingUrl(deps.config, r.tracking_code), timeZone: areaTimeZone(r.kab_code) });
  return { pdf, fileName: `surat-rujukan-${r.number}.pdf` };
}
