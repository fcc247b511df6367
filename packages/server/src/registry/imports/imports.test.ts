import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../testing/test-app.ts';
import type { Db } from '../../db/database.ts';
import { importWorkerOf } from '../plugin.ts';
import { canonicalCsvLines } from '../synthetic/canonical.ts';
import { generateHouseholds } from '../synthetic/generator.ts';
import { CILEUNYI_WETAN, CINUNUK, multipartBody, SOREANG } from '../testing.ts';
import { newId } from '../../db/ids.ts';
import { insertImport, selectImportById } from './import-queries.ts';
import { runImport } from './worker.ts';
import { importsDir } from './service.ts';
import { AcceptedJob, HeaderMappingView, ImportStatusView, listOf, PersonSearchPage, RegistryHistoryPage } from '@slrt/core';

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-import-')) });
  admin = await t.as('kabupaten');
});
afterAll(async () => {
  await t.close();
  fs.rmSync(t.deps.config.dataDir, { recursive: true, force: true });
});

/** A synthetic extract in the canonical layout, with DTKS-style headers for some columns. */
function extract(persons: number, seed: string): string {
  const households = generateHouseholds({ persons, seed, villages: [CINUNUK, CILEUNYI_WETAN, SOREANG] });
  const lines = [...canonicalCsvLines(households)];
  lines[0] = lines[0]!.replace(/^nik,kk,full_name,sex,/, 'NIK,NO_KK,NAMA,JNS_KEL,').replace(',birth_date,', ',TGL_LAHIR,').replace(',village_code,', ',KODE_DESA,').replace(',desil,', ',DESIL_KESEJAHTERAAN,');
  return lines.join('');
}

async function upload(client: TestClient, content: string | Buffer, name = 'dtks.csv', fields: Record<string, string> = {}) {
  const { body, headers } = multipartBody(fields, { name, content });
  return client.request('POST', '/api/v1/registry/imports', body, headers, AcceptedJob);
}

async function finished(id: string) {
  await importWorkerOf(t.deps).idle();
  return (await admin.get(`/api/v1/registry/imports/${id}`, ImportStatusView)).body;
}

/** Everything the registry holds for imported records, ids and versions included. */
async function registryChecksum(db: Db): Promise<string> {
  const { rows } = await db.query<{ p: string; h: string; f: string; k: string; n: number }>(
    `SELECT (SELECT md5(coalesce(string_agg(row_to_json(p)::text, E'\\n' ORDER BY p.id), '')) FROM persons p) AS p,
            (SELECT md5(coalesce(string_agg(row_to_json(h)::text, E'\\n' ORDER BY h.id), '')) FROM households h) AS h,
            (SELECT md5(coalesce(string_agg(row_to_json(f)::text, E'\\n' ORDER BY f.id), '')) FROM families f) AS f,
            (SELECT md5(coalesce(string_agg(row_to_json(k)::text, E'\\n' ORDER BY k.id), '')) FROM family_kk_history k) AS k,
            (SELECT count(*)::int FROM registry_history) AS n`,
  );
  return JSON.stringify(rows[0]);
}

/** The content of imported records without ids or timestamps, to compare two databases. */
async function contentChecksum(db: Db, refPrefix: string): Promise<{ sum: string; persons: number }> {
  const { rows } = await db.query<{ sum: string; persons: number }>(
    `SELECT md5(string_agg(concat_ws('|', p.nik, p.kk, p.full_name, p.birth_place, p.birth_date, p.sex, p.relationship, p.marital_status,
              p.presence, p.pregnant, p.documents_held::text, p.school_participation, p.education_level, p.work_status, p.work_sector,
              p.disability::text, p.chronic_illnesses::text, p.health_insurance::text, p.pip_kip, p.dukcapil_match, p.registry_status,
              p.desil, p.desil_source, p.desil_date, p.nik_warnings::text, p.village_code, p.version, h.import_ref, h.address, h.rt, h.rw,
              h.indicators::text, h.desil, h.desil_date, h.version, f.kk, f.version), E'\\n' ORDER BY p.nik)) AS sum, count(*)::int AS persons
     FROM persons p JOIN households h ON h.id = p.household_id LEFT JOIN families f ON f.id = p.family_id
     WHERE h.import_ref LIKE $1`,
    [`${refPrefix}%`],
  );
  return rows[0]!;
}

