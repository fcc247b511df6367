import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.ts';
import { aHousehold, aPerson, CINUNUK, multipartBody, SOREANG } from '../registry/testing.ts';

let t: TestApp;
let manager: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  manager = await t.as('kabupaten');
});
afterAll(() => t.close());

async function family(village = CINUNUK) {
  const h = await aHousehold(t.deps.db, { village, desil: 2 });
  const head = await aPerson(t.deps.db, { household: h, fullName: 'Asep', sex: 'M', relationship: 'head' });
  const child = await aPerson(t.deps.db, { household: h, fullName: 'Dewi', relationship: 'child', birthDate: '2017-05-10' });
  return { h, head, child };
}

function upload(client: TestClient, code: string, content: string | Buffer, fields: Record<string, string>, name = 'pkh.csv') {
  const { body, headers } = multipartBody(fields, { name, content });
  return client.request('POST', `/api/v1/programs/${code}/enrollment-imports`, body, headers);
}

describe('enrollment import', () => {
  it('enrolls by NIK and by KK, reports bad, unknown and repeated rows, counts what was already enrolled', async () => {
    const a = await family();
    const b = await family(SOREANG);
    const csv = [
      'NO;NIK;NO_KK;NAMA',
      `1;${a.head.nik};;Asep`,
      `2;;${b.h.kk};Keluarga B`,
      `3;12345;;Salah`,
      `4;3204059999999999;;Tidak ada`,
      `5;${a.head.nik};;Ulang`,
      `6;;;Kosong`,
    ].join('\r\n');
    const res = await upload(manager, 'PBI_JK', csv, { period: '2026-07' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ program: 'PBI_JK', period: '2026-07', idColumn: 'both', totalRows: 6, enrolled: 2, alreadyEnrolled: 0, errorRows: 4 });

    const errors = await manager.get(`/api/v1/enrollment-imports/${res.body.id}/errors`);
    expect(errors.body.items.map((e: { rowNo: number; code: string }) => [e.rowNo, e.code])).toEqual([
      [4, 'programs.import_bad_id'], [5, 'programs.import_not_found'], [6, 'programs.import_duplicate'], [7, 'field.required'],
    ]);
    expect(errors.body.items[1].value).not.toContain('99999999'); // masked
    const csvReport = await manager.get(`/api/v1/enrollment-imports/${res.body.id}/errors.csv`);
    expect(csvReport.status).toBe(200);
    expect(csvReport.body).toContain('row,field,message,value');
    expect(csvReport.body).toContain('NIK/KK not found');

    const again = await upload(manager, 'PBI_JK', `NIK\r\n${a.head.nik}\r\n`, { period: '2026-08' });
    expect(again.body).toMatchObject({ enrolled: 0, alreadyEnrolled: 1, errorRows: 0 });

    const programs = await (await t.as('puskesos.cinunuk')).get(`/api/v1/households/${a.h.id}/enrollments`);
    expect(programs.body.items).toHaveLength(1);
    expect(programs.body.items[0]).toMatchObject({ program: 'PBI_JK', personName: 'Asep', period: '2026-07', endedOn: null, sourceType: 'import' });
    const screening = await (await t.as('puskesos.cinunuk')).get(`/api/v1/households/${a.h.id}/screening`);
    expect(screening.body.items.find((i: { program: string }) => i.program === 'PBI_JK').enrolled).toBe(true);
  });

  it('reads XLSX too, and refuses a file without an NIK or KK column (nothing written)', async () => {
    const a = await family();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Daftar');
    sheet.addRow(['No KK', 'Nama']);
    sheet.addRow([a.h.kk, 'Asep']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(manager, 'PKH', xlsx, { period: '2026-T3' }, 'pkh.xlsx');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ idColumn: 'kk', enrolled: 1 });

    const bad = await upload(manager, 'PKH', 'nama,alamat\r\nAsep,Cinunuk\r\n', { period: '2026-T3' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.file).toBeTruthy();
    const missing = await upload(manager, 'PKH', `NIK\r\n${a.head.nik}\r\n`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.period).toBeTruthy();
  });

  it('a village coordinator imports only within the village: others are not found', async () => {
    const inside = await family();
    const outside = await family(SOREANG);
    const res = await upload(await t.as('koordinator.cinunuk'), 'SEMBAKO', `KK\r\n${inside.h.kk}\r\n${outside.h.kk}\r\n`, { period: '2026-07' });
    expect(res.body).toMatchObject({ enrolled: 1, errorRows: 1 });
    expect((await upload(await t.as('puskesos.cinunuk'), 'SEMBAKO', 'KK\r\n', { period: '2026-07' })).status).toBe(403);
  });
});

describe('manual enrollment and exit', () => {
  it('enrolls, refuses a second current enrollment, exits with a reason and keeps the history', async () => {
    const { h, child } = await family();
    const coordinator = await t.as('koordinator.cinunuk');
    const enrolled = await coordinator.post(`/api/v1/households/${h.id}/enrollments`, { program: 'PIP', personId: child.id });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body).toMatchObject({ program: 'PIP', personName: 'Dewi', sourceType: 'officer', createdBy: 'koordinator.cinunuk' });
    expect((await coordinator.post(`/api/v1/households/${h.id}/enrollments`, { program: 'PIP', personId: child.id })).status).toBe(409);

    expect((await coordinator.post(`/api/v1/enrollments/${enrolled.body.id}/exit`, { reason: 'x' })).status).toBe(400);
    const exited = await coordinator.post(`/api/v1/enrollments/${enrolled.body.id}/exit`, { reason: 'Lulus SMA, tidak lagi bersekolah' });
    expect(exited.status).toBe(200);
    expect(exited.body.endReason).toBe('Lulus SMA, tidak lagi bersekolah');
    expect((await coordinator.post(`/api/v1/enrollments/${enrolled.body.id}/exit`, { reason: 'lagi' })).status).toBe(409);

    const again = await coordinator.post(`/api/v1/households/${h.id}/enrollments`, { program: 'PIP', personId: child.id });
    expect(again.status).toBe(201);
    const history = await coordinator.get(`/api/v1/households/${h.id}/enrollments`);
    expect(history.body.items.map((e: { endedOn: string | null }) => e.endedOn === null)).toEqual([true, false]);
  });

  it('404 outside the area, 403 for an officer without programs.enroll, 400 for a member of another household', async () => {
    const { h } = await family(SOREANG);
    const other = await family();
    const coordinator = await t.as('koordinator.cinunuk');
    expect((await coordinator.post(`/api/v1/households/${h.id}/enrollments`, { program: 'PKH' })).status).toBe(404);
    expect((await coordinator.get(`/api/v1/households/${h.id}/enrollments`)).status).toBe(404);
    expect((await (await t.as('puskesos.cinunuk')).post(`/api/v1/households/${other.h.id}/enrollments`, { program: 'PKH' })).status).toBe(403);
    const wrong = await manager.post(`/api/v1/households/${h.id}/enrollments`, { program: 'PIP', personId: other.child.id });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.personId).toBeTruthy();
    const unknown = await manager.post(`/api/v1/households/${h.id}/enrollments`, { program: 'NOPE' });
    expect(unknown.status).toBe(400);
  });
});
