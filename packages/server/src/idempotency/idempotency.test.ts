import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aCase } from '../cases/testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });

/** A case waiting for its field verification. */
async function caseToVerify() {
  const officer = await t.as('puskesos.cinunuk');
  const c = await aCase(t.deps);
  expect((await officer.post(`/api/v1/cases/${c.id}/check-registry`, { notes: 'Ada di DTSEN.' })).status).toBe(200);
  expect((await officer.post(`/api/v1/cases/${c.id}/request-verification`, { notes: 'Mohon kunjungan.' })).status).toBe(200);
  return { officer, id: c.id };
}

const verificationEvents = async (caseId: string) =>
  (await t.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND action = 'record_verification'`, [caseId])).rows[0]!.n;

it('records a field verification resent with the same Idempotency-Key once, answering the retry with the first result', async () => {
  const { officer, id } = await caseToVerify();
  const body = { outcome: 'confirmed', notes: 'Rumah tidak layak huni, benar.', visitedOn: today() };
  const key = `outbox-${id}`;
  const first = await officer.request('POST', `/api/v1/cases/${id}/record-verification`, body, { 'idempotency-key': key });
  const retry = await officer.request('POST', `/api/v1/cases/${id}/record-verification`, body, { 'idempotency-key': key });
  expect(first.status).toBe(200);
  expect(retry.status).toBe(200);
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(first.headers['idempotent-replayed']).toBeUndefined();
  expect(retry.body).toEqual(first.body);
  expect(await verificationEvents(id)).toBe(1);

  // the same key with another body is refused, and so is another key on a step already taken
  const other = await officer.request('POST', `/api/v1/cases/${id}/record-verification`, { ...body, notes: 'Lain' }, { 'idempotency-key': key });
  expect(other.status).toBe(409);
  expect(other.body.error.message).toContain('request key');
  const again = await officer.request('POST', `/api/v1/cases/${id}/record-verification`, body, { 'idempotency-key': `outbox-2-${id}` });
  expect(again.status).toBe(409);
  expect(await verificationEvents(id)).toBe(1);
});

it('gives the key back when the request fails, keeps keys per user, and refuses a malformed key naming the header', async () => {
  const { officer, id } = await caseToVerify();
  const key = `retry-${id}`;
  const bad = await officer.request('POST', `/api/v1/cases/${id}/record-verification`, { outcome: 'confirmed', notes: '', visitedOn: '2999-01-01' }, { 'idempotency-key': key });
  expect(bad.status).toBe(400);
  const body = { outcome: 'confirmed', notes: 'Benar.', visitedOn: today() };
  // a failed first try does not hold the key: the corrected retry with it runs
  const fixed = await officer.request('POST', `/api/v1/cases/${id}/record-verification`, body, { 'idempotency-key': `${key}-b` });
  expect(fixed.status).toBe(200);
  const { rows } = await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotent_requests WHERE key = $1', [key]);
  expect(rows[0]!.n).toBe(0);

  // another user's identical key is theirs: no answer of this officer is replayed to them
  const coordinator = await t.as('koordinator.cinunuk');
  const theirs = await coordinator.request('POST', `/api/v1/cases/${id}/record-verification`, body, { 'idempotency-key': `${key}-b` });
  expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  expect(theirs.status).toBe(409);

  const malformed = await officer.request('POST', `/api/v1/cases/${id}/record-verification`, body, { 'idempotency-key': 'x y' });
  expect(malformed.status).toBe(400);
  expect(Object.keys(malformed.body.error.fields)).toEqual(['Idempotency-Key']);
});
