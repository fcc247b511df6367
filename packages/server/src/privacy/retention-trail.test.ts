import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetentionRunReport } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CINUNUK, type BuiltPerson } from '../registry/testing.ts';
import { aReferral } from '../referrals/testing.ts';
import { writeHistory } from '../registry/history-queries.ts';
import { newId } from '../db/ids.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import { retentionJob } from './retention.ts';

/**
 * Retention of the record types that are append-only or belong to another domain, on aged
 * data: the free text of closed referrals (reasons, notes, what a link's holder typed), the
 * registry history's values, and the audit trail, removed as signed gaps so that the chain
 * still verifies. A legal hold keeps a person's referral, history and audit events.
 */

let t: TestApp;
const REMOVED = '[dihapus sesuai jadwal retensi]';
const AGED = "interval '6 years'";

interface Resident {
  person: BuiltPerson;
  referralId: string;
  caseId: string;
  historyId: string;
}

async function aResidentWithClosedReferral(fullName: string): Promise<Resident> {
  const person = await aPerson(t.deps.db, { village: CINUNUK, fullName });
  const r = await aReferral(t.deps, { person, input: { reason: `Rujukan berobat untuk ${fullName}.` } });
  const declined = await (await t.as('mitra.dinkes')).post(`/api/v1/referrals/${r.id}/decline`, { reason: `Kuota penuh untuk ${fullName}.` });
  expect(declined.status, JSON.stringify(declined.body)).toBe(200);
  // what the holder of a signed link typed, on the referral's timeline
  await t.deps.db.query(
    `INSERT INTO referral_events (id, kab_code, village_code, referral_id, actor_name, actor_position, actor_kind, action, note)
     VALUES ($1, '3204', $2, $3, 'Bidan Yuyun', 'Bidan desa', 'link', 'noted', $4)`,
    [newId(), CINUNUK, r.id, `Catatan tentang ${fullName}.`],
  );
  await t.deps.db.query(
    `UPDATE cases SET status = 'closed', closed_at = now() - ${AGED}, close_reason = 'Selesai.' , resolved_at = NULL WHERE id = $1`, [r.caseId],
  );
  const historyId = newId();
  await writeHistory(t.deps.db, [{
    kabCode: '3204', villageCode: CINUNUK, recordType: 'person', recordId: person.id, action: 'update', actorId: null, actorName: 'Operator',
    reason: `Koreksi nama ${fullName}`, source: { type: 'officer' }, changes: { fullName: { old: `${fullName} Lama`, new: fullName } },
  }]);
  const { rows } = await t.deps.db.query<{ id: string }>('SELECT id FROM registry_history WHERE record_id = $1 ORDER BY at DESC LIMIT 1', [person.id]);
  return { person, referralId: r.id, caseId: r.caseId, historyId: rows[0]?.id ?? historyId };
}

let plain: Resident;
let held: Resident;

beforeAll(async () => {
  t = await createTestApp();
  plain = await aResidentWithClosedReferral('Asep Saepudin');
  held = await aResidentWithClosedReferral('Iis Rohaeti');
  const dpo = await t.as('dpo');
  expect((await dpo.post('/api/v1/privacy/legal-holds', { personId: held.person.id, reason: 'Pemeriksaan inspektorat' })).status).toBe(201);
  // registry history is append-only: its age is set as the table's owner would, the trigger off
  await t.asOwner(async (tx) => {
    await tx.query('ALTER TABLE registry_history DISABLE TRIGGER registry_history_no_change');
    await tx.query(`UPDATE registry_history SET at = at - interval '11 years' WHERE id = ANY($1::uuid[])`, [[plain.historyId, held.historyId]]);
    await tx.query('ALTER TABLE registry_history ENABLE TRIGGER registry_history_no_change');
  });
  // a read of each resident, so the trail names them
  const officer = await t.as('puskesos.cinunuk');
  for (const r of [plain, held]) expect((await officer.get(`/api/v1/persons/${r.person.id}`)).status).toBe(200);
  for (const type of ['audit_event', 'registry_history']) expect((await dpo.put(`/api/v1/privacy/retention/${type}`, { keepDays: 365 })).status).toBe(200);
});
afterAll(() => t.close());

const item = (r: RetentionRunReport, type: string) => r.items.find((i) => i.recordType === type)!;
const referral = async (id: string) => (await t.deps.db.query<{ reason: string; decline_reason: string; contact_phone: string | null }>(
  'SELECT reason, decline_reason, contact_phone FROM referrals WHERE id = $1', [id])).rows[0]!;