describe('POST /api/v1/registry/imports (CSV)', () => {
  it('imports a file with DTKS headers, rejects bad rows with a downloadable report, and is idempotent', async () => {
    let csv = extract(400, 'csv1');
    const [header] = csv.split(/\r?\n/);
    const cols = header!.split(',');
    const row = (values: Record<string, string>) => cols.map((c) => values[c] ?? '').join(',');
    const bad = [
      row({ NIK: '', NAMA: 'Tanpa NIK', JNS_KEL: 'L', KODE_DESA: CINUNUK }),
      row({ NIK: '3.20405E+15', NAMA: 'Angka Rusak', JNS_KEL: 'P', KODE_DESA: CINUNUK }),
      row({ NIK: '3204051507850001', NAMA: 'Desa Asing', JNS_KEL: 'L', KODE_DESA: '32.73.01.1001' }),
      row({ NIK: '3204051507850002', NAMA: 'Desil Tanpa Tanggal', JNS_KEL: 'L', KODE_DESA: '3204052004', DESIL_KESEJAHTERAAN: '3' }),
      row({ NIK: '3204051507850003', NAMA: 'Pria Hamil', JNS_KEL: 'L', KODE_DESA: CINUNUK, pregnant: 'ya' }),
    ];
    const firstNik = csv.split(/\r?\n/)[1]!.split(',')[0]!;
    const dup = csv.split(/\r?\n/)[1]!.replace(/^\d+,/, `${firstNik},`);
    csv = `${csv}${bad.join('\r\n')}\r\n${dup}\r\n`;

    const res = await upload(admin, csv);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const status = await finished(res.body.id);
    expect(status).toMatchObject({ status: 'done', rowsTotal: 406, rowsOk: 400, rowsRejected: 6 });
    expect(status.errorReportUrl!).toBe(`/api/v1/registry/imports/${res.body.id}/errors.csv`);

    const report = await admin.get(status.errorReportUrl!);
    expect(report.status).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    const lines = String(report.body).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('row,column,reason');
    const byColumn = lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','));
    expect(byColumn).toEqual(['402,nik', '403,nik', '404,village_code', '405,desil_date', '406,pregnant', '407,nik']);
    expect(lines[6]).toContain('row 2 ');

    // The imported people are there, registered, with their household's desil and date.
    const { rows } = await t.deps.db.query<{ n: number; registered: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE registry_status = 'registered')::int AS registered FROM persons p JOIN households h ON h.id = p.household_id WHERE h.import_ref LIKE 'SYN-csv1-%'`,
    );
    expect(rows[0]).toEqual({ n: 400, registered: 400 });

    const before = await registryChecksum(t.deps.db);
    const again = await upload(admin, csv, 'dtks-lagi.csv');
    expect(await finished(again.body.id)).toMatchObject({ status: 'done', rowsOk: 400, rowsRejected: 6 });
    expect(await registryChecksum(t.deps.db)).toBe(before);
  });

  it('survives a crash in the middle: resuming or rerunning leaves no duplicate and no half-applied row', async () => {
    const csv = extract(300, 'crash');
    const clean = await createTestApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-clean-')) });
    try {
      // The reference: the same file imported in one go on a fresh database.
      const ref = await queueImport(clean, csv);
      await runImport(clean.deps, ref, { batchSize: 40 });
      const expected = await contentChecksum(clean.deps.db, 'SYN-crash-');
      expect(expected.persons).toBe(300);

      // Crash after the third batch: three batches committed, nothing of the fourth.
      const id = await queueImport(t, csv);
      const crash = new Error('simulated crash');
      await expect(runImport(t.deps, id, { batchSize: 40, afterBatch: (n) => { if (n === 3) throw crash; } })).rejects.toBe(crash);
      const stopped = (await selectImportById(t.deps.db, id))!;
      expect(stopped).toMatchObject({ status: 'failed', rows_done: 120, batches_committed: 3 });
      const partial = await contentChecksum(t.deps.db, 'SYN-crash-');
      expect(partial.persons).toBe(120);
      // Each committed row is whole: the same persons as the first 120 rows of the clean import.
      const firstNiks = csv.split(/\r?\n/).slice(1, 121).map((l) => l.split(',')[0]);
      const { rows } = await t.deps.db.query<{ nik: string }>(`SELECT p.nik FROM persons p JOIN households h ON h.id = p.household_id WHERE h.import_ref LIKE 'SYN-crash-%' ORDER BY p.nik`);
      expect(rows.map((r) => r.nik)).toEqual([...firstNiks].sort());

      // Resume through the API: it continues after row 120.
      const resumed = await admin.post(`/api/v1/registry/imports/${id}/resume`, {}, ImportStatusView);
      expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
      expect(await finished(id)).toMatchObject({ status: 'done', rowsTotal: 300, rowsOk: 300, rowsRejected: 0 });
      expect(await contentChecksum(t.deps.db, 'SYN-crash-')).toEqual(expected);

      // Rerun after another crash: a new import of the same file changes nothing.
      const rerun = await queueImport(t, csv);
      await expect(runImport(t.deps, rerun, { batchSize: 40, afterBatch: (n) => { if (n === 2) throw crash; } })).rejects.toBe(crash);
      await runImport(t.deps, rerun, { batchSize: 40 });
      expect(await contentChecksum(t.deps.db, 'SYN-crash-')).toEqual(expected);
      expect((await selectImportById(t.deps.db, rerun))).toMatchObject({ status: 'done', rows_ok: 300 });
    } finally {
      await clean.close();
      fs.rmSync(clean.deps.config.dataDir, { recursive: true, force: true });
    }
  });

  describe('a first file into an empty registry, in bulk', () => {
    // Two apps of their own, each an empty registry: one for the clean load, one for the crash.
    // Built once, one after the other, and the load's steps run as tests of their own (as one
    // test, the two apps and three loads outran 60 s at load ~20).
    let a: TestApp;
    let b: TestApp;
    let csv: string;
    let firstData: string;
    let clean: string;
    let expected: { sum: string; persons: number };
    // the checks in two worker threads, as for a large file on a machine of 4 cores
    const bulk = { batchSize: 40, bulkMinRows: 100, workerMinRows: 0, checkThreads: 2 };
    beforeAll(async () => {
      csv = extract(300, 'bulk');
      firstData = csv.split(/\r?\n/)[1]!;
      csv = `${csv}${firstData}\r\n`; // row 302 repeats the NIK of row 2
      a = await createTestApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-bulk-')) });
      b = await createTestApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-bulk-')) });
    });
    afterAll(async () => {
      for (const app of [a, b]) {
        if (!app) continue;
        await app.close();
        fs.rmSync(app.deps.config.dataDir, { recursive: true, force: true });
      }
    });

    it('loads it whole: progress by batch, the duplicate NIK reported, every index dropped and built again, no staging table left', async () => {
      const indexes = async () => (await a.deps.db.query<{ d: string }>(
        `SELECT indexdef AS d FROM pg_indexes WHERE tablename IN ('persons', 'households', 'families') ORDER BY indexname`)).rows.map((r) => r.d);
      const indexesBefore = await indexes();
      clean = await queueImport(a, csv);
      const progress: number[] = [];
      await runImport(a.deps, clean, { ...bulk, onProgress: (p) => progress.push(p.rowsDone) });
      expect(await selectImportById(a.deps.db, clean)).toMatchObject({ status: 'done', rows_total: 301, rows_done: 301, rows_ok: 300, rows_rejected: 1, options: { bulk: 'applied' } });
      expect(progress).toEqual([0, 40, 80, 120, 160, 200, 240, 280, 301]);
      expected = await contentChecksum(a.deps.db, 'SYN-bulk-');
      expect(expected.persons).toBe(300);
      const { rows: errors } = await a.deps.db.query('SELECT row_no, column_name, reason_key, reason_params FROM registry_import_errors WHERE import_id = $1', [clean]);
      expect(errors).toEqual([{ row_no: 302, column_name: 'nik', reason_key: 'registry.import.duplicate_nik', reason_params: { row: 2 } }]);
      expect(await indexes()).toEqual(indexesBefore);
      expect((await a.deps.db.query(`SELECT 1 FROM pg_tables WHERE tablename LIKE 'registry_import_stage_%'`)).rows).toEqual([]);
    });

    it('records one creation entry per record type, which the records\' histories show', async () => {
      const { rows: history } = await a.deps.db.query<{ record_type: string; row_from: number; row_to: number; changes: unknown }>(
        `SELECT record_type, row_from, row_to, changes FROM registry_history WHERE source_type = 'import' ORDER BY record_type`);
      expect(history.map((h) => [h.record_type, h.row_from, h.row_to])).toEqual([['family', 2, 301], ['household', 2, 301], ['person', 2, 301]]);
      expect(history.find((h) => h.record_type === 'person')!.changes).toEqual({ created: 300 });
      const viewer = await a.as('kabupaten');
      const nik = firstData.split(',')[0]!;
      const person = (await viewer.get(`/api/v1/persons?nik=${nik}`, PersonSearchPage)).body.items[0]!;
      const personHistory = await viewer.get(`/api/v1/persons/${person.id}/history`, RegistryHistoryPage);
      expect(personHistory.body.items).toEqual([expect.objectContaining({ action: 'create', sourceType: 'import', sourceId: clean, reason: 'Impor crash.csv', changes: {} })]);
      const householdHistory = await viewer.get(`/api/v1/households/${person.householdId}/history`, RegistryHistoryPage);
      expect(householdHistory.body.items.map((i: { action: string; sourceType: string }) => [i.action, i.sourceType])).toEqual([['create', 'import'], ['create', 'import']]);
      const { rows: audit } = await a.deps.db.query<{ record_ids: string[]; details: Record<string, unknown> }>(
        `SELECT record_ids, details FROM audit_events WHERE action = 'registry.import_batch'`);
      expect(audit).toEqual([expect.objectContaining({ record_ids: [clean], details: expect.objectContaining({ created: 300, rowFrom: 2, rowTo: 301 }) })]);
    });

    it('gives the same records as the batch path (a registry already populated)', async () => {
      const batched = await queueImport(t, csv);
      await runImport(t.deps, batched, { batchSize: 1000 });
      expect(await selectImportById(t.deps.db, batched)).toMatchObject({ status: 'done', rows_ok: 300, rows_rejected: 1, options: { bulk: 'off' } });
      expect(await contentChecksum(t.deps.db, 'SYN-bulk-')).toEqual(expected);
    });

    it('after a crash after the third chunk, holds nothing in the registry yet, showed every phase while it ran, and resumes to the clean load', async () => {
      const id = await queueImport(b, csv);
      const crash = new Error('simulated crash');
      const bAdmin = await b.as('kabupaten');
      const during: ImportStatusView[] = [];
      await expect(runImport(b.deps, id, {
        ...bulk,
        afterBatch: async (n) => {
          if (n === 2) during.push((await bAdmin.get(`/api/v1/registry/imports/${id}`, ImportStatusView)).body);
          if (n === 3) throw crash;
        },
      })).rejects.toBe(crash);
      // While it ran, the status showed every phase, the rows staged so far and a time left.
      expect(during[0]).toMatchObject({ status: 'running', rowsDone: 80, secondsLeft: expect.any(Number) });
      expect(during[0]!.phases.map((p) => p.phase)).toEqual(['read', 'check', 'stage', 'apply', 'index']);
      expect(during[0]!.phases[2]).toEqual({ phase: 'stage', done: 80, total: 301 });
      expect(during[0]!.phases[1]!.done).toBeGreaterThanOrEqual(80);
      expect(during[0]!.phases.slice(3)).toEqual([{ phase: 'apply', done: 0, total: 1 }, { phase: 'index', done: 0, total: 1 }]);
      expect(await selectImportById(b.deps.db, id)).toMatchObject({ status: 'failed', rows_done: 120, rows_ok: 120, options: { bulk: 'staging' } });
      expect((await contentChecksum(b.deps.db, 'SYN-bulk-')).persons).toBe(0);
      await runImport(b.deps, id, bulk);
      expect(await selectImportById(b.deps.db, id)).toMatchObject({ status: 'done', rows_ok: 300, rows_rejected: 1 });
      expect(await contentChecksum(b.deps.db, 'SYN-bulk-')).toEqual(expected);
      expect((await b.deps.db.query('SELECT count(*)::int AS n FROM registry_import_errors WHERE import_id = $1', [id])).rows[0]).toEqual({ n: 1 });
    });

    it('takes the batch path for a second file into the now populated registry, which changes nothing', async () => {
      const before = await registryChecksum(b.deps.db);
      const again = await queueImport(b, csv);
      await runImport(b.deps, again, bulk);
      expect(await selectImportById(b.deps.db, again)).toMatchObject({ status: 'done', options: { bulk: 'off' } });
      expect(await registryChecksum(b.deps.db)).toBe(before);
    });
  });

  it('bulk: a duplicate NIK between two rows of a household leaves its indicators to the row after it, as the batch path does', async () => {
    // The staging leaves out a row's indicators when the row before it (here the rejected
    // duplicate) has the same: the row after the duplicate must still bring the duplicate's.
    const lines = extract(120, 'heir').split('\r\n');
    const header = lines[0]!.split(','), ref = header.indexOf('household_ref'), floor = header.indexOf('floor');
    const cells = (k: number) => lines[k]!.split(',');
    const i = lines.findIndex((l, k) => k > 0 && !l.includes('"') && !lines[k + 1]?.includes('"') && cells(k + 1)[ref] === l.split(',')[ref] && l.split(',')[floor] !== '');
    const other = lines.slice(1).map((l) => l.split(',')[floor]).find((f) => f && f !== cells(i)[floor])!;
    const withFloor = (k: number) => cells(k).map((c, n) => (n === floor ? other : c)).join(',');
    // the rest of the household gets another floor, and before it comes a repeat of the NIK before it with that floor
    for (let k = i + 1; cells(k)[ref] === cells(i)[ref]; k++) lines[k] = withFloor(k);
    lines.splice(i + 1, 0, withFloor(i));
    const csv = lines.join('\r\n');
    const c = await createTestApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-heir-')) });
    try {
      const bulk = await queueImport(c, csv);
      await runImport(c.deps, bulk, { batchSize: 40, bulkMinRows: 100 });
      expect(await selectImportById(c.deps.db, bulk)).toMatchObject({ status: 'done', rows_rejected: 1, options: { bulk: 'applied' } });
      const batched = await queueImport(t, csv);
      await runImport(t.deps, batched, { batchSize: 1000 });
      expect(await selectImportById(t.deps.db, batched)).toMatchObject({ status: 'done', rows_rejected: 1, options: { bulk: 'off' } });
      expect(await contentChecksum(c.deps.db, 'SYN-heir-')).toEqual(await contentChecksum(t.deps.db, 'SYN-heir-'));
      const { rows } = await c.deps.db.query<{ floor: string }>('SELECT indicators->>\'floor\' AS floor FROM households WHERE import_ref = $1', [cells(i)[ref]]);
      expect(rows).toEqual([{ floor: other }]);
    } finally {
      await c.close();
      fs.rmSync(c.deps.config.dataDir, { recursive: true, force: true });
    }
  });

  it('asks for a mapping of unknown headers, previews them, and imports with the mapping', async () => {
    const csv = 'Nomor Induk;Nama Warga;Kelamin;Kode Desa;Tgl Lahir\n3204054101700011;Iis Rohmah;P;3204052004;01-01-1970\n';
    const refused = await upload(admin, csv, 'warga.csv');
    expect(refused.status).toBe(400);
    expect(refused.error?.fields?.file).toContain('nik');
    expect(HeaderMappingView.parse(refused.error?.mapping).headers.map((h) => [h.header, h.column])).toEqual([
      ['Nomor Induk', null], ['Nama Warga', null], ['Kelamin', 'sex'], ['Kode Desa', 'village_code'], ['Tgl Lahir', 'birth_date'],
    ]);
    const { body, headers } = multipartBody({}, { name: 'warga.csv', content: csv });
    const preview = await admin.request('POST', '/api/v1/registry/imports/preview', body, headers, HeaderMappingView);
    expect(preview.status).toBe(200);
    expect(preview.body.missingRequired).toEqual(['nik', 'full_name']);
    expect(preview.body.canonicalColumns).toContain('full_name');

    const mapping = JSON.stringify({ 'Nomor Induk': 'nik', 'Nama Warga': 'full_name' });
    const ok = await upload(admin, csv, 'warga.csv', { mapping });
    expect(ok.status, JSON.stringify(ok.body)).toBe(202);
    expect(await finished(ok.body.id)).toMatchObject({ status: 'done', rowsOk: 1, rowsRejected: 0 });
    const found = await admin.get('/api/v1/persons?nik=3204054101700011', PersonSearchPage);
    expect(found.body.items[0]).toMatchObject({ fullName: 'Iis Rohmah', birthDate: '1970-01-01', sex: 'F', villageCode: CINUNUK });
    const mapped = await admin.get(`/api/v1/registry/imports/${ok.body.id}/headers`, HeaderMappingView);
    expect(mapped.body.headers[0]).toEqual({ header: 'Nomor Induk', column: 'nik', how: 'mapping' });
  });

  it('accepts BPS village codes through the crosswalk', async () => {
    await t.deps.db.query(`UPDATE areas SET bps_code = '3204190004' WHERE code = $1`, [SOREANG]);
    const csv = 'nik,full_name,sex,village_code_bps,desil,desil_date\n3204370202900021,Agus Setiawan,L,3204190004,4,2025-10-01\n';
    const res = await upload(admin, csv, 'bps.csv');
    expect(await finished(res.body.id)).toMatchObject({ status: 'done', rowsOk: 1 });
    const found = await (await t.as('puskesos.soreang')).get('/api/v1/persons?nik=3204370202900021', PersonSearchPage);
    expect(found.body.items[0]).toMatchObject({ villageCode: SOREANG, desil: 4, desilDate: '2025-10-01' });
  });

  it('refuses roles without registry.import, a non-spreadsheet file and a broken mapping', async () => {
    const officer = await t.as('puskesos.cinunuk');
    expect((await upload(officer, 'nik\n')).status).toBe(403);
    const binary = await upload(admin, Buffer.from([0, 1, 2, 3, 0, 0, 7]), 'x.bin');
    expect(binary.status).toBe(400);
    expect(binary.error?.fields?.file).toBeTruthy();
    const mapping = await upload(admin, 'nik,full_name,sex,village_code\n', 'x.csv', { mapping: '{broken' });
    expect(mapping.status).toBe(400);
    expect(mapping.error?.fields?.mapping).toBeTruthy();
    const unknown = await upload(admin, 'a,b\n', 'x.csv', { mapping: JSON.stringify({ a: 'shoe_size' }) });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.error?.fields ?? {})).toContain('mapping.a');
    expect((await admin.get(`/api/v1/registry/imports/${newId()}`, ImportStatusView)).status).toBe(404);
    const done = await admin.get('/api/v1/registry/imports', listOf(ImportStatusView));
    expect(done.body.items.length).toBeGreaterThan(0);
    const notFailed = await admin.post(`/api/v1/registry/imports/${done.body.items[0]!.id}/resume`, {}, ImportStatusView);
    expect(notFailed.status).toBe(409);
  });
});

describe('XLSX import', () => {
  it('reads an XLSX, keeps NIKs written as text, and flags a NIK that a numeric cell has mangled', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DTKS');
    ws.addRow(['NIK', 'NOKK', 'NAMA', 'JENIS_KELAMIN', 'TANGGAL_LAHIR', 'kode_kemdagri', 'desil_kesejahteraan', 'tanggal_desil']);
    ws.addRow(['3204055203880031', '3204051006120031', 'Lilis Suryani', 'Perempuan', new Date(Date.UTC(1988, 2, 12)), '32.04.05.2004', 5, '2025-10-01']);
    ws.addRow([3204051203880030, '3204051006120031', 'Dadan Hermawan', 'Laki-laki', '12-03-1988', '3204052004', 5, '2025-10-01']);
    ws.addRow([3204051303880041, '3204051006120031', 'Cecep Gunawan', 'L', '13/03/1988', '3204052004', 5, '2025-10-01']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(admin, buffer, 'dtks.xlsx');
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const status = await finished(res.body.id);
    expect(status).toMatchObject({ status: 'done', rowsTotal: 3, rowsOk: 2, rowsRejected: 1 });
    const report = String((await admin.get(status.errorReportUrl!)).body);
    expect(report).toContain('3,nik,');
    const lilis = await admin.get('/api/v1/persons?nik=3204055203880031', PersonSearchPage);
    expect(lilis.body.items[0]).toMatchObject({ fullName: 'Lilis Suryani', birthDate: '1988-03-12', desil: 5 });
    expect((await admin.get('/api/v1/persons?nik=3204051303880041', PersonSearchPage)).body.items).toHaveLength(1);
    expect(fs.readdirSync(importsDir(t.deps)).filter((f) => f.startsWith(res.body.id))).toEqual([]);
  });
});

async function queueImport(app: TestApp, csv: string): Promise<string> {
  const id = newId();
  fs.mkdirSync(importsDir(app.deps), { recursive: true });
  const file = path.join(importsDir(app.deps), `${id}.csv`);
  fs.writeFileSync(file, csv);
  const ctx = { kabCode: '3204', actorId: null, actorName: 'test', actorRoles: 'operator', clientAddr: 'test', requestId: null };
  await insertImport(app.deps.db, { id, kabCode: '3204', fileName: 'crash.csv', storedPath: file, format: 'csv', mapping: {}, options: {}, createdBy: null, createdByName: 'test', auditContext: ctx });
  return id;
}
