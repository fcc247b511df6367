import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_MAX_BYTES } from '@slrt/core';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.ts';
import { aCase, TINY_PNG } from '../cases/testing.ts';
import { CINUNUK, SOREANG } from '../registry/testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function multipart(file: Buffer, fileName: string, contentType = 'application/octet-stream') {
  const boundary = `----slrt${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(client: TestClient, caseId: string, kind: string, file: Buffer, fileName: string) {
  const { payload, contentType } = multipart(file, fileName);
  return client.request('POST', `/api/v1/cases/${caseId}/documents?kind=${kind}`, payload, { 'content-type': contentType });
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('documents of a case', () => {
  it('stores an upload under the data directory with its sha256, lists it on the case and serves it back', async () => {
    const c = await aCase(t.deps);
    const officer = await t.as('puskesos.cinunuk');
    const res = await upload(officer, c.id, 'sktm', PDF, 'SKTM warga.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'sktm', fileName: 'SKTM warga.pdf', mimeType: 'application/pdf', sizeBytes: PDF.length, uploadedBy: { name: 'Petugas Puskesos Cinunuk' } });
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const { rows } = await t.deps.db.query<{ storage_key: string; kab_code: string; village_code: string }>('SELECT storage_key, kab_code, village_code FROM documents WHERE id = $1', [res.body.id]);
    expect(rows[0]).toMatchObject({ kab_code: '3204', village_code: CINUNUK });
    const onDisk = path.join(t.deps.config.dataDir, 'documents', rows[0]!.storage_key);
    expect(fs.readFileSync(onDisk)).toEqual(PDF);
    expect(fs.readdirSync(path.join(t.deps.config.dataDir, 'documents', 'tmp'))).toEqual([]);

    const view = (await officer.get(`/api/v1/cases/${c.id}`)).body;
    expect(view.documents).toEqual([expect.objectContaining({ id: res.body.id, kind: 'sktm' })]);
    expect(view.timeline.at(-1)).toMatchObject({ action: 'document_attached', details: { kind: 'sktm' } });

    const got = await (await t.as('kabupaten')).get(`/api/v1/cases/${c.id}/documents/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.raw.rawPayload).toEqual(PDF);
    const audit = await t.deps.db.query<{ action: string }>('SELECT action FROM audit_events WHERE $1 = ANY(record_ids) ORDER BY seq', [res.body.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['document.attach', 'document.read']);
  });

  it('takes the type from the bytes, not the name, and refuses other types and oversize files', async () => {
    const c = await aCase(t.deps);
    const officer = await t.as('puskesos.cinunuk');
    const png = await upload(officer, c.id, 'house_photo', TINY_PNG, 'rumah.pdf');
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ mimeType: 'image/png', fileName: 'rumah.png' });
    const html = await upload(officer, c.id, 'ktp', Buffer.from('<html><script>alert(1)</script></html>'), 'ktp.jpg');
    expect(html.status).toBe(415);
    expect(html.body.error.code).toBe('unsupported_media');
    const big = Buffer.concat([PDF, Buffer.alloc(DOCUMENT_MAX_BYTES)]);
    const tooBig = await upload(officer, c.id, 'medical_letter', big, 'besar.pdf');
    expect(tooBig.status).toBe(413);
    const badKind = await upload(officer, c.id, 'passport', PDF, 'x.pdf');
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.fields).toHaveProperty('kind');
    const json = await officer.post(`/api/v1/cases/${c.id}/documents?kind=ktp`, { file: 'x' });
    expect(json.status).toBe(415);
    const { rows } = await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents WHERE owner_id = $1', [c.id]);
    expect(rows[0]!.n).toBe(1);
    expect(fs.readdirSync(path.join(t.deps.config.dataDir, 'documents', 'tmp'))).toEqual([]);
  });

  it('returns the first document when the same file is sent twice (a retry)', async () => {
    const c = await aCase(t.deps);
    const officer = await t.as('puskesos.cinunuk');
    const a = await upload(officer, c.id, 'kk', PDF, 'kk.pdf');
    const b = await upload(officer, c.id, 'kk', PDF, 'kk-lagi.pdf');
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body.id).toBe(a.body.id);
  });

  it('goes through the owning case: 404 outside its area, 403 without the permission; removal hides it', async () => {
    const c = await aCase(t.deps);
    const officer = await t.as('puskesos.cinunuk');
    const doc = (await upload(officer, c.id, 'ktp', TINY_PNG, 'ktp.png')).body;
    const soreang = await t.as('puskesos.soreang');
    expect((await soreang.get(`/api/v1/cases/${c.id}/documents/${doc.id}`)).status).toBe(404);
    expect((await upload(soreang, c.id, 'ktp', PDF, 'x.pdf')).status).toBe(404);
    expect((await (await t.as('eksekutif')).get(`/api/v1/cases/${c.id}/documents/${doc.id}`)).status).toBe(403);
    const other = await aCase(t.deps, { village: SOREANG, as: 'puskesos.soreang' });
    // a document id under another case is not found
    expect((await soreang.get(`/api/v1/cases/${other.id}/documents/${doc.id}`)).status).toBe(404);
    expect((await officer.delete(`/api/v1/cases/${c.id}/documents/${doc.id}`)).status).toBe(200);
    expect((await officer.get(`/api/v1/cases/${c.id}/documents/${doc.id}`)).status).toBe(404);
    expect((await officer.get(`/api/v1/cases/${c.id}`)).body.documents).toEqual([]);
  });

  it('accepts no new documents on a closed case', async () => {
    const c = await aCase(t.deps);
    const officer = await t.as('puskesos.cinunuk');
    await officer.post(`/api/v1/cases/${c.id}/close`, { reason: 'withdrawn' });
    const res = await upload(officer, c.id, 'ktp', PDF, 'x.pdf');
    expect(res.status).toBe(409);
    expect(fs.readdirSync(path.join(t.deps.config.dataDir, 'documents', 'tmp'))).toEqual([]);
  });
});
