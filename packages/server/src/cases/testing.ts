import { CASE_ACTIONS, caseActionPath, CreateCaseInput, type CaseView, type Decision, type NeedInput } from '@slrt/core';
import type { Deps } from '../http/context.ts';
import { recordRoutes, type ScopeFixture } from '../testing/record-routes.ts';
import { aPerson, CINUNUK, contextAs, type BuiltPerson } from '../registry/testing.ts';
import { CASE_DOCUMENTS } from './case-documents.ts';
import { issueCaseLetter } from './case-letters.ts';
import { createCase } from './intake.ts';
import { applyCaseAction } from './workflow.ts';
import { attachDocument } from '../documents/service.ts';
import { Readable } from 'node:stream';

/**
 * Builders for tests of any domain, through the real case services (rules, timeline, audit):
 *
 *   const c = await aCase(t.deps);                                  // registered, Cinunuk
 *   const d = await aDecidedCase(t.deps, { decision: 'refer' });    // in progress, referrals allowed
 */

export const TWO_NEEDS: NeedInput[] = [
  { sector: 'health', urgency: 'high', request: 'Biaya berobat anak di rumah sakit' },
  { sector: 'education', urgency: 'normal', request: 'Seragam dan buku sekolah' },
];

export async function aCase(
  deps: Deps,
  opts: { as?: string; person?: BuiltPerson; village?: string; needs?: NeedInput[]; fastTrack?: boolean; clientRequestId?: string; consents?: unknown[] } = {},
): Promise<CaseView> {
  const person = opts.person ?? (await aPerson(deps.db, { village: opts.village ?? CINUNUK }));
  const ctx = await contextAs(deps, opts.as ?? 'puskesos.cinunuk');
  const input = CreateCaseInput.parse({
    personId: person.id,
    channel: 'walk_in_puskesos',
    kind: 'complaint',
    complaint: 'Anak sakit dan tidak ada biaya berobat.',
    needs: opts.needs ?? TWO_NEEDS,
    ...(opts.fastTrack ? { fastTrack: true, fastTrackReasons: ['urgent_health'] } : {}),
    ...(opts.clientRequestId ? { clientRequestId: opts.clientRequestId } : {}),
    ...(opts.consents ? { consents: opts.consents } : {}),
  });
  return (await createCase(deps, ctx, input, null)).view;
}

/** Walks a case to `recommended` (registry check, recommendation) as the Cinunuk officer. */
export async function aRecommendedCase(deps: Deps, opts: Parameters<typeof aCase>[1] = {}): Promise<CaseView> {
  const c = await aCase(deps, opts);
  const officer = await contextAs(deps, opts.as ?? 'puskesos.cinunuk');
  await applyCaseAction(deps, officer, c.id, 'check_registry', { notes: 'Terdaftar di DTSEN.' });
  return applyCaseAction(deps, officer, c.id, 'recommend', { recommendation: 'Rujuk ke layanan terkait.' });
}

/** A case decided by the Koordinator of Cinunuk: `refer` (referrals allowed), `handle_directly` or `reject`. */
export async function aDecidedCase(deps: Deps, opts: Parameters<typeof aCase>[1] & { decision?: Decision } = {}): Promise<CaseView> {
  const c = await aRecommendedCase(deps, opts);
  const coordinator = await contextAs(deps, 'koordinator.cinunuk');
  return applyCaseAction(deps, coordinator, c.id, 'decide', { decision: opts.decision ?? 'refer', notes: 'Ditetapkan.' });
}

/** A small valid PNG (1 x 1 pixel). */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export async function aCaseDocument(deps: Deps, caseId: string, as = 'puskesos.cinunuk') {
  const ctx = await contextAs(deps, as);
  const { document } = await attachDocument(deps, ctx, CASE_DOCUMENTS, caseId, 'house_photo', async () => ({ filename: 'rumah.png', file: Readable.from([TINY_PNG]) }));
  return document;
}

async function aCaseLetter(deps: Deps) {
  const c = await aDecidedCase(deps);
  const ctx = await contextAs(deps, 'puskesos.cinunuk');
  const { letter } = await issueCaseLetter(deps, ctx, c.id, 'recommendation');
  return { caseId: c.id, letterId: letter.id };
}

/** Scope fixtures of the case routes for the access matrix (testing/scope-fixtures.ts). */
const caseId = async (t: { deps: Deps }) => ({ id: (await aCase(t.deps)).id });
export const CASE_SCOPE_FIXTURES: Record<string, ScopeFixture> = {
  ...recordRoutes('/api/v1/cases/:id', ['assign', 'assignees', 'notes', 'letters', 'receipt.pdf', 'documents', ...CASE_ACTIONS.map(caseActionPath)], caseId),
  '/api/v1/cases/:id/needs/:needId/status': async (t) => {
    const c = await aCase(t.deps);
    return { id: c.id, needId: c.needs[0]!.id };
  },
  '/api/v1/cases/:id/documents/:documentId': async (t) => {
    const c = await aCase(t.deps);
    return { id: c.id, documentId: (await aCaseDocument(t.deps, c.id)).id };
  },
  '/api/v1/cases/:id/letters/:letterId': async (t) => {
    const { caseId: id, letterId } = await aCaseLetter(t.deps);
    return { id, letterId };
  },
  '/api/v1/cases/:id/letters/:letterId/pdf': async (t) => {
    const { caseId: id, letterId } = await aCaseLetter(t.deps);
    return { id, letterId };
  },
  '/api/v1/cases/:id/letters/:letterId/revoke': async (t) => {
    const { caseId: id, letterId } = await aCaseLetter(t.deps);
    return { id, letterId };
  },
};