const linkEvent = async (id: string) => (await t.deps.db.query<{ actor_name: string; actor_position: string | null; note: string | null }>(
  `SELECT actor_name, actor_position, note FROM referral_events WHERE referral_id = $1 AND actor_kind = 'link'`, [id])).rows[0]!;
const history = async (id: string) => (await t.deps.db.query<{ changes: unknown; reason: string | null; redacted_at: Date | null; actor_name: string }>(
  'SELECT changes, reason, redacted_at, actor_name FROM registry_history WHERE id = $1', [id])).rows[0]!;
const eventsNaming = async (personId: string) => Number((await t.deps.db.query<{ n: string }>(
  `SELECT count(*) AS n FROM audit_events WHERE details -> 'subjects' -> 'persons' ? $1`, [personId])).rows[0]!.n);

describe('retention of referral text, registry history and the audit trail', () => {
  it('lists all six record types in the schedule', async () => {
    const res = await (await t.as('auditor')).get<{ rules: Array<{ recordType: string; action: string }> }>('/api/v1/privacy/retention');
    expect(res.body.rules.map((r) => [r.recordType, r.action])).toEqual([
      ['closed_case', 'anonymize'], ['document', 'delete'], ['inactive_person', 'anonymize'],
      ['referral_text', 'anonymize'], ['registry_history', 'anonymize'], ['audit_event', 'delete'],
    ]);
  });

  it('a dry run lists the aged referrals and history, holds the held person\'s, and changes nothing', async () => {
    const res = await (await t.as('dpo')).post<RetentionRunReport>('/api/v1/privacy/retention/runs', { dryRun: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const plainNumber = (await t.deps.db.query<{ number: string }>('SELECT number FROM referrals WHERE id = $1', [plain.referralId])).rows[0]!.number;
    expect(item(res.body, 'referral_text')).toMatchObject({ due: 2, held: 1, done: 0, sample: [plainNumber] });
    expect(item(res.body, 'registry_history')).toMatchObject({ due: 2, held: 1, done: 0 });
    // nothing in this fresh trail is a year old yet
    expect(item(res.body, 'audit_event')).toMatchObject({ due: 0, done: 0 });
    expect((await referral(plain.referralId)).reason).toBe('Rujukan berobat untuk Asep Saepudin.');
  });

  it('a run removes the free text of closed referrals and the values of old history, and leaves the held person\'s', async () => {
    const res = await (await t.as('dpo')).post<RetentionRunReport>('/api/v1/privacy/retention/runs', { dryRun: false, batchSize: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(item(res.body, 'referral_text')).toMatchObject({ due: 2, held: 1, done: 1, batches: 1 });
    expect(item(res.body, 'registry_history')).toMatchObject({ done: 1, batches: 1 });

    expect(await referral(plain.referralId)).toEqual({ reason: REMOVED, decline_reason: REMOVED, contact_phone: null });
    expect(await linkEvent(plain.referralId)).toEqual({ actor_name: REMOVED, actor_position: null, note: null });
    expect((await referral(held.referralId)).reason).toBe('Rujukan berobat untuk Iis Rohaeti.');
    expect(await linkEvent(held.referralId)).toEqual({ actor_name: 'Bidan Yuyun', actor_position: 'Bidan desa', note: 'Catatan tentang Iis Rohaeti.' });

    const redacted = await history(plain.historyId);
    expect(redacted).toMatchObject({ changes: { fullName: { old: null, new: null } }, reason: null, actor_name: 'Operator' });
    expect(redacted.redacted_at).not.toBeNull();
    expect(await history(held.historyId)).toMatchObject({ changes: { fullName: { old: 'Iis Rohaeti Lama', new: 'Iis Rohaeti' } }, redacted_at: null });

    const events = await t.deps.db.query<{ action: string; record_type: string }>(
      `SELECT action, record_type FROM audit_events WHERE details->>'runId' = $1 AND action LIKE 'retention.%' ORDER BY seq`, [res.body.id]);
    expect(events.rows).toEqual(expect.arrayContaining([{ action: 'retention.anonymize', record_type: 'referral' }, { action: 'retention.anonymize', record_type: 'registry_history' }]));
  });

  it('registry history stays append-only for everything but the redaction', async () => {
    const refusal = /append-only|permission denied/;
    await expect(t.deps.db.query(`UPDATE registry_history SET reason = 'x' WHERE id = $1`, [held.historyId])).rejects.toThrow(refusal);
    await expect(t.deps.db.query(
      `UPDATE registry_history SET changes = '{}'::jsonb, reason = NULL, redacted_at = now() WHERE id = $1`, [held.historyId])).rejects.toThrow(refusal);
    await expect(t.deps.db.query('DELETE FROM registry_history WHERE id = $1', [plain.historyId])).rejects.toThrow(refusal);
  });

  it('on aged data, the audit trail loses its old events as signed gaps, keeps the held person\'s, and still verifies', async () => {
    const before = await verifyAuditChain(t.deps.db, '3204', t.deps.config.auditKey);
    expect(before.ok).toBe(true);
    const heldEvents = await eventsNaming(held.person.id);
    expect(heldEvents).toBeGreaterThan(0);
    expect(await eventsNaming(plain.person.id)).toBeGreaterThan(0);
    const later = new Date(Date.now() + 2 * 365 * 86_400_000); // two years on, everything of today is past a year

    const dry = await retentionJob(t.deps, '3204', { dryRun: true, batchSize: 500, now: later });
    const listed = item(dry, 'audit_event');
    expect(listed.due).toBeGreaterThan(listed.held);
    expect(listed.held).toBeGreaterThanOrEqual(heldEvents);
    expect(listed.sample.length).toBeGreaterThan(0);

    const run = await retentionJob(t.deps, '3204', { dryRun: false, batchSize: 5, now: later });
    const removed = item(run, 'audit_event');
    // the dry run leaves out the chain head; once this run's first batch event follows it, it goes too
    expect(removed.done).toBeGreaterThanOrEqual(listed.due - listed.held);
    expect(removed.done).toBeLessThanOrEqual(listed.due - listed.held + 1);
    expect(removed.batches).toBe(Math.ceil(removed.done / 5));
    expect(removed.batches).toBeGreaterThan(1);
    expect(await eventsNaming(plain.person.id)).toBe(0);
    expect(await eventsNaming(held.person.id)).toBe(heldEvents);

    const gaps = await t.deps.db.query<{ n: string }>('SELECT count(*) AS n FROM audit_chain_gaps WHERE run_id = $1', [run.id]);
    expect(Number(gaps.rows[0]!.n)).toBeGreaterThan(0);
    const batchEvents = await t.deps.db.query<{ details: { gaps: unknown[]; count: number } }>(
      `SELECT details FROM audit_events WHERE action = 'retention.delete' AND details->>'runId' = $1`, [run.id]);
    expect(batchEvents.rows).toHaveLength(removed.batches);
    expect(batchEvents.rows.reduce((n, e) => n + e.details.count, 0)).toBe(removed.done);

    const after = await verifyAuditChain(t.deps.db, '3204', t.deps.config.auditKey);
    expect(after).toMatchObject({ ok: true, removedByRetention: removed.done });
    const res = await (await t.as('auditor')).get('/api/v1/audit/verify');
    expect(res.body).toMatchObject({ ok: true });
  });

  it('a deletion outside a recorded gap is refused, and a forged gap is caught by verification', async () => {
    const refusal = /append-only|permission denied/;
    const { rows } = await t.deps.db.query<{ seq: string; id: string }>(
      `SELECT seq, id FROM audit_events WHERE kab_code = '3204' AND details -> 'subjects' -> 'persons' ? $1 ORDER BY seq LIMIT 1`, [held.person.id]);
    const victim = rows[0]!;
    await expect(t.deps.db.query('DELETE FROM audit_events WHERE seq = $1', [victim.seq])).rejects.toThrow(refusal);
    // an intruder records a gap without the audit key and has the event removed through it
    const gap = newId();
    const ev = (await t.deps.db.query<{ prev_hash: string; hash: string }>('SELECT prev_hash, hash FROM audit_events WHERE seq = $1', [victim.seq])).rows[0]!;
    await t.deps.db.query(
      `INSERT INTO audit_chain_gaps (id, kab_code, first_seq, last_seq, events, enter_hash, exit_hash, mac) VALUES ($1, '3204', $2, $2, 1, $3, $4, 'forged')`,
      [gap, victim.seq, ev.prev_hash, ev.hash],
    );
    await t.deps.db.query('SELECT audit_remove_gap($1)', [gap]);
    expect(await verifyAuditChain(t.deps.db, '3204', t.deps.config.auditKey)).toMatchObject({ ok: false, reason: 'gap_unsigned' });
  });
});
