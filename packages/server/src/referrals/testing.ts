import { Readable } from 'node:stream';
import { REFERRAL_ACTIONS, type CreateReferralInput, type ReferralCreated } from '@slrt/core';
import type { Deps } from '../http/context.ts';
import { recordRoutes, type ScopeFixture } from '../testing/record-routes.ts';
import { contextAs, type BuiltPerson } from '../registry/testing.ts';
import { aDecidedCase, TINY_PNG } from '../cases/testing.ts';
import { attachDocument } from '../documents/service.ts';
import { DINKES_NAME } from '../demo/seed.ts';
import { actOnReferral, createReferral } from './service.ts';
import { issueReferralLetter } from './letter.ts';
import { createReferralLink } from './links.ts';
import { REFERRAL_DOCUMENTS } from './documents.ts';
import type { Cols } from '../db/rows.ts';

/**
 * Builders for tests of any domain, through the real services:
 *
 *   const r = await aReferral(t.deps);               // Cinunuk case, health need -> Dinas Kesehatan
 *   const r = await aReferral(t.deps, { accepted: true });
 */
export const JAMKESDA_SERVICE = 'Pendampingan berobat dan jaminan kesehatan daerah';

export async function dinkesId(deps: Deps): Promise<string> {
  const { rows } = await deps.db.query<Cols<'organizations', 'id'>>('SELECT id FROM organizations WHERE name = $1', [DINKES_NAME]);
  return rows[0]!.id;
}

/** A demo service by name (the demo directory is seeded in every test app). */
export async function serviceId(deps: Deps, name = JAMKESDA_SERVICE): Promise<string> {
  const { rows } = await deps.db.query<Cols<'directory_services', 'id'>>('SELECT id FROM directory_services WHERE name = $1', [name]);
  if (!rows[0]) throw new Error(`no service ${name}`);
  return rows[0].id;
}

export async function aReferral(
  deps: Deps,
  opts: { as?: string; service?: string; input?: Partial<CreateReferralInput>; accepted?: boolean; person?: BuiltPerson } = {},
): Promise<ReferralCreated & { caseId: string; needId: string }> {
  const c = await aDecidedCase(deps, { decision: 'refer', ...(opts.person ? { person: opts.person } : {}) });
  const need = c.needs.find((n) => n.sector === 'health') ?? c.needs[0]!;
  const ctx = await contextAs(deps, opts.as ?? 'puskesos.cinunuk');
  const created = await createReferral(deps, ctx, {
    caseId: c.id, needId: need.id, serviceId: await serviceId(deps, opts.service), contactPhone: '081234567890', ...opts.input,
  });
  if (opts.accepted) await actOnReferral(deps, await contextAs(deps, 'mitra.dinkes'), created.id, { action: 'accept' });
  return { ...created, caseId: c.id, needId: need.id };
}

async function aReferralEvidence(deps: Deps, referralId: string) {
  const ctx = await contextAs(deps, 'mitra.dinkes');
  const { document } = await attachDocument(deps, ctx, REFERRAL_DOCUMENTS, referralId, 'evidence', async () => ({ filename: 'bukti.png', file: Readable.from([TINY_PNG]) }));
  return document;
}

const referralId = async (t: { deps: Deps }) => ({ id: (await aReferral(t.deps)).id });

/** Scope fixtures of the referral routes for the access matrix (testing/scope-fixtures.ts). */
export const REFERRAL_SCOPE_FIXTURES: Record<string, ScopeFixture> = {
  ...recordRoutes('/api/v1/referrals/:id', [...REFERRAL_ACTIONS, 'fhir', 'letter', 'links', 'documents'], referralId),
  '/api/v1/referrals/:id/letter.pdf': async (t) => {
    const r = await aReferral(t.deps);
    await issueReferralLetter(t.deps, await contextAs(t.deps, 'puskesos.cinunuk'), r.id);
    return { id: r.id };
  },
  '/api/v1/referrals/:id/links/:linkId/revoke': async (t) => {
    const r = await aReferral(t.deps);
    const link = await createReferralLink(t.deps, await contextAs(t.deps, 'puskesos.cinunuk'), r.id, 7);
    return { id: r.id, linkId: link.id };
  },
  '/api/v1/referrals/:id/documents/:documentId': async (t) => {
    const r = await aReferral(t.deps, { accepted: true });
    return { id: r.id, documentId: (await aReferralEvidence(t.deps, r.id)).id };
  },
};
