import type { PersonConsent } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { hideDocuments } from '../documents/service.ts';
import { conflict, notFound } from '../http/errors.ts';
import * as cq from './consent-queries.ts';
import { subjectForLog } from './service.ts';

/**
 * Consents per person (UU 27/2022 arts. 21-25): those recorded at intake with their basis,
 * purpose and guardian, and their withdrawal, which stops what rested on the consent: photos
 * kept for documentation beyond the service are hidden from the case.
 */

function toConsent(r: cq.ConsentRow): PersonConsent {
  return {
    id: r.id, caseCode: r.case_code, basis: 'consent', purpose: r.purpose, statement: r.statement, method: r.method,
    givenAt: r.given_at.toISOString(), givenBy: r.given_by, guardianName: r.guardian_name, guardianRelationship: r.guardian_relationship,
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
  };
}

export async function consentsOf(deps: Deps, ctx: RequestContext, personId: string): Promise<PersonConsent[]> {
  const person = await subjectForLog(deps, ctx, personId);
  const rows = await cq.selectConsentsOf(deps.db, person.id);
  await ctx.auditRead({ action: 'consent.list', recordType: 'person', recordIds: [person.id], purpose: 'privacy.consent' });
  return rows.map(toConsent);
}

export async function withdrawConsent(deps: Deps, ctx: RequestContext, id: string, note: string): Promise<PersonConsent> {
  const result = await deps.db.transaction(async (tx) => {
    const row = await cq.selectConsent(tx, ctx.actor.kabCode, id);
    if (!row || !ctx.actor.coversArea('privacy.manage', row.village_code)) throw notFound();
    if (row.withdrawn_at) throw conflict('privacy.consent_withdrawn');
    await cq.markWithdrawn(tx, id);
    const hidden = row.purpose === 'photo_documentation' ? await hideDocuments(tx, await cq.selectConsentPhotos(tx, row.case_id), ctx.actor.userId) : 0;
    await ctx.auditWrite(tx, {
      action: 'consent.withdraw', recordType: 'case', recordIds: [row.case_id, id], purpose: 'privacy.consent',
      details: { consentId: id, purpose: row.purpose, note, photosHidden: hidden },
    });
    return row.person_id;
  });
  const rows = await cq.selectConsentsOf(deps.db, result);
  return toConsent(rows.find((r) => r.id === id)!);
}
