import type { PersonConsent, WithdrawConsent } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { hideDocuments } from '../documents/service.ts';
import { conflict, fieldError, notFound } from '../http/errors.ts';
import * as cq from './consent-queries.ts';
import { subjectForLog } from './service.ts';

/**
 * Consents per person (UU 27/2022 arts. 21-25): those recorded at intake with their basis,
 * purpose and guardian, and their withdrawal, one at a time, which stops exactly what rested on
 * that consent: photos kept for documentation beyond the service are hidden from the case; the
 * sharing with partners (with all of them, or with the one partner named) stops: their referrals
 * of the case share no personal field, their links are revoked, no new referral goes to them.
 */

function toConsent(r: cq.ConsentRow, partners: readonly cq.ConsentPartnerRow[]): PersonConsent {
  return {
    id: r.id, caseCode: r.case_code, basis: 'consent', purpose: r.purpose, statement: r.statement, method: r.method,
    givenAt: r.given_at.toISOString(), givenBy: r.given_by, guardianName: r.guardian_name, guardianRelationship: r.guardian_relationship,
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
    partners: partners.filter((p) => p.consent_id === r.id)
      .map((p) => ({ organizationId: p.organization_id, organizationName: p.organization_name, withdrawnAt: p.withdrawn_at?.toISOString() ?? null })),
  };
}

async function consentsWithPartners(deps: Deps, personId: string): Promise<PersonConsent[]> {
  const rows = await cq.selectConsentsOf(deps.db, personId);
  const partners = await cq.selectConsentPartners(deps.db, rows.map((r) => r.id));
  return rows.map((r) => toConsent(r, partners));
}

export async function consentsOf(deps: Deps, ctx: RequestContext, personId: string): Promise<PersonConsent[]> {
  const person = await subjectForLog(deps, ctx, personId);
  const items = await consentsWithPartners(deps, person.id);
  await ctx.auditRead({ action: 'consent.list', recordType: 'person', recordIds: [person.id], purpose: 'privacy.consent' });
  return items;
}

export async function withdrawConsent(deps: Deps, ctx: RequestContext, id: string, input: WithdrawConsent): Promise<PersonConsent> {
  const { note, organizationId } = input;
  const personId = await deps.db.transaction(async (tx) => {
    const row = await cq.selectConsent(tx, ctx.actor.kabCode, id);
    if (!row || !ctx.actor.coversArea('privacy.manage', row.village_code)) throw notFound();
    if (row.withdrawn_at) throw conflict('privacy.consent_withdrawn');
    if (organizationId) {
      // one partner only: the consent stays for the others
      if (row.purpose !== 'share_with_partners') throw fieldError('organizationId', 'privacy.partner_only_for_sharing');
      if (!(await cq.organizationExists(tx, ctx.actor.kabCode, organizationId))) throw fieldError('organizationId', 'field.invalid');
      if (!(await cq.insertPartnerWithdrawal(tx, { consentId: id, organizationId, kabCode: row.kab_code, note, userId: ctx.actor.userId }))) {
        throw conflict('privacy.consent_withdrawn');
      }
    } else {
      await cq.markWithdrawn(tx, id);
    }
    const sharing = row.purpose === 'share_with_partners' ? await cq.stopSharing(tx, row.case_id, organizationId ?? null, ctx.actor.userId) : null;
    const hidden = row.purpose === 'photo_documentation' ? await hideDocuments(tx, await cq.selectConsentPhotos(tx, row.case_id), ctx.actor.userId) : 0;
    await ctx.auditWrite(tx, {
      action: organizationId ? 'consent.withdraw_partner' : 'consent.withdraw', recordType: 'case', recordIds: [row.case_id, id, ...(sharing?.referrals ?? [])],
      purpose: 'privacy.consent',
      details: {
        consentId: id, purpose: row.purpose, note, photosHidden: hidden,
        ...(organizationId ? { organizationId } : {}),
        ...(sharing ? { referralsNarrowed: sharing.referrals.length, linksRevoked: sharing.links } : {}),
      },
    });
    return row.person_id;
  });
  return (await consentsWithPartners(deps, personId)).find((c) => c.id === id)!;
}
