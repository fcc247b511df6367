import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrivacyRecord } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { pdfText } from '../letters/pdf-text.ts';

/** The record of processing and the DPIA: generated from the configuration, versioned. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('records for the regulator', () => {
  it('generates the record of processing from the configuration, and a new version only when it changed', async () => {
    const dpo = await t.as('dpo');
    const first = await dpo.post<PrivacyRecord>('/api/v1/privacy/records', { kind: 'ropa' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ kind: 'ropa', version: 1 });
    const text = await pdfText((await dpo.get(`/api/v1/privacy/records/${first.body.id}/pdf`)).raw.rawPayload);
    expect(text).toContain('CATATAN KEGIATAN PEMROSESAN DATA PRIBADI');
    expect(text).toContain('Dinas Kesehatan Kabupaten Bandung');
    expect(text).toContain('closed_case: 1825 hari');
    // the programs households are screened for and enrolled in
    expect(text).toContain('PKH - ');
    expect(text).toContain('audit_event: 3650 hari, lalu dihapus');

    const same = await dpo.post<PrivacyRecord>('/api/v1/privacy/records', { kind: 'ropa' });
    expect(same.status).toBe(200);
    expect(same.body.id).toBe(first.body.id);

    expect((await dpo.put('/api/v1/privacy/retention/closed_case', { keepDays: 3650 })).status).toBe(200);
    const second = await dpo.post<PrivacyRecord>('/api/v1/privacy/records', { kind: 'ropa' });
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);
    expect(await pdfText((await dpo.get(`/api/v1/privacy/records/${second.body.id}/pdf`)).raw.rawPayload)).toContain('closed_case: 3650 hari');
    // the first version stays as it was
    expect(await pdfText((await dpo.get(`/api/v1/privacy/records/${first.body.id}/pdf`)).raw.rawPayload)).toContain('closed_case: 1825 hari');

    const dpia = await dpo.post<PrivacyRecord>('/api/v1/privacy/records', { kind: 'dpia' });
    expect(dpia.status).toBe(201);
    expect(await pdfText((await dpo.get(`/api/v1/privacy/records/${dpia.body.id}/pdf`)).raw.rawPayload)).toContain('Identifikasi ulang dari statistik');

    const list = await (await t.as('auditor')).get<{ items: PrivacyRecord[] }>('/api/v1/privacy/records');
    expect(list.body.items.map((r) => `${r.kind} v${r.version}`)).toEqual(['dpia v1', 'ropa v2', 'ropa v1']);
    expect((await (await t.as('auditor')).post('/api/v1/privacy/records', { kind: 'ropa' })).status).toBe(403);
    const bad = await dpo.post('/api/v1/privacy/records', { kind: 'other' });
    expect(Object.keys(bad.body.error.fields)).toEqual(['kind']);
  });
});
