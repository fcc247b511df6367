import { addDays, areaTimeZone, kabCodeOf, localDateIn } from '@slrt/core';
import type { Deps } from '../http/context.ts';
import * as q from './demo-queries.ts';

/**
 * The programs' demo data: programs linked to the demo directory's services, enrollments that
 * leave some eligible households out (exclusion) and keep some that are no longer eligible
 * (inclusion), and two months of ledger entries with a few duplicate deliveries, so that the
 * targeting lists, the household page and the dashboard have something to show.
 */
export async function seedDemoPrograms(deps: Deps) {
  const kab = kabCodeOf(deps.config.kabupatenCode);
  await deps.db.transaction(async (tx) => {
    for (const [code, service] of [
      ['PKH', 'Usulan dan pendampingan Program Keluarga Harapan (PKH)'],
      ['PBI_JK', 'Usulan kepesertaan PBI Jaminan Kesehatan'],
      ['PIP', 'Usulan Program Indonesia Pintar (PIP/KIP)'],
      ['RTLH', 'Bantuan perbaikan rumah tidak layak huni (Rutilahu)'],
      ['ATENSI', 'Asistensi rehabilitasi sosial (ATENSI) dan alat bantu disabilitas'],
    ] as const) await q.linkProgramService(tx, kab, code, service);
    if (await q.demoAlreadySeeded(tx, kab)) return;

    const today = localDateIn(new Date(), areaTimeZone(kab));
    const thisMonth = `${today.slice(0, 7)}-05`;
    const lastMonth = addDays(`${today.slice(0, 7)}-01`, -27).slice(0, 7) + '-05';
    const started = addDays(today, -400);
    // The hand-made residents: Ujang (desil 2) receives Sembako but not PKH; Asep (desil 6) still receives PKH.
    await q.enrollByDesil(tx, { kabCode: kab, code: 'SEMBAKO', minDesil: 1, maxDesil: 10, modulo: 1, startedOn: started, importRefs: ['DEMO-1'] });
    await q.enrollByDesil(tx, { kabCode: kab, code: 'PKH', minDesil: 1, maxDesil: 10, modulo: 1, startedOn: started, importRefs: ['DEMO-3'] });
    // The synthetic population: most of the poorest enrolled, some left out, a few above the cut-off kept in.
    await q.enrollByDesil(tx, { kabCode: kab, code: 'PKH', minDesil: 1, maxDesil: 4, modulo: 2, startedOn: started });
    await q.enrollByDesil(tx, { kabCode: kab, code: 'PKH', minDesil: 6, maxDesil: 8, modulo: 15, startedOn: started });
    await q.enrollByDesil(tx, { kabCode: kab, code: 'SEMBAKO', minDesil: 1, maxDesil: 5, modulo: 1, startedOn: started });
    await q.enrollByDesil(tx, { kabCode: kab, code: 'SEMBAKO', minDesil: 7, maxDesil: 9, modulo: 20, startedOn: started });
    await q.enrollByDesil(tx, { kabCode: kab, code: 'PBI_JK', minDesil: 1, maxDesil: 5, modulo: 3, startedOn: started });
    for (const month of [lastMonth, thisMonth]) {
      await q.deliverToEnrolled(tx, {
        kabCode: kab, code: 'SEMBAKO', category: 'food', form: 'goods', item: 'Beras, telur, minyak (Sembako)', valueIdr: 200_000, fundingSource: 'apbn', deliveredOn: month,
        dup: { every: 12, fundingSource: 'baznas_zakat', item: 'Paket sembako Baznas', valueIdr: 150_000, organizationName: 'Badan Amil Zakat Nasional Kabupaten Bandung' },
      });
    }
    await q.deliverToEnrolled(tx, { kabCode: kab, code: 'PKH', category: 'cash', form: 'cash', item: 'Bantuan PKH tahap', valueIdr: 750_000, fundingSource: 'apbn', deliveredOn: thisMonth });
  });
}
