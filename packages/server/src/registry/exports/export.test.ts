import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CODE_LIST_NAMES, codesOf } from '@slrt/core';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { aHousehold, aPerson, CILEUNYI_WETAN, CINUNUK, DAYEUHKOLOT } from '../testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/v1/registry/export', () => {
  it('exports the caller\'s scope as CSV in the canonical layout, audited', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK, desil: 3, desilDate: '2025-07-01', indicators: { floor: 'earth', assets: [] } });
    const inside = await aPerson(t.deps.db, { household: h, fullName: 'Ani "Neng" Suryani', sex: 'F', disability: { walking: 'some' } });
    const wetan = await aPerson(t.deps.db, { village: CILEUNYI_WETAN, fullName: 'Budi Wetan', sex: 'M', birthDate: '1970-01-01' });
    const outside = await aPerson(t.deps.db, { village: DAYEUHKOLOT, fullName: 'Orang Luar', sex: 'M' });
    const sup = await t.as('supervisor.cileunyi');
    const res = await sup.get('/api/v1/registry/export?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="registri-/);
    const text = String(res.body).replace(/^\uFEFF/, '');
    const [header, ...lines] = text.trim().split('\n');
    expect(header!.startsWith('nik,kk,full_name,sex,birth_place,birth_date,relationship,marital_status,village_code')).toBe(true);
    expect(header).toContain('disability_walking');
    expect(text).toContain(inside.nik!);
    expect(text).toContain(wetan.nik!);
    expect(text).not.toContain(outside.nik!);
    expect(text).toContain('"Ani ""Neng"" Suryani"');
    const row = lines.find((l) => l.startsWith(inside.nik!))!.split(',');
    const col = (name: string) => row[header!.split(',').indexOf(name)];
    expect(col('desil')).toBe('3');
    expect(col('desil_date')).toBe('2025-07-01');
    expect(col('floor')).toBe('earth');
    expect(col('assets')).toBe('-');
    expect(col('disability_walking')).toBe('some');
    const { rows } = await t.deps.db.query<{ record_ids: string[]; purpose: string }>(`SELECT record_ids, purpose FROM audit_events WHERE action = 'registry.export' ORDER BY seq`);
    expect(rows.at(-1)!.purpose).toBe('registry.export');
    expect(rows.flatMap((r) => r.record_ids)).toEqual(expect.arrayContaining([inside.id, wetan.id]));
    expect(rows.flatMap((r) => r.record_ids)).not.toContain(outside.id);
  });

  it('narrows to an area and streams XLSX with NIKs as text', async () => {
    const p = await aPerson(t.deps.db, { village: CILEUNYI_WETAN, fullName: 'Xlsx Person', sex: 'M', birthDate: '1999-09-09' });
    const res = await (await t.as('kabupaten')).request('GET', `/api/v1/registry/export?format=xlsx&area=${CILEUNYI_WETAN}`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from([res.raw.rawPayload]));
    const ws = wb.worksheets[0]!;
    const rows = ws.getRows(2, ws.rowCount - 1) ?? [];
    expect(rows.map((r) => r.getCell(1).text)).toContain(p.nik);
    for (const r of rows) {
      // NIK and KK: text-formatted cells, so that no spreadsheet turns them into numbers
      expect(r.getCell(1).numFmt).toBe('@');
      expect(r.getCell(2).numFmt).toBe('@');
      expect(r.getCell(1).text).toMatch(/^\d{16}$/);
    }
    expect(new Set(rows.map((r) => r.getCell(9).text))).toEqual(new Set([CILEUNYI_WETAN]));
    // strings inline (t="inlineStr"), never formula strings (t="str")
    const sheetXml = strFromU8(unzipSync(new Uint8Array(res.raw.rawPayload))['xl/worksheets/sheet1.xml']!);
    expect(sheetXml).toContain('t="inlineStr"');
    expect(sheetXml).not.toContain('t="str"');
  });

  it('writes the readable file for people on labels=1: headers and coded values as labels in the asked language, the village named (issue 12 item 7)', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK, indicators: { floor: 'earth', assets: [], ownsLand: true } });
    const p = await aPerson(t.deps.db, { household: h, fullName: 'Iis Label', sex: 'F', healthInsurance: ['pbi_jkn'], disability: { walking: 'a_lot' }, relationship: 'spouse' });
    const sup = await t.as('supervisor.cileunyi');
    const read = async (lang: 'id' | 'en') => {
      const res = await sup.get(`/api/v1/registry/export?format=csv&area=${CINUNUK}&labels=1&lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toMatch(new RegExp(`-label-${lang}\\.csv"$`));
      const rows = parse(String(res.body), { columns: true, bom: true }) as Array<Record<string, string>>;
      return rows.find((r) => Object.values(r).includes(p.nik!))!;
    };
    const id = await read('id');
    expect(id).toMatchObject({
      'Nama lengkap': 'Iis Label', 'Jenis kelamin': 'Perempuan', 'Hubungan dengan kepala keluarga': 'Istri/suami', 'Desa/kelurahan': CINUNUK,
      'Nama desa/kelurahan': 'Cinunuk', 'Jaminan kesehatan': 'BPJS Kesehatan/JKN PBI', 'Jenis lantai': 'Tanah', 'Aset': 'Tidak ada', 'Memiliki lahan': 'Ya',
    });
    expect(Object.entries(id).find(([k]) => k.startsWith('Disabilitas: Berjalan'))?.[1]).toBe('Banyak kesulitan');
    const en = await read('en');
    expect(en).toMatchObject({ 'Full name': 'Iis Label', Sex: 'Female', 'Relationship to the head': 'Spouse', 'Health insurance': 'JKN, contributions paid by government (PBI)', 'Owns land': 'Yes' });
    // no code of a code list is left, in either language
    const codes = new Set(CODE_LIST_NAMES.flatMap((l) => codesOf(l)).filter((c) => c.includes('_')));
    for (const row of [id, en]) expect(Object.values(row).flatMap((v) => v.split('; ')).filter((v) => codes.has(v))).toEqual([]);
    // without labels=1 the file is the import layout, codes and all
    const plain = await sup.get(`/api/v1/registry/export?format=csv&area=${CINUNUK}`);
    expect(String(plain.body)).toContain('pbi_jkn');
    expect(String(plain.body).replace(/^\uFEFF/, '').startsWith('nik,kk,full_name,sex,')).toBe(true);
  });

  it('writes the readable file as XLSX too', async () => {
    const p = await aPerson(t.deps.db, { village: CILEUNYI_WETAN, fullName: 'Xlsx Label', sex: 'M' });
    const res = await (await t.as('kabupaten')).request('GET', `/api/v1/registry/export?format=xlsx&area=${CILEUNYI_WETAN}&labels=1&lang=en`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from([res.raw.rawPayload]));
    const ws = wb.worksheets[0]!;
    const header = Array.from({ length: ws.getRow(1).cellCount }, (_, i) => ws.getRow(1).getCell(i + 1).text);
    expect(header.slice(0, 4)).toEqual(['NIK', 'KK number', 'Full name', 'Sex']);
    const row = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).text === p.nik)!;
    expect(row.getCell(header.indexOf('Sex') + 1).text).toBe('Male');
  });

  it('refuses roles without registry.export (403) and an area outside the kabupaten (400)', async () => {
    expect((await (await t.as('puskesos.cinunuk')).get('/api/v1/registry/export')).status).toBe(403);
    expect((await (await t.as('eksekutif')).get('/api/v1/registry/export')).status).toBe(403);
    const bad = await (await t.as('kabupaten')).get('/api/v1/registry/export?area=32.73');
    expect(bad.status).toBe(400);
    expect(bad.error?.fields?.area).toBeTruthy();
    const format = await (await t.as('kabupaten')).get('/api/v1/registry/export?format=pdf');
    expect(format.status).toBe(400);
    expect((await (await t.as('kabupaten')).get('/api/v1/registry/export?labels=1&lang=fr')).status).toBe(400);
  });
});
