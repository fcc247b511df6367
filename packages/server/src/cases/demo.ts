import { CreateCaseInput, kabCodeOf, type CaseAction, type Decision, type NeedInput } from '@slrt/core';
import { contextOfUser } from '../auth/service.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { issueCaseLetter } from './case-letters.ts';
import { backdateCase, demoCaseExists, demoResidentId } from './demo-queries.ts';
import { createCase } from './intake.ts';
import { applyCaseAction } from './workflow.ts';

/**
 * Sample cases in Cinunuk for the demo, in different states, so that every worklist has
 * something in it: new and overdue (a fast-tracked elderly widow missing from the registry),
 * waiting for the coordinator's decision, referred with its letter, escalated to the
 * kecamatan, answered at the front office, resolved; escalated and decided at the kecamatan
 * with a need for the resident's pregnant wife; a school need escalated alone to the kecamatan
 * while the village serves the health need; a referral the partner declined, sent again
 * (referrals/demo.ts). Built through the real services with
 * the demo officers (timeline and audit as in real use), on the registry's demo residents.
 * Like the synthetic population, only when `config.demoPopulation` is on: tests build their own.
 */

const CINUNUK = '32.04.05.2004';

async function contextOf(deps: Deps, username: string): Promise<RequestContext> {
  const context = await contextOfUser(deps, username);
  if (!context) throw new Error(`demo user ${username} missing`);
  return context;
}

function residentId(deps: Deps, kab: string, householdRef: string, fullName: string): Promise<string | null> {
  return demoResidentId(deps.db, kab, CINUNUK, householdRef, fullName);
}

type Step = [username: string, action: CaseAction, body: Record<string, unknown>];

interface DemoCase {
  key: string;
  household: string;
  person: string;
  input: Omit<CreateCaseInput, 'personId' | 'fastTrack' | 'fastTrackReasons' | 'legalBasis' | 'consents'> & Partial<CreateCaseInput>;
  steps: Step[];
  /** Need index -> the household member it is for (full name), when not the case's person. */
  needFor?: Record<number, string>;
  /** Registered this many days ago (to show an overdue case). */
  daysAgo?: number;
  letter?: boolean;
}

const CHECK: Step = ['puskesos.cinunuk', 'check_registry', { notes: 'Diperiksa di DTSEN.' }];

/** The usual way in: a complaint brought to the Puskesos, with its needs. */
const walkInComplaint = (complaint: string, ...needs: NeedInput[]): DemoCase['input'] => ({ channel: 'walk_in_puskesos', kind: 'complaint', complaint, needs });

/** The usual way through: checked in the registry, a recommendation drafted, then the coordinator's decision (if any). */
function recommended(recommendation: string, decision?: { decision: Decision; notes?: string }): Step[] {
  const steps: Step[] = [CHECK, ['puskesos.cinunuk', 'recommend', { recommendation }]];
  if (decision) steps.push(['koordinator.cinunuk', 'decide', decision]);
  return steps;
}

export const DEMO_CASES: readonly DemoCase[] = [
  {
    key: 'demo-case-neneng', household: 'DEMO-2', person: 'Neneng Sumarni', daysAgo: 5,
    input: {
      channel: 'facilitator_visit', kind: 'complaint', fastTrack: true, fastTrackReasons: ['elderly', 'disability'],
      complaint: 'Saya sudah tua, sulit berjalan, obat darah tinggi dan gula habis. Belum pernah dapat bantuan.',
      needs: [
        { sector: 'health', urgency: 'high', request: 'Kepesertaan BPJS PBI dan obat rutin hipertensi dan diabetes' },
        { sector: 'social_assistance', urgency: 'normal', request: 'Didaftarkan sebagai penerima bantuan sosial' },
      ],
    },
    steps: [],
  },
  {
    key: 'demo-case-ujang', household: 'DEMO-1', person: 'Ujang Suparman',
    input: walkInComplaint(
      'Atap rumah bocor setiap hujan, anak butuh biaya sekolah.',
      { sector: 'housing', urgency: 'normal', request: 'Perbaikan atap (program rutilahu)' },
      { sector: 'education', urgency: 'normal', request: 'Bantuan biaya sekolah SMP untuk Rizki' },
    ),
    steps: recommended('Usulkan rutilahu ke Dinas Perkim dan PIP ke sekolah.'),
  },
  {
    key: 'demo-case-euis', household: 'DEMO-1', person: 'Euis Komariah', letter: true,
    input: walkInComplaint('Tekanan darah tinggi, perlu kontrol ke rumah sakit.', { sector: 'health', urgency: 'high', request: 'Rujukan kontrol hipertensi ke RSUD' }),
    steps: recommended('Rujuk ke RSUD dengan BPJS PBI.', { decision: 'refer', notes: 'Dirujuk ke RSUD.' }),
  },
  {
    key: 'demo-case-dewi', household: 'DEMO-3', person: 'Dewi Lestari',
    input: {
      channel: 'phone_whatsapp', kind: 'complaint', fastTrack: true, fastTrackReasons: ['pregnant_breastfeeding'],
      complaint: 'Hamil tua, suami baru kena PHK, khawatir biaya persalinan.',
      needs: [{ sector: 'health', urgency: 'emergency', request: 'Jaminan biaya persalinan' }, { sector: 'economy_employment', urgency: 'normal', request: 'Info pelatihan kerja untuk suami' }],
    },
    steps: [CHECK, ['puskesos.cinunuk', 'escalate', { reason: 'Desil 6, tidak masuk kriteria bantuan desa; perlu koordinasi kecamatan.' }]],
  },
  {
    key: 'demo-case-asep', household: 'DEMO-3', person: 'Asep Saepudin',
    input: { channel: 'walk_in_puskesos', kind: 'question', complaint: 'Bagaimana cara mengurus KIS untuk istri?', needs: [{ sector: 'health', urgency: 'normal', request: 'Informasi pendaftaran JKN' }] },
    steps: [['puskesos.cinunuk', 'close_at_front_office', { feedback: 'Dijelaskan syarat dan tempat pendaftaran JKN di kantor BPJS Soreang.' }]],
  },
  {
    key: 'demo-case-siti', household: 'DEMO-1', person: 'Siti Nurhaliza',
    input: { ...walkInComplaint('Anak belum punya akta kelahiran.', { sector: 'civil_documents', urgency: 'normal', request: 'Pembuatan akta kelahiran' }), legalBasis: 'public_task' },
    steps: [...recommended('Bantu pengurusan ke Disdukcapil.', { decision: 'handle_directly' }), ['puskesos.cinunuk', 'resolve', { notes: 'Akta sudah terbit.' }]],
  },
];

