import { Readable } from 'node:stream';
import { HOUSING_INDICATORS, PROPOSAL_USER_ACTIONS, type CreateProposalInput, type ProposalStepResult, type VerificationInput } from '@slrt/core';
import type { Deps } from '../http/context.ts';
import { recordRoutes, type ScopeFixture } from '../testing/record-routes.ts';
import { attachDocument } from '../documents/service.ts';
import { aHousehold, aPerson, CINUNUK, contextAs, type BuiltHousehold, type BuiltPerson } from '../registry/testing.ts';
import { PROPOSAL_DOCUMENTS } from './documents.ts';
import { selectProposalUnscoped } from './queries.ts';
import { ROUND_DOCUMENTS, submitRound } from './rounds/service.ts';
import { createProposal } from './service.ts';
import { prepareSubmission } from './submissions/service.ts';
import { takeStep } from './workflow.ts';

/**
 * Builders for tests of any domain, through the real proposal services (rules, lineage, audit),
 * as the Cinunuk demo users:
 *
 *   const p = await aProposal(t.deps);                  // awaiting verification: a household's floor
 *   const v = await aVerifiedProposal(t.deps);          // visited, all confirmed
 *   const a = await anApprovedProposal(t.deps);         // through the round, kecamatan and kabupaten
 */

/** A small valid PNG (1 x 1 pixel), for photos and scanned minutes. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export interface BuiltProposal {
  id: string;
  code: string;
  household: BuiltHousehold;
  person: BuiltPerson;
}

export async function aProposal(
  deps: Deps,
  opts: { as?: string; village?: string; input?: Partial<CreateProposalInput>; household?: BuiltHousehold; person?: BuiltPerson } = {},
): Promise<BuiltProposal> {
  const household = opts.household ?? (await aHousehold(deps.db, { village: opts.village ?? CINUNUK, indicators: { floor: 'ceramic', wall: 'masonry' } }));
  const person = opts.person ?? (await aPerson(deps.db, { household, fullName: 'Euis Kurniasih', sex: 'F' }));
  const ctx = await contextAs(deps, opts.as ?? 'puskesos.cinunuk');
  const input: CreateProposalInput = {
    type: 'change', householdId: household.id, channel: 'walk_in', reason: 'Lantai rumah sudah rusak, kini tanah.',
    changes: { floor: 'earth' },
    ...opts.input,
  } as CreateProposalInput;
  const created = await createProposal(deps, ctx, input);
  return { id: created.id, code: created.code, household, person };
}

/** Housing indicators as a facilitator finds them at a new household (every one of HOUSING_INDICATORS). */
export const HOUSE_AS_SEEN: Record<(typeof HOUSING_INDICATORS)[number], unknown> = {
  tenure: 'own', floorAreaM2: 36, floor: 'earth', wall: 'bamboo', roof: 'clay_tile', water: 'protected_well',
  lighting: 'pln_metered', cookingFuel: 'lpg_3kg', toilet: 'shared', disposal: 'septic_tank',
};

/**
 * The facilitator's visit confirming every proposed field as proposed. A new household's visit
 * also fills in the housing indicators not entered (HOUSE_AS_SEEN), attaches a photo of the house
 * and types a landmark, as the rule asks.
 */
export async function verifyAsProposed(deps: Deps, id: string, opts: { as?: string; verdict?: 'valid' | 'invalid'; visit?: Partial<VerificationInput> } = {}): Promise<ProposalStepResult> {
  const p = await selectProposalUnscoped(deps.db, '3204', id);
  if (!p) throw new Error(`no proposal ${id}`);
  const ctx = await contextAs(deps, opts.as ?? 'fasilitator.cinunuk');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const newHousehold = p.type === 'new' && p.target_kind === 'new_household';
  if (newHousehold) {
    await attachDocument(deps, ctx, PROPOSAL_DOCUMENTS, id, 'photo', async () => ({ filename: 'rumah.png', file: Readable.from([Buffer.concat([TINY_PNG, Buffer.from(id)])]) }));
  }
  const filled = newHousehold ? HOUSING_INDICATORS.filter((f) => !(f in p.changes)).map((field) => ({ field, confirmed: false, correctedValue: HOUSE_AS_SEEN[field] })) : [];
  const visit: VerificationInput = {
    verdict: opts.verdict ?? 'valid', visitDate: today, metName: 'Ibu Euis', metRole: 'head',
    items: [...Object.keys(p.changes).map((field) => ({ field, confirmed: true })), ...filled],
    ...(newHousehold ? { landmark: 'Di belakang masjid Al-Ikhlas' } : {}),
    ...(opts.verdict === 'invalid' ? { reason: 'Rumah sudah kosong.' } : {}),
    ...opts.visit,
  };
  return takeStep(deps, ctx, id, 'verify', visit);
}

