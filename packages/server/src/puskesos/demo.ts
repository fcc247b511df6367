import { kabCodeOf, type FacilityCondition, type FacilityItem, type OfficerPosition } from '@slrt/core';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Deps } from '../http/context.ts';
import { insertFunding, setFundingStatus } from './funding-queries.ts';
import { insertOutreach } from './outreach-queries.ts';
import { insertOfficer } from './people-queries.ts';
import * as q from './queries.ts';
import { preparePuskesos } from './setup.ts';
import { insertSession, insertTraining, replaceAttendance, replaceCompetencies } from './training-queries.ts';

/**
 * Demo Puskesos: three dozen villages (Kecamatan Cileunyi first, Cinunuk among them) with
 * varied profiles so that the equity view shows the field studies' inequality: well-funded
 * Puskesos with their own building, paid officers and a vehicle; middling ones in the
 * village office; and ones with no building, volunteers only and a little money collected
 * from residents. Deterministic (the same village gets the same profile on every start).
 * Like the demo cases, only with the demo population: tests build their own.
 */

const DEMO_VILLAGES = 36;
const FIRST_NAMES = ['Asep', 'Dedi', 'Euis', 'Iis', 'Ujang', 'Yayan', 'Neneng', 'Cucu', 'Dadang', 'Entin', 'Ade', 'Rina', 'Tatang', 'Lilis', 'Agus', 'Wawan'];
const LAST_NAMES = ['Suryana', 'Hidayat', 'Rohaeti', 'Kurniasih', 'Saepudin', 'Mulyana', 'Permana', 'Komariah', 'Sopandi', 'Nurhayati'];

type Tier = 'strong' | 'middle' | 'weak';

/** A small deterministic generator per village (no Math.random: the demo is the same every start). */
function rng(seed: string) {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507) ^ Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h >>>= 0) % 10_000) / 10_000;
  };
}

function tierOf(code: string, i: number): Tier {
  if (code === '32.04.05.2004') return 'middle';
  return (['strong', 'middle', 'weak', 'weak', 'middle', 'weak'] as const)[i % 6] ?? 'weak';
}

const FACILITIES: Record<Tier, Partial<Record<FacilityItem, FacilityCondition>>> = {
  strong: { building: 'good', service_room: 'good', waiting_room: 'good', toilet: 'good', computer: 'good', printer: 'good', internet: 'good', vehicle: 'fair', motorbike: 'good' },
  middle: { building: 'fair', service_room: 'fair', toilet: 'fair', computer: 'fair', printer: 'poor', internet: 'fair' },
  weak: { computer: 'poor' },
};

