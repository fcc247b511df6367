import { Readable } from 'node:stream';
import { kabCodeOf, type CreateProposalInput, type ProposalUserAction, type VerificationInput } from '@slrt/core';
import { contextOfUser } from '../auth/service.ts';
import { attachDocument } from '../documents/service.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { casesNeedingRegistryProposal } from '../cases/service.ts';
import { anyProposalOn, demoHouseholdId, demoPersonId } from './demo-queries.ts';
import { selectProposalUnscoped } from './queries.ts';
import { settingsOf, todayIn } from './rounds/calendar.ts';
import { reviewRound, ROUND_DOCUMENTS, submitRound } from './rounds/service.ts';
import { createProposal, createProposalDraft } from './service.ts';
import { prepareSubmission, sendSubmission } from './submissions/service.ts';
import { takeStep } from './workflow.ts';

/**
 * Demo proposals in Cinunuk, on the registry's demo residents, in different states, so every
 * worklist holds something, built through the real services as the demo users:
 *
 * - this month's round, sent with its Musdes minutes and attendance list and reviewed by the
 *   kecamatan: a new address for Asep Saepudin's household (DEMO-3), ratified and sent to the
 *   national side (waiting for its answer), and a new roof for Ujang Suparman's (DEMO-1),
 *   verified by the kabupaten and waiting for the head of office;
 * - next month's round: Neneng Sumarni (DEMO-2, met at intake, not in the DTSEN) proposed for
 *   registration, waiting for the facilitator; piped water for DEMO-1, verified (it turns stale
 *   once the roof is ratified: the demonstration of the stale check); and DEMO-3 proposed as
 *   moved away, found living there (invalid).
 *
 * Runs after the registry and cases seeders, only with the demo population (tests build their own).
 */

const CINUNUK = '32.04.05.2004';
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function contextOf(deps: Deps, username: string): Promise<RequestContext> {
  const context = await contextOfUser(deps, username);
  if (!context) throw new Error(`demo user ${username} missing`);
  return context;
}

function householdOf(deps: Deps, kab: string, ref: string): Promise<string | null> {
  return demoHouseholdId(deps.db, kab, CINUNUK, ref);
}

function personOf(deps: Deps, householdId: string, fullName: string): Promise<string | null> {
  return demoPersonId(deps.db, householdId, fullName);
}

export async function seedDemoProposals(deps: Deps): Promise<void> {
  if (!deps.config.demoPopulation) return;
  const kab = kabCodeOf(deps.config.kabupatenCode);
  const [h1, h2, h3] = [await householdOf(deps, kab, 'DEMO-1'), await householdOf(deps, kab, 'DEMO-2'), await householdOf(deps, kab, 'DEMO-3')];
  if (!h1 || !h2 || !h3) return; // the demo residents live in Kabupaten Bandung only
  if (await anyProposalOn(deps.db, [h1, h2, h3])) return;

  const contexts = new Map<string, RequestContext>();
  const as = async (username: string) => {
    if (!contexts.has(username)) contexts.set(username, await contextOf(deps, username));
    return contexts.get(username)!;
  };
  const today = todayIn(await settingsOf(deps.db, kab));
  const create = async (input: CreateProposalInput) => (await createProposal(deps, await as('puskesos.cinunuk'), input)).id;
  const step = (username: string, id: string, action: ProposalUserAction, body: Record<string, unknown> = {}) =>
    as(username).then((c) => takeStep(deps, c, id, action, body as VerificationInput));
  const visit = async (id: string, metName: string, verdict: 'valid' | 'invalid' = 'valid', extra: Partial<VerificationInput> = {}) => {
    const p = (await selectProposalUnscoped(deps.db, kab, id))!;
    return step('fasilitator.cinunuk', id, 'verify', {
      verdict, visitDate: today, metName, metRole: 'head', items: Object.keys(p.changes).map((field) => ({ field, confirmed: true })),
      ...(verdict === 'invalid' ? { reason: 'Keluarga masih tinggal di alamat ini; tetangga dan ketua RT membenarkan.' } : {}), ...extra,
    });
  };

  // This month's round: two proposals through the village, the kecamatan and the kabupaten.
  const address = await create({ type: 'change', householdId: h3, channel: 'walk_in', reason: 'Penomoran rumah baru dari desa.', changes: { address: 'Jl. Cinunuk Raya No. 88A' } });
  const roof = await create({ type: 'change', householdId: h1, channel: 'facilitator', reason: 'Atap rumah bocor dan diganti seng seadanya.', changes: { roof: 'zinc' } });
  await visit(address, 'Asep Saepudin');
  await visit(roof, 'Euis Komariah', 'valid', { gps: { lat: -6.9336, lon: 107.7231, accuracyM: 20 } });
  const roundId = (await selectProposalUnscoped(deps.db, kab, roof))!.round_id!;
  const coordinator = await as('koordinator.cinunuk');
  for (const [kind, bytes] of [['minutes', TINY_PNG], ['attendance', Buffer.concat([TINY_PNG, Buffer.from('daftar hadir')])]] as const) {
    await attachDocument(deps, coordinator, ROUND_DOCUMENTS, roundId, kind, async () => ({ filename: `${kind}.png`, file: Readable.from([bytes]) }));
  }
  await submitRound(deps, coordinator, roundId, { basis: 'musdes', basisDate: today, note: 'Musyawarah desa di balai desa Cinunuk.' });
  await reviewRound(deps, await as('supervisor.cileunyi'), roundId, { note: 'Berkas lengkap.' });
  await step('kabupaten', address, 'verify-kabupaten');
  await step('kabupaten', roof, 'verify-kabupaten');
  await step('kabupaten', address, 'ratify');
  const batch = await prepareSubmission(deps, await as('kabupaten'), { proposalIds: [address], note: 'Kiriman contoh (demo).' });
  await sendSubmission(deps, await as('kabupaten'), batch.id);

  // Next month's round: registration from intake, a verified change, an invalid deactivation.
  const officer = await as('puskesos.cinunuk');
  const neneng = await personOf(deps, h2, 'Neneng Sumarni');
  const fromIntake = (await casesNeedingRegistryProposal(deps.db, officer)).find((c) => c.personId === neneng);
  const registration = fromIntake
    ? (await deps.db.transaction((tx) => createProposalDraft(tx, officer, { caseId: fromIntake.caseId, personId: fromIntake.personId, reason: 'Lansia, disabilitas, belum terdaftar di DTSEN (dari pendaftaran layanan).' }))).id
    : neneng ? await create({ type: 'new', personId: neneng, channel: 'walk_in', reason: 'Lansia, disabilitas, belum terdaftar di DTSEN.', changes: {}, draft: true }) : null;
  if (registration) await step('puskesos.cinunuk', registration, 'submit');
  const water = await create({ type: 'change', householdId: h1, channel: 'walk_in', reason: 'Sumur tercemar, kini memakai air PDAM.', changes: { water: 'piped' } });
  await visit(water, 'Ujang Suparman');
  const moved = await create({ type: 'deactivate', householdId: h3, channel: 'objection', reason: 'Laporan warga: keluarga sudah pindah ke luar kecamatan.', changes: { inactiveReason: 'moved' } });
  await visit(moved, 'Asep Saepudin', 'invalid');
}
