import { composeKk, composeNik, kabCodeOf } from '@slrt/core';
import type { Deps } from '../http/context.ts';
import { newId } from '../db/ids.ts';
import { villagesOf } from '../areas/public.ts';
import { diff, type HistoryEntry } from './history.ts';
import { writeHistory } from './history-queries.ts';
import { householdImported, setDemoDesil } from './demo-queries.ts';
import { insertFamily, insertHousehold, insertPerson } from './queries.ts';
import { generateHouseholds } from './synthetic/generator.ts';
import { loadSynthetic } from './synthetic/load.ts';

/**
 * Demo registry data: a few recognisable residents of Cinunuk (documented in README.md, used
 * by the browser tests), and, unless `config.demoPopulation` is off, a small synthetic
 * population over the whole kabupaten with some hundreds in Cinunuk and Soreang.
 */

export const DEMO_CINUNUK = '32.04.05.2004';
export const DEMO_SOREANG = '32.04.37.2001';
export const DEMO_POPULATION = 3000;
const DEMO_SEED = 'demo';

interface DemoPerson {
  fullName: string; sex: 'M' | 'F'; birthDate: string; relationship: string; maritalStatus: string; birthPlace: string;
  serial: number; extra?: Record<string, unknown>;
}
interface DemoHousehold {
  ref: string; kkDate: string; kkSerial: number; address: string; rt: string; rw: string; indicators: Record<string, unknown>;
  desil: number | null; registryStatus: 'registered' | 'not_registered'; members: DemoPerson[];
}

const KEC = '32.04.05';

/** The hand-made residents. Serials 9001+ never meet the synthetic (1-4999) or test (5000-8999) ones. */
export const DEMO_HOUSEHOLDS: readonly DemoHousehold[] = [
  {
    ref: 'DEMO-1', kkDate: '2010-05-17', kkSerial: 9001, address: 'Kp. Babakan No. 12', rt: '003', rw: '007', desil: 2, registryStatus: 'registered',
    indicators: { tenure: 'own', floorAreaM2: 36, floor: 'cement_red_brick', wall: 'plastered_woven_bamboo', roof: 'asbestos', water: 'protected_well', lighting: 'pln_metered', powerVa: 'va_450', cookingFuel: 'lpg_3kg', toilet: 'own', disposal: 'hole', assets: ['television', 'motorcycle', 'smartphone'], programsReceived: ['sembako_bpnt', 'pkh'] },
    members: [
      { fullName: 'Ujang Suparman', sex: 'M', birthDate: '1978-04-12', relationship: 'head', maritalStatus: 'married', birthPlace: 'Bandung', serial: 9001, extra: { workStatus: 'casual_non_agricultural', workSector: 'construction', educationLevel: 'junior_secondary', documentsHeld: ['birth_certificate', 'ktp'], healthInsurance: ['pbi_jkn'] } },
      { fullName: 'Euis Komariah', sex: 'F', birthDate: '1982-09-23', relationship: 'spouse', maritalStatus: 'married', birthPlace: 'Garut', serial: 9001, extra: { workStatus: 'not_working', educationLevel: 'primary', documentsHeld: ['ktp'], healthInsurance: ['pbi_jkn'], chronicIllnesses: ['hypertension'] } },
      { fullName: 'Rizki Ramdani', sex: 'M', birthDate: '2008-02-14', relationship: 'child', maritalStatus: 'single', birthPlace: 'Bandung', serial: 9001, extra: { schoolParticipation: 'attending', educationLevel: 'junior_secondary', pipKip: true, documentsHeld: ['birth_certificate'] } },
      { fullName: 'Siti Nurhaliza', sex: 'F', birthDate: '2015-07-30', relationship: 'child', maritalStatus: 'single', birthPlace: 'Bandung', serial: 9001, extra: { schoolParticipation: 'attending', educationLevel: 'primary', documentsHeld: ['birth_certificate', 'child_id_card'] } },
    ],
  },
  {
    ref: 'DEMO-2', kkDate: '2018-03-22', kkSerial: 9002, address: 'Kp. Sukamaju No. 3', rt: '005', rw: '002', desil: null, registryStatus: 'not_registered',
    indicators: { tenure: 'rent_free', floorAreaM2: 18, floor: 'earth', wall: 'woven_bamboo', roof: 'zinc', water: 'unprotected_well', lighting: 'pln_unmetered', cookingFuel: 'firewood', toilet: 'shared', disposal: 'pond_field_river_sea', assets: [] },
    members: [
      { fullName: 'Neneng Sumarni', sex: 'F', birthDate: '1961-11-05', relationship: 'head', maritalStatus: 'widowed', birthPlace: 'Bandung', serial: 9002, extra: { workStatus: 'not_working', educationLevel: 'primary', disability: { walking: 'a_lot' }, chronicIllnesses: ['hypertension', 'diabetes'], documentsHeld: ['ktp'] } },
    ],
  },
  {
    ref: 'DEMO-3', kkDate: '2021-08-09', kkSerial: 9003, address: 'Jl. Cinunuk Raya No. 88', rt: '001', rw: '011', desil: 6, registryStatus: 'registered',
    indicators: { tenure: 'own', floorAreaM2: 72, floor: 'ceramic', wall: 'masonry', roof: 'clay_tile', water: 'refill', lighting: 'pln_metered', powerVa: 'va_1300', cookingFuel: 'lpg_12kg', toilet: 'own', disposal: 'septic_tank', assets: ['refrigerator', 'television', 'motorcycle', 'smartphone', 'computer'] },
    members: [
      { fullName: 'Asep Saepudin', sex: 'M', birthDate: '1990-01-15', relationship: 'head', maritalStatus: 'married', birthPlace: 'Sumedang', serial: 9003, extra: { workStatus: 'employee', workSector: 'manufacturing', educationLevel: 'senior_secondary', documentsHeld: ['ktp'], healthInsurance: ['jkn_employer'] } },
      { fullName: 'Dewi Lestari', sex: 'F', birthDate: '1993-06-02', relationship: 'spouse', maritalStatus: 'married', birthPlace: 'Bandung', serial: 9003, extra: { pregnant: true, workStatus: 'not_working', educationLevel: 'diploma', documentsHeld: ['ktp'], healthInsurance: ['jkn_employer'] } },
    ],
  },
];

