import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ProgramStats, TargetingList } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aHousehold, aPerson, CILEUNYI_WETAN, SOREANG } from '../registry/testing.ts';
import { todayFor } from './catalog.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());

const year = () => Number(todayFor('3204').slice(0, 4));

/** A Cileunyi Wetan household (a village of its own for these tests) with a child of primary-school age. */
async function family(desil: number, head: string) {
  const h = await aHousehold(t.deps.db, { village: CILEUNYI_WETAN, desil });
  await aPerson(t.deps.db, { household: h, fullName: head, sex: 'M', relationship: 'head', birthDate: '1980-01-01' });
  await aPerson(t.deps.db, { household: h, fullName: `Anak ${head}`, relationship: 'child', birthDate: `${year() - 8}-03-01` });
  return h;
}

describe('targeting lists and program statistics', () => {
  let missed: { id: string; kk: string };
  let wrong: { id: string; kk: string };
  beforeAll(async () => {
    missed = await family(2, 'Ujang Terlewat');
    wrong = await family(9, 'Dadan Mampu');
    const right = await family(1, 'Iwan Tepat');
    const manager = await t.as('kabupaten');
    for (const h of [wrong, right]) {
      expect((await manager.post(`/api/v1/households/${h.id}/enrollments`, { program: 'PKH', period: '2026-07' })).status).toBe(201);
    }
  });

  it('lists the eligible not enrolled (exclusion) and the enrolled not eligible (inclusion), with reasons', async () => {
    const supervisor = await t.as('supervisor.cileunyi');
    supervisor.locale = 'id';
    const exclusion = await supervisor.get(`/api/v1/programs/PKH/targeting?area=${CILEUNYI_WETAN}&kind=exclusion`, TargetingList);
    expect(exclusion.status).toBe(200);
    expect(exclusion.body.items.map((i) => i.householdId)).toEqual([missed.id]);
    expect(exclusion.body.items[0]).toMatchObject({ headName: 'Ujang Terlewat', villageName: 'Cileunyi Wetan', desil: 2, result: 'eligible', enrolled: false });
    expect(exclusion.body.items[0]?.reasons).toEqual(['Desil 2 ≤ 4', 'Anak usia SD: Anak Ujang Terlewat, 8 tahun']);
    const inclusion = await supervisor.get(`/api/v1/programs/PKH/targeting?area=${CILEUNYI_WETAN}&kind=inclusion`, TargetingList);
    expect(inclusion.body.items.map((i) => i.householdId)).toEqual([wrong.id]);
    expect(inclusion.body.items[0]?.reasons[0]).toBe('Desil 9 > 4 (batas program)');
  });

  it('pages with a cursor, exports CSV and XLSX, and answers 404 outside the area', async () => {
    const supervisor = await t.as('supervisor.cileunyi');
    const page = await supervisor.get(`/api/v1/programs/SEMBAKO/targeting?area=${CILEUNYI_WETAN}&kind=exclusion&limit=1`, TargetingList);
    expect(page.body.total).toBe(2); // desil 2 and desil 1, neither enrolled in Sembako
    expect(page.body.items).toHaveLength(1);
    const next = await supervisor.get(`/api/v1/programs/SEMBAKO/targeting?area=${CILEUNYI_WETAN}&kind=exclusion&limit=1&cursor=${page.body.nextCursor ?? ''}`, TargetingList);
    expect(next.body.items[0]?.householdId).not.toBe(page.body.items[0]?.householdId);

    const csv = await supervisor.get(`/api/v1/programs/PKH/targeting/export?area=${CILEUNYI_WETAN}&kind=exclusion`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    // a report for people: headers, result and yes/no in the reader's language, the codes kept last (issue 12 item 7)
    expect(csv.body).toContain('ID rumah tangga,Kode desa/kelurahan,Desa/kelurahan,Kepala rumah tangga,Desil,Hasil penapisan,Menerima program,Alasan,Kode hasil\r\n');
    expect(csv.body).toContain('Ujang Terlewat');
    expect(csv.body).toMatch(/,Ujang Terlewat,2,Memenuhi syarat,Tidak,"Desil 2 ≤ 4; .*",eligible\r\n/);
    const en = await supervisor.get(`/api/v1/programs/PKH/targeting/export?area=${CILEUNYI_WETAN}&kind=exclusion&lang=en`);
    expect(en.body).toContain('Household ID,Village code,Village,Head of household,Decile,Screening result,Enrolled,Reasons,Result code\r\n');
    expect(en.body).toMatch(/,Ujang Terlewat,2,Eligible,No,"Desil 2 ≤ 4; .*",eligible\r\n/);
    const xlsx = await supervisor.request('GET', `/api/v1/programs/PKH/targeting/export?area=${CILEUNYI_WETAN}&kind=inclusion&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(4).text).toBe('Dadan Mampu');

    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/programs/PKH/targeting?area=${CILEUNYI_WETAN}`)).status).toBe(404);
    expect((await (await t.as('eksekutif')).get(`/api/v1/programs/PKH/targeting?area=${CILEUNYI_WETAN}`)).status).toBe(403);
    expect((await supervisor.get(`/api/v1/programs/PKH/targeting?area=${SOREANG}`)).status).toBe(404);
  });

  it('counts eligible, enrolled, exclusion and inclusion per program, without names; the executive sees counts below 5 as "<5"', async () => {
    const stats = await (await t.as('supervisor.cileunyi')).get(`/api/v1/programs/stats?area=${CILEUNYI_WETAN}`, ProgramStats);
    expect(stats.status).toBe(200);
    expect(stats.body.suppressedBelow).toBeNull();
    const pkh = stats.body.programs.find((p) => p.program === 'PKH');
    expect(pkh).toMatchObject({ households: 3, eligible: 2, enrolled: 2, exclusion: 1, inclusion: 1 });
    expect(JSON.stringify(stats.body)).not.toContain('Ujang');
    const exec = (await (await t.as('eksekutif')).get(`/api/v1/programs/stats?area=${CILEUNYI_WETAN}`, ProgramStats)).body;
    expect(exec.suppressedBelow).toBe(5);
    expect(exec.programs.find((p) => p.program === 'PKH')).toMatchObject({ households: '<5', eligible: '<5', enrolled: '<5', exclusion: '<5', inclusion: '<5' });
    expect(JSON.stringify(exec)).not.toContain('Ujang');
  });
});