export async function seedDemoPuskesos(deps: Deps): Promise<void> {
  await preparePuskesos(deps);
  const kab = kabCodeOf(deps.config.kabupatenCode);
  if (!deps.config.demoPopulation || (await q.anyProfileFilled(deps.db, kab))) return;
  const admin = await q.userIdOf(deps.db, 'kabupaten');
  if (!admin) return;
  const coordinator = await q.userIdOf(deps.db, 'koordinator.cinunuk');
  const villages = await q.selectVillageCodes(deps.db, kab, 400);
  // Kecamatan Cileunyi first, then the kabupaten's first villages
  const chosen = [...villages.filter((v) => v.startsWith('32.04.05.')), ...villages.filter((v) => !v.startsWith('32.04.05.'))].slice(0, DEMO_VILLAGES);
  const year = Number(new Date().toISOString().slice(0, 4));
  await deps.db.transaction(async (tx) => {
    const trainings = await demoTrainings(tx, kab);
    const officersByPosition: Array<{ id: string; position: OfficerPosition; village: string }> = [];
    for (const [i, village] of chosen.entries()) {
      const tier = tierOf(village, i);
      const r = rng(village);
      const population = Math.round(6000 + r() * 30000);
      await q.updateProfile(tx, village, {
        status: tier === 'weak' && r() < 0.4 ? 'forming' : 'active',
        grade_code: tier === 'strong' ? 'utama' : tier === 'middle' ? 'madya' : r() < 0.5 ? 'pratama' : null,
        legal_basis_number: tier === 'weak' && r() < 0.5 ? null : `${100 + Math.floor(r() * 300)}/Kep.${Math.floor(r() * 40) + 1}-Desa/${year - 1 - Math.floor(r() * 4)}`,
        legal_basis_date: tier === 'weak' ? null : `${year - 2}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
        host: tier === 'strong' ? 'own_building' : tier === 'middle' ? 'village_office' : r() < 0.5 ? 'borrowed' : 'none',
        opening_hours: tier === 'weak' ? 'Senin dan Kamis 09.00-12.00' : 'Senin-Jumat 08.00-15.00',
        address: tier === 'strong' ? 'Jl. Raya Desa No. 12' : tier === 'middle' ? 'Kantor Desa' : null,
        phone: tier === 'weak' ? null : `022${String(Math.floor(r() * 9_000_000) + 1_000_000)}`,
        latitude: -6.9 - r() * 0.2, longitude: 107.5 + r() * 0.3,
        population,
      }, admin);
      for (const [item, condition] of Object.entries(FACILITIES[tier])) {
        await q.upsertFacility(tx, kab, village, { item, condition, source: tier === 'weak' ? 'community' : item === 'vehicle' ? 'csr' : 'village', note: null });
      }
      // officers: strong = five paid; middle = three paid and a volunteer; weak = two volunteers
      const positions: Array<[OfficerPosition, boolean]> = tier === 'strong'
        ? [['koordinator', true], ['front_office', true], ['back_office', true], ['fasilitator', true], ['psm', false]]
        : tier === 'middle' ? [['koordinator', true], ['front_office', true], ['back_office', false], ['tksk', false]]
        : [['koordinator', false], ['front_office', false]];
      for (const [j, [position, paid]] of positions.entries()) {
        const id = newId();
        const name = `${FIRST_NAMES[Math.floor(r() * FIRST_NAMES.length)] ?? 'Asep'} ${LAST_NAMES[Math.floor(r() * LAST_NAMES.length)] ?? 'Suryana'}`;
        await insertOfficer(tx, {
          id, kab_code: kab, village_code: village, user_id: village === '32.04.05.2004' && position === 'koordinator' ? coordinator : null,
          name, position, decree_number: paid ? `${j + 1}/SK-Puskesos/${year}` : null, decree_date: paid ? `${year}-01-0${j + 2}` : null,
          start_date: `${year - 1 - Math.floor(r() * 3)}-0${1 + Math.floor(r() * 9)}-01`, end_date: null, paid,
          monthly_honorarium: paid ? (tier === 'strong' ? 1_500_000 : 500_000) : 0,
        });
        officersByPosition.push({ id, position, village });
      }
      // funding of the year: confirmed lines (the supervisor has seen them)
      const lines: Array<[string, string, number]> = tier === 'strong'
        ? [['dana_desa', 'operational', 60_000_000], ['dana_desa', 'honorarium', 72_000_000], ['apbd_kabupaten', 'training', 10_000_000], ['csr', 'equipment', 25_000_000]]
        : tier === 'middle' ? [['dana_desa', 'operational', 15_000_000], ['dana_desa', 'honorarium', 12_000_000]]
        : [['community', 'operational', Math.round(1_000_000 + r() * 2_000_000)]];
      for (const [source, category, amount] of lines) {
        const id = newId();
        await insertFunding(tx, { id, kab_code: kab, village_code: village, year, source, kind: 'budget', category, amount, note: null, entered_by: admin });
        await setFundingStatus(tx, id, 'confirmed', admin);
      }
      // outreach in the last months, except in a few quiet villages
      if (tier !== 'weak' || r() < 0.3) {
        for (let m = 0; m < (tier === 'strong' ? 3 : 1); m++) {
          const day = new Date(Date.now() - (m * 30 + 5) * 86_400_000).toISOString().slice(0, 10);
          await insertOutreach(tx, kab, {
            id: newId(), village_code: village, held_on: day, place: 'Balai Desa', audience: 'Warga RW 0' + String(m + 1),
            reached: Math.round(20 + r() * 60), by_name: m === 0 ? 'Petugas Puskesos' : 'TKSK Kecamatan', by_kind: m === 0 ? 'officer' : 'tksk', note: null,
          }, admin);
        }
      }
    }
    // the strong Puskesos' officers attended the basic training; others wait for a session
    const session = newId();
    const basic = trainings[0];
    if (basic) {
      await insertSession(tx, kab, { id: session, training_id: basic, starts_on: `${year}-02-10`, place: 'Gedung SLRT Sabilulungan, Soreang', area_code: deps.config.kabupatenCode, created_by: admin });
      const strongOfficers = officersByPosition.filter((o) => tierOf(o.village, chosen.indexOf(o.village)) === 'strong').map((o) => o.id);
      await replaceAttendance(tx, kab, session, strongOfficers);
    }
  });
}

/** The catalog and the competencies each position needs; returns the training ids. */
async function demoTrainings(tx: Tx, kab: string): Promise<string[]> {
  const catalog = [
    { title: 'Dasar-dasar SLRT dan Puskesos', organizer: 'kabupaten', topic: 'Alur layanan SLRT, front office dan back office', hours: 16, certificate: true },
    { title: 'Manajemen Kasus Kesejahteraan Sosial', organizer: 'province', topic: 'Asesmen, rencana layanan, rujukan', hours: 24, certificate: true },
    { title: 'Pemutakhiran DTSEN', organizer: 'ministry', topic: 'Usulan, verifikasi dan validasi data', hours: 8, certificate: false },
  ] as const;
  const ids: string[] = [];
  for (const c of catalog) {
    const id = newId();
    await insertTraining(tx, kab, { id, ...c });
    ids.push(id);
  }
  const [basic, cm, dtsen] = ids;
  if (basic && cm && dtsen) {
    await replaceCompetencies(tx, kab, 'koordinator', [basic, cm]);
    await replaceCompetencies(tx, kab, 'front_office', [basic]);
    await replaceCompetencies(tx, kab, 'back_office', [basic, dtsen]);
  }
  return ids;
}