/** The demo residents' NIKs, as the README lists them. */
export function demoNik(p: DemoPerson): string {
  return composeNik({ kecamatanCode: KEC, birthDate: p.birthDate, sex: p.sex, serial: p.serial });
}

async function seedDemoResidents(deps: Deps) {
  const kab = kabCodeOf(deps.config.kabupatenCode);
  if (kab !== '3204') return; // the hand-made residents live in Kabupaten Bandung
  await deps.db.transaction(async (tx) => {
    if (await householdImported(tx, kab, 'DEMO-1')) return;
    const history: HistoryEntry[] = [];
    const source = { type: 'seed' as const, id: 'demo' };
    const entry = (recordType: HistoryEntry['recordType'], recordId: string, changes: HistoryEntry['changes']): HistoryEntry => ({
      kabCode: kab, villageCode: DEMO_CINUNUK, recordType, recordId, action: 'create', actorId: null, actorName: 'seed', reason: 'Data demo', source, changes,
    });
    for (const h of DEMO_HOUSEHOLDS) {
      const householdId = newId();
      const familyId = newId();
      const kk = composeKk({ kecamatanCode: KEC, recordedDate: h.kkDate, serial: h.kkSerial });
      await insertHousehold(tx, { id: householdId, kabCode: kab, villageCode: DEMO_CINUNUK, address: h.address, rt: h.rt, rw: h.rw, importRef: h.ref, indicators: h.indicators });
      if (h.desil !== null) await setDemoDesil(tx, kab, householdId, h.desil);
      history.push(entry('household', householdId, diff(null, { villageCode: DEMO_CINUNUK, address: h.address, rt: h.rt, rw: h.rw, indicators: h.indicators, desil: h.desil })));
      await insertFamily(tx, { id: familyId, kabCode: kab, villageCode: DEMO_CINUNUK, householdId, kk }, { type: 'seed', id: 'demo' });
      history.push(entry('family', familyId, diff(null, { kk, householdId })));
      for (const m of h.members) {
        const id = newId();
        const values = {
          nik: demoNik(m), kk, fullName: m.fullName, sex: m.sex, birthDate: m.birthDate, birthPlace: m.birthPlace, relationship: m.relationship,
          maritalStatus: m.maritalStatus, presence: 'living_here', dukcapilMatch: 'matched', registryStatus: h.registryStatus,
          ...(h.desil !== null ? { desil: h.desil, desilSource: 'DTSEN', desilDate: '2025-10-01' } : {}), ...m.extra,
        };
        await insertPerson(tx, { id, kabCode: kab, villageCode: DEMO_CINUNUK, householdId, familyId, ...values });
        history.push(entry('person', id, diff(null, values)));
      }
    }
    await writeHistory(tx, history);
  });
}

async function seedDemoPopulation(deps: Deps) {
  if (!deps.config.demoPopulation) return;
  const kab = kabCodeOf(deps.config.kabupatenCode);
  if (await householdImported(deps.db, kab, `SYN-${DEMO_SEED}-1`)) return;
  const villages = (await villagesOf(deps.db, deps.config.kabupatenCode)).map((v) => v.code);
  if (villages.length === 0) return;
  // Cinunuk and Soreang hold the demo users: about a sixth of the population each.
  const heavy = Math.round(villages.length / 5);
  const weights = new Map([[DEMO_CINUNUK, heavy], [DEMO_SOREANG, heavy]]);
  await loadSynthetic(deps.db, generateHouseholds({ persons: DEMO_POPULATION, seed: DEMO_SEED, villages, villageWeights: weights }), { sourceId: `synthetic:${DEMO_SEED}` });
}

/** The registry's demo seeder (DEMO_SEEDERS). */
export async function seedRegistryDemo(deps: Deps) {
  await seedDemoResidents(deps);
  await seedDemoPopulation(deps);
}