export async function aVerifiedProposal(deps: Deps, opts: Parameters<typeof aProposal>[1] = {}): Promise<BuiltProposal> {
  const p = await aProposal(deps, opts);
  await verifyAsProposed(deps, p.id);
  return p;
}

/** Attaches the deliberation's minutes and attendance list to the proposal's round and sends it. */
export async function sendRoundOf(deps: Deps, proposalId: string, as = 'koordinator.cinunuk'): Promise<string> {
  const p = await selectProposalUnscoped(deps.db, '3204', proposalId);
  if (!p?.round_id) throw new Error('the proposal is in no round');
  const ctx = await contextAs(deps, as);
  for (const [kind, bytes] of [['minutes', TINY_PNG], ['attendance', Buffer.concat([TINY_PNG, Buffer.from(proposalId)])]] as const) {
    await attachDocument(deps, ctx, ROUND_DOCUMENTS, p.round_id, kind, async () => ({ filename: `${kind}.png`, file: Readable.from([bytes]) }));
  }
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  await submitRound(deps, ctx, p.round_id, { basis: 'musdes', basisDate: today });
  return p.round_id;
}

/** Through the kecamatan's review and the kabupaten's verification, waiting for ratification. */
export async function aKabVerifiedProposal(deps: Deps, opts: Parameters<typeof aProposal>[1] = {}): Promise<BuiltProposal> {
  const p = await aVerifiedProposal(deps, opts);
  await sendRoundOf(deps, p.id);
  await takeStep(deps, await contextAs(deps, 'supervisor.cileunyi'), p.id, 'review', {});
  await takeStep(deps, await contextAs(deps, 'kabupaten'), p.id, 'verify-kabupaten', {});
  return p;
}

export async function anApprovedProposal(deps: Deps, opts: Parameters<typeof aProposal>[1] = {}): Promise<BuiltProposal> {
  const p = await aKabVerifiedProposal(deps, opts);
  const r = await takeStep(deps, await contextAs(deps, 'kabupaten'), p.id, 'ratify', {});
  if (r.status !== 'approved') throw new Error(`ratification left ${r.status}`);
  return p;
}

/** A prepared national submission batch holding one approved proposal. */
export async function aSubmission(deps: Deps) {
  const p = await anApprovedProposal(deps);
  const s = await prepareSubmission(deps, await contextAs(deps, 'kabupaten'), { proposalIds: [p.id] });
  return { submission: s, proposal: p };
}

/** Scope fixtures of the proposal routes for the access matrix (testing/scope-fixtures.ts). */
const proposalId = async (t: { deps: Deps }) => ({ id: (await aProposal(t.deps)).id });
const roundId = async (t: { deps: Deps }) => {
  const p = await aProposal(t.deps);
  return { id: (await selectProposalUnscoped(t.deps.db, '3204', p.id))!.round_id! };
};
const submissionId = async (t: { deps: Deps }) => ({ id: (await aSubmission(t.deps)).submission.id });

export const PROPOSAL_SCOPE_FIXTURES: Record<string, ScopeFixture> = {
  ...recordRoutes('/api/v1/proposals/:id', [...PROPOSAL_USER_ACTIONS, 'documents'], proposalId),
  '/api/v1/proposals/:id/documents/:documentId': async (t) => {
    const p = await aProposal(t.deps);
    const ctx = await contextAs(t.deps, 'puskesos.cinunuk');
    const { document } = await attachDocument(t.deps, ctx, PROPOSAL_DOCUMENTS, p.id, 'photo', async () => ({ filename: 'rumah.png', file: Readable.from([TINY_PNG]) }));
    return { id: p.id, documentId: document.id };
  },
  ...recordRoutes('/api/v1/proposal-rounds/:id', ['submit', 'review', 'documents'], roundId),
  '/api/v1/proposal-rounds/:id/documents/:documentId': async (t) => {
    const { id } = await roundId(t);
    const ctx = await contextAs(t.deps, 'puskesos.cinunuk');
    const { document } = await attachDocument(t.deps, ctx, ROUND_DOCUMENTS, id, 'photo', async () => ({ filename: 'foto.png', file: Readable.from([Buffer.concat([TINY_PNG, Buffer.from(id)])]) }));
    return { id, documentId: document.id };
  },
  ...recordRoutes('/api/v1/proposal-submissions/:id', ['export', 'send', 'answer'], submissionId),
};
