import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { SUBMISSION_COLUMNS } from '@slrt/core';
import { createTestApp, type TestApp, type TestClient } from '../../testing/test-app.ts';
import { aHousehold, aPerson, CINUNUK } from '../../registry/testing.ts';
import { anApprovedProposal } from '../testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function uploadAnswer(c: TestClient, id: string, content: Buffer | string, name: string) {
  const boundary = `----slrt${Date.now()}`;
  const type = name.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request('POST', `/api/v1/proposal-submissions/${id}/answer`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

const readCsv = (text: string) => parse(text, { columns: true, bom: true }) as Array<Record<string, string>>;

describe('the national submission', () => {
  it('gathers approved proposals into a batch whose export reproduces them row for row, and the answer marks them', async () => {
    // a resident of the working copy proposed for registration, and a new household of two
    const h = await aHousehold(t.deps.db, { village: CINUNUK, indicators: { floor: 'earth' } });
    const local = await aPerson(t.deps.db, { household: h, fullName: 'Karsih', registryStatus: 'not_registered', sex: 'F' });
    const reg = await anApprovedProposal(t.deps, { household: h, person: local, input: { type: 'new', personId: local.id, householdId: undefined, changes: {} } });
    const fresh = await anApprovedProposal(t.deps, {
      input: { type: 'new', householdId: undefined, changes: { villageCode: CINUNUK, address: 'Kp. Cikoneng', members: [{ fullName: 'Dede', sex: 'M', relationship: 'head' }, { fullName: 'Yati', sex: 'F', relationship: 'spouse' }] } },
    });

    const kab = await t.as('kabupaten');
    expect((await kab.get('/api/v1/proposals/worklist')).body.toSubmit).toBeGreaterThanOrEqual(2);
    expect((await (await t.as('supervisor.cileunyi')).post('/api/v1/proposal-submissions', {})).status).toBe(403);
    const prepared = await kab.post('/api/v1/proposal-submissions', { proposalIds: [reg.id, fresh.id], note: 'Usulan Maret' });
    expect(prepared.status).toBe(201);
    expect(prepared.body).toMatchObject({ code: expect.stringMatching(/^KRM-\d{4}-\d{4}$/), status: 'prepared', proposals: 2, rows: 3, waiting: 3 });
    const id = prepared.body.id as string;
    // a proposal goes into one batch only
    expect((await kab.post('/api/v1/proposal-submissions', { proposalIds: [reg.id] })).status).toBe(409);

    // the CSV: the canonical columns then the proposal's, one row per person
    const csv = await kab.get(`/api/v1/proposal-submissions/${id}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toContain(`${prepared.body.code}.csv`);
    const rows = readCsv(csv.raw.body);
    expect(Object.keys(rows[0]!)).toEqual([...SUBMISSION_COLUMNS]);
    expect(rows.map((r) => [r.proposal_code, r.full_name, r.registry_status, r.proposal_type])).toEqual([
      [reg.code, 'Karsih', 'proposed', 'new'],
      [fresh.code, 'Dede', 'proposed', 'new'],
      [fresh.code, 'Yati', 'proposed', 'new'],
    ]);
    expect(rows[0]).toMatchObject({ nik: local.nik, sex: 'P', village_code: CINUNUK, household_ref: h.id, floor: '8', round_basis: 'musdes', verified_by: 'Fasilitator Desa Cinunuk' });
    expect(rows.map((r) => r.row_ref)).toEqual([1, 2, 3].map((n) => `${prepared.body.code}-000${n}`));

    // the XLSX: the same rows, every cell text (the NIK keeps its 16 digits)
    const xlsx = await kab.get(`/api/v1/proposal-submissions/${id}/export?format=xlsx`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toEqual([...SUBMISSION_COLUMNS]);
    const nikCell = sheet.getRow(2).getCell(header.indexOf('nik') + 1).value;
    expect(nikCell).toBe(local.nik);
    // exports are audited as personal-data exports
    const exported = (await t.deps.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'proposal_submission.export' AND $1 = ANY(record_ids)`, [local.id])).rows[0];
    expect(exported).toEqual({ n: 2 });

    // an answer before the batch is sent is refused
    expect((await uploadAnswer(kab, id, 'row_ref,result\n', 'jawaban.csv')).status).toBe(409);
    const sent = await kab.post(`/api/v1/proposal-submissions/${id}/send`, {});
    expect(sent.body.status).toBe('sent');
    expect((await kab.get(`/api/v1/proposals/${reg.id}`)).body.status).toBe('sent');
    expect((await kab.get('/api/v1/proposals?queue=waiting_national&limit=200')).body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([reg.id, fresh.id]));

    // a file with an unknown row changes nothing and names the line
    const bad = await uploadAnswer(kab, id, `row_ref,hasil,desil\n${rows[0]!.row_ref},diterima,2\nKRM-1999-0001-0001,diterima,\n`, 'jawaban.csv');
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems).toEqual([{ line: 3, message: expect.stringContaining('not in the batch') }]);
    expect(bad.body.error.fields['lines.0']).toMatch(/^Line 3: This row is not in the batch/);
    expect((await t.deps.db.query('SELECT count(*)::int AS n FROM proposal_submission_rows WHERE submission_id = $1 AND result IS NOT NULL', [id])).rows[0]).toEqual({ n: 0 });

    // the answer: Karsih accepted with decile 2; the new household accepted for Dede, refused for Yati
    const answer = [
      'row_ref,hasil,keterangan,desil,tanggal_desil',
      `${rows[0]!.row_ref},Diterima,,2,01-11-2025`,
      `${rows[1]!.row_ref},diterima,,3,`,
      `${rows[2]!.row_ref},ditolak,NIK tidak padan,,`,
    ].join('\r\n');
    const imported = await uploadAnswer(kab, id, answer, 'jawaban.csv');
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ status: 'answered', rowsAnswered: 3, rowsUnchanged: 0, accepted: 2, rejected: 1, proposalsAccepted: 1, proposalsRejected: 1 });

    expect((await t.deps.db.query('SELECT registry_status FROM persons WHERE id = $1', [local.id])).rows[0]).toEqual({ registry_status: 'registered' });
    expect((await t.deps.db.query('SELECT desil, desil_source, desil_date FROM households WHERE id = $1', [h.id])).rows[0]).toEqual({ desil: 2, desil_source: 'DTSEN', desil_date: '2025-11-01' });
    const freshView = (await kab.get(`/api/v1/proposals/${fresh.id}`)).body;
    expect(freshView.status).toBe('rejected_national');
    expect(freshView.steps.at(-1)).toMatchObject({ action: 'national-reject', reason: 'NIK tidak padan' });
    expect(freshView.submission).toMatchObject({ id, status: 'answered', rows: [{ rowNo: 2, result: 'accepted', desil: 3 }, { rowNo: 3, result: 'rejected', resultReason: 'NIK tidak padan' }] });
    const members = (await t.deps.db.query<{ full_name: string; registry_status: string }>('SELECT full_name, registry_status FROM persons WHERE household_id = $1 ORDER BY full_name', [freshView.householdId])).rows;
    expect(members).toEqual([{ full_name: 'Dede', registry_status: 'registered' }, { full_name: 'Yati', registry_status: 'not_registered' }]);
    expect((await kab.get(`/api/v1/proposals/${reg.id}`)).body.status).toBe('accepted');

    // lineage of the national answer in the registry: the status from the proposal, the decile as imported data
    const hist = (await t.deps.db.query<{ source_type: string; source_id: string; changes: object }>(
      `SELECT source_type, source_id, changes FROM registry_history WHERE record_id = ANY($1::uuid[]) ORDER BY at, id`, [[local.id, h.id]])).rows;
    expect(hist.slice(-2)).toEqual([
      { source_type: 'proposal', source_id: reg.id, changes: { registryStatus: { old: 'proposed', new: 'registered' } } },
      { source_type: 'import', source_id: id, changes: { desil: { old: null, new: 2 }, desilSource: { old: null, new: 'DTSEN' }, desilDate: { old: null, new: '2025-11-01' } } },
    ]);
    // answered twice: refused, the batch is done
    expect((await uploadAnswer(kab, id, answer, 'jawaban.csv')).status).toBe(409);
  });

  it('offers a readable companion of the file on labels=1, headers and codes as labels, the file itself unchanged (issue 12 item 7)', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK, indicators: { floor: 'earth', assets: [] } });
    const local = await aPerson(t.deps.db, { household: h, fullName: 'Cucu Label', registryStatus: 'not_registered', sex: 'F', relationship: 'spouse', healthInsurance: ['pbi_jkn'] });
    const p = await anApprovedProposal(t.deps, { household: h, person: local, input: { type: 'new', personId: local.id, householdId: undefined, changes: {} } });
    const kab = await t.as('kabupaten');
    const s = (await kab.post('/api/v1/proposal-submissions', { proposalIds: [p.id] })).body as { id: string; code: string };

    const plain = readCsv((await kab.get(`/api/v1/proposal-submissions/${s.id}/export?format=csv`)).raw.body);
    expect(Object.keys(plain[0]!)).toEqual([...SUBMISSION_COLUMNS]);
    expect(plain[0]).toMatchObject({ sex: 'P', relationship: '2', floor: '8', health_insurance: '1', proposal_type: 'new' });

    const res = await kab.get(`/api/v1/proposal-submissions/${s.id}/export?format=csv&labels=1&lang=id`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`${s.code}-label-id.csv`);
    const [id] = readCsv(res.raw.body);
    expect(id).toMatchObject({
      'Nama lengkap': 'Cucu Label', 'Jenis kelamin': 'Perempuan', 'Hubungan dengan kepala keluarga': 'Istri/suami', 'Jenis lantai': 'Tanah',
      'Jaminan kesehatan': 'BPJS Kesehatan/JKN PBI', 'Status DTSEN': 'Diusulkan', 'Jenis usulan': 'Usulan baru', 'Nomor usulan': p.code,
    });
    const en = await kab.get(`/api/v1/proposal-submissions/${s.id}/export?format=xlsx&labels=1&lang=en`);
    expect(en.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(en.raw.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['NIK', 'KK number', 'Full name', 'Sex']);
    const cell = (name: string) => sheet.getRow(2).getCell(header.indexOf(name) + 1).text;
    expect([cell('Sex'), cell('Relationship to the head'), cell('Main floor'), cell('Kind of proposal')]).toEqual(['Female', 'Spouse', 'Earth', 'New']);
    expect(cell('NIK')).toBe(local.nik);
  });

  it('reads an XLSX answer matched by NIK, and answers part of a batch at a time', async () => {
    const a = await anApprovedProposal(t.deps);
    const b = await anApprovedProposal(t.deps);
    const kab = await t.as('kabupaten');
    const s = (await kab.post('/api/v1/proposal-submissions', { proposalIds: [a.id, b.id] })).body;
    await kab.post(`/api/v1/proposal-submissions/${s.id}/send`, {});
    const rows = readCsv((await kab.get(`/api/v1/proposal-submissions/${s.id}/export?format=csv`)).raw.body);
    // a household change concerns every member: one row each
    expect(rows.map((r) => r.proposal_code)).toEqual([a.code, b.code]);

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('jawaban');
    sheet.addRow(['NIK', 'Kode Usulan', 'Status', 'Alasan']);
    sheet.addRow([rows[0]!.nik, a.code, 'ditolak', 'Tidak memenuhi kriteria']);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    const first = await uploadAnswer(kab, s.id, buffer, 'jawaban.xlsx');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'sent', rowsAnswered: 1, rejected: 1, proposalsRejected: 1 });
    expect((await kab.get(`/api/v1/proposals/${a.id}`)).body.status).toBe('rejected_national');
    expect((await kab.get(`/api/v1/proposal-submissions/${s.id}`)).body).toMatchObject({ status: 'sent', rejected: 1, waiting: 1 });

    const second = await uploadAnswer(kab, s.id, `nik,result\n${rows[1]!.nik},accepted\n${rows[0]!.nik},rejected\n`, 'jawaban2.csv');
    expect(second.body).toMatchObject({ status: 'answered', rowsAnswered: 1, rowsUnchanged: 1, proposalsAccepted: 1 });
  });

  it('refuses an unreadable answer, a file without the needed columns, and a result it cannot read', async () => {
    const p = await anApprovedProposal(t.deps);
    const kab = await t.as('kabupaten');
    const s = (await kab.post('/api/v1/proposal-submissions', { proposalIds: [p.id] })).body;
    await kab.post(`/api/v1/proposal-submissions/${s.id}/send`, {});
    const noColumns = await uploadAnswer(kab, s.id, 'nama,alamat\nA,B\n', 'x.csv');
    expect(noColumns.status).toBe(400);
    expect(noColumns.body.error.fields).toHaveProperty('file');
    const unreadable = await uploadAnswer(kab, s.id, `row_ref,result\n${s.code}-0001,mungkin\n`, 'x.csv');
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error.problems[0]).toEqual({ line: 2, message: expect.stringContaining('mungkin') });
    expect((await kab.get(`/api/v1/proposal-submissions/${s.id}`)).body.waiting).toBe(1);
    expect((await (await t.as('supervisor.cileunyi')).get(`/api/v1/proposal-submissions/${s.id}`)).status).toBe(403);
    expect((await kab.get('/api/v1/proposal-submissions')).body.items.map((x: { id: string }) => x.id)).toContain(s.id);
  });
});
