import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetentionRule, RetentionRunReport } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CINUNUK, contextAs } from '../registry/testing.ts';
import { aCase, aCaseDocument } from '../cases/testing.ts';
import { applyCaseAction } from '../cases/workflow.ts';
import { documentsRoot } from '../documents/storage.ts';
import { dailyRetention } from './retention.ts';

/**
 * Retention through the API on aged data: closed cases, their documents and inactive persons
 * past the schedule are anonymized or deleted in batches with an audit event each; what a
 * legal hold, a pending request or an open case covers stays; a dry run changes nothing.
 */

let t: TestApp;
const SIX_YEARS = "interval '6 years'";

async function closedCase(opts: { fullName: string; withDocument?: boolean }) {
  const person = await aPerson(t.deps.db, { village: CINUNUK, fullName: opts.fullName });
  const c = await aCase(t.deps, { person });
  const doc = opts.withDocument ? await aCaseDocument(t.deps, c.id) : null;
  await applyCaseAction(t.deps, await contextAs(t.deps, 'puskesos.cinunuk'), c.id, 'close_at_front_office', { feedback: 'Informasi sudah diberikan.' });
  await t.deps.db.query(`UPDATE cases SET closed_at = closed_at - ${SIX_YEARS}, registered_at = registered_at - ${SIX_YEARS} WHERE id = $1`, [c.id]);
  return { person, c, documentId: doc?.id ?? null };
}

const complaint = async (id: string) => (await t.deps.db.query<{ complaint: string }>('SELECT complaint FROM cases WHERE id = $1', [id])).rows[0]!.complaint;

let plain: Awaited<ReturnType<typeof closedCase>>;
let onHold: Awaited<ReturnType<typeof closedCase>>;
let withRequest: Awaited<ReturnType<typeof closedCase>>;
let stillOpen: Awaited<ReturnType<typeof closedCase>>;
let documentId: string;
let storageKey: string;
let inactiveId: string;

beforeAll(async () => {
  t = await createTestApp();
  plain = await closedCase({ fullName: 'Ade Sutisna', withDocument: true });
  documentId = plain.documentId!;
  storageKey = (await t.deps.db.query<{ storage_key: string }>('SELECT storage_key FROM documents WHERE id = $1', [documentId])).rows[0]!.storage_key;
  onHold = await closedCase({ fullName: 'Bambang Hermawan' });
  withRequest = await closedCase({ fullName: 'Cecep Supriatna' });
  stillOpen = await closedCase({ fullName: 'Dadang Suherman' });
  await aCase(t.deps, { person: stillOpen.person });
  const dpo = await t.as('dpo');
  expect((await dpo.post('/api/v1/privacy/legal-holds', { personId: onHold.person.id, reason: 'Sengketa di pengadilan' })).status).toBe(201);
  expect((await dpo.post('/api/v1/data-requests', { personId: withRequest.person.id, kind: 'deletion', channel: 'letter', details: 'Hapus data.' })).status).toBe(201);
  const inactive = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Entin Kartini', registryStatus: 'inactive', inactiveReason: 'moved' });
  inactiveId = inactive.id;
  await t.deps.db.query(`UPDATE persons SET updated_at = now() - interval '11 years' WHERE id = $1`, [inactiveId]);
});
afterAll(() => t.close());

const item = (r: RetentionRunReport, type: string) => r.items.find((i) => i.recordType === type)!;

describe('retention', () => {
  it('lists the schedule with its defaults; the DPO sets a period, others may not', async () => {
    const res = await (await t.as('auditor')).get<{ rules: RetentionRule[] }>('/api/v1/privacy/retention');
    expect(res.status).toBe(200);
    expect(res.body.rules.map((r) => r.recordType)).toEqual(['closed_case', 'document', 'inactive_person', 'referral_text', 'registry_history', 'audit_event']);
    const dpo = await t.as('dpo');
    const set = await dpo.put<{ rules: RetentionRule[] }>('/api/v1/privacy/retention/closed_case', { keepDays: 1825 });
    expect(set.status).toBe(200);
    expect(set.body.rules[0]).toEqual({ recordType: 'closed_case', keepDays: 1825, action: 'anonymize' });
    const bad = await dpo.put('/api/v1/privacy/retention/closed_case', { keepDays: 5 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['keepDays']);
    expect((await dpo.put('/api/v1/privacy/retention/everything', { keepDays: 400 })).status).toBe(400);
    expect((await (await t.as('auditor')).put('/api/v1/privacy/retention/closed_case', { keepDays: 400 })).status).toBe(403);
    expect((await (await t.as('auditor')).post('/api/v1/privacy/retention/runs', { dryRun: true })).status).toBe(403);
  });

  it('a dry run lists what would go and what is held, and changes nothing', async () => {
    const res = await (await t.as('dpo')).post<RetentionRunReport>('/api/v1/privacy/retention/runs', { dryRun: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.dryRun).toBe(true);
    expect(item(res.body, 'closed_case')).toMatchObject({ due: 4, held: 3, done: 0, batches: 0 });
    expect(item(res.body, 'closed_case').sample).toEqual([plain.c.code]);
    expect(item(res.body, 'document')).toMatchObject({ due: 1, held: 0, done: 0 });
    expect(item(res.body, 'inactive_person')).toMatchObject({ due: 1, held: 0, done: 0 });
    expect(await complaint(plain.c.id)).not.toMatch(/retensi/);
  });

  it('a run anonymizes and deletes in batches with an audit event each, and leaves held data alone', async () => {
    const res = await (await t.as('dpo')).post<RetentionRunReport>('/api/v1/privacy/retention/runs', { dryRun: false, batchSize: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(item(res.body, 'closed_case')).toMatchObject({ due: 4, held: 3, done: 1, batches: 1 });
    expect(item(res.body, 'document')).toMatchObject({ done: 1 });
    expect(item(res.body, 'inactive_person')).toMatchObject({ done: 1 });

    expect(await complaint(plain.c.id)).toBe('[dihapus sesuai jadwal retensi]');
    const needs = await t.deps.db.query<{ request: string }>('SELECT request FROM case_needs WHERE case_id = $1', [plain.c.id]);
    expect(needs.rows.every((n) => n.request === '[dihapus sesuai jadwal retensi]')).toBe(true);
    for (const kept of [onHold, withRequest, stillOpen]) expect(await complaint(kept.c.id)).toBe('Anak sakit dan tidak ada biaya berobat.');

    const doc = (await t.deps.db.query<{ deleted_at: Date | null }>('SELECT deleted_at FROM documents WHERE id = $1', [documentId])).rows[0]!;
    expect(doc.deleted_at).not.toBeNull();
    expect(existsSync(path.join(documentsRoot(t.deps.config.dataDir), storageKey))).toBe(false);

    const person = (await t.deps.db.query<{ full_name: string; nik: string | null }>('SELECT full_name, nik FROM persons WHERE id = $1', [inactiveId])).rows[0]!;
    expect(person).toEqual({ full_name: 'ANONIM', nik: null });

    const events = await t.deps.db.query<{ action: string; details: { runId: string; count: number } }>(
      `SELECT action, details FROM audit_events WHERE action LIKE 'retention.%' AND details->>'runId' = $1 ORDER BY seq`, [res.body.id],
    );
    expect(events.rows.map((e) => e.action).sort()).toEqual(['retention.anonymize', 'retention.anonymize', 'retention.delete']);

    // nothing left: the next run (the daily job) finds nothing new
    expect(await dailyRetention(t.deps)).toBe(0);
  });
});