/** Issue 12: the kecamatan decides a case escalated to it; its need is for the resident's wife. */
const KECAMATAN_DECIDES: DemoCase = {
  key: 'demo-case-asep-kecamatan', household: 'DEMO-3', person: 'Asep Saepudin', needFor: { 0: 'Dewi Lestari' },
  input: walkInComplaint('Istri akan melahirkan, perlu pendampingan dan transport ke RSUD.', { sector: 'health', urgency: 'high', request: 'Transport dan pendampingan persalinan istri ke RSUD' }),
  steps: [
    ...recommended('Ambulans desa tidak tersedia; minta dukungan kecamatan.'),
    ['puskesos.cinunuk', 'escalate', { reason: 'Ambulans desa rusak; kecamatan punya mobil siaga.' }],
    ['supervisor.cileunyi', 'decide', { decision: 'handle_directly', notes: 'Mobil siaga kecamatan disiapkan.' }],
  ],
};

/**
 * Issue 12 (item 2): the village serves the health need itself and escalates only the school
 * need, which waits for the kecamatan's decision (`needIndexes` in a step's body: the case's needs).
 */
const NEED_ESCALATED: DemoCase = {
  key: 'demo-case-siti-school', household: 'DEMO-1', person: 'Siti Nurhaliza',
  input: walkInComplaint(
    'Anak sering sakit dan terancam putus sekolah karena biaya.',
    { sector: 'health', urgency: 'normal', request: 'Pemeriksaan anak di puskesmas' },
    { sector: 'education', urgency: 'normal', request: 'Biaya seragam dan buku agar anak tetap sekolah' },
  ),
  steps: [
    ...recommended('Kesehatan ditangani desa; pendidikan perlu dukungan kecamatan.', { decision: 'handle_directly', notes: 'Desa mendampingi ke puskesmas.' }),
    ['puskesos.cinunuk', 'escalate', { reason: 'Dana desa untuk pendidikan tahun ini habis.', needIndexes: [1] }],
  ],
};

/** Issue 12: referred, declined by the partner, and sent again (referrals/demo.ts does the referrals). */
const DEMO_REREFERRED_CASE = 'demo-case-ujang-rerefer';
const REREFERRED: DemoCase = {
  key: DEMO_REREFERRED_CASE, household: 'DEMO-1', person: 'Ujang Suparman',
  input: walkInComplaint('Mata kabur, tidak bisa bekerja; perlu pemeriksaan.', { sector: 'health', urgency: 'normal', request: 'Pemeriksaan mata dan kacamata' }),
  steps: recommended('Rujuk pemeriksaan mata.', { decision: 'refer', notes: 'Dirujuk.' }),
};

export async function seedDemoCases(deps: Deps): Promise<void> {
  if (!deps.config.demoPopulation) return;
  const kab = kabCodeOf(deps.config.kabupatenCode);
  const contexts = new Map<string, RequestContext>();
  const as = async (username: string) => {
    if (!contexts.has(username)) contexts.set(username, await contextOf(deps, username));
    return contexts.get(username)!;
  };
  for (const demo of [...DEMO_CASES, KECAMATAN_DECIDES, NEED_ESCALATED, REREFERRED]) {
    if (await demoCaseExists(deps.db, kab, demo.key)) continue;
    const personId = await residentId(deps, kab, demo.household, demo.person);
    if (!personId) continue; // the demo residents live in Kabupaten Bandung only
    const officer = await as(demo.input.channel === 'facilitator_visit' ? 'fasilitator.cinunuk' : 'puskesos.cinunuk');
    const needs = [];
    for (const [i, n] of demo.input.needs.entries()) {
      const forName = demo.needFor?.[i];
      const member = forName ? await residentId(deps, kab, demo.household, forName) : null;
      needs.push(member ? { ...n, personId: member } : n);
    }
    const input = CreateCaseInput.parse({ ...demo.input, needs, personId, clientRequestId: demo.key });
    const { view } = await createCase(deps, officer, input, null);
    if (demo.daysAgo) await backdateCase(deps.db, kab, view.id, demo.daysAgo);
    for (const [username, action, body] of demo.steps) {
      const { needIndexes, ...rest } = body as { needIndexes?: number[] };
      const withNeeds = needIndexes ? { ...rest, needIds: needIndexes.map((i) => view.needs[i]!.id) } : rest;
      await applyCaseAction(deps, await as(username), view.id, action, withNeeds as never);
    }
    if (demo.letter) await issueCaseLetter(deps, await as('puskesos.cinunuk'), view.id, 'recommendation');
  }
}
