import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOf, NotificationPage, NotificationsRead, OrganizationView, UnreadCount, WebhookCreated, WebhookList } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { JobRunner } from '../jobs/runner.ts';
import { aReferral, dinkesId } from '../referrals/testing.ts';
import { deliverWebhook, decryptSecret, encryptSecret, WEBHOOK_JOB, webhookUrlAllowed } from './webhooks.ts';
import { notify } from './service.ts';

/** A webhook receiver on the loopback interface only: answers with the queued statuses. */
interface Received { headers: http.IncomingHttpHeaders; body: string }
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
const answers: number[] = [];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answers.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/slrt-hook`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await t.close();
});

const runner = () => new JobRunner(t.deps).handle(WEBHOOK_JOB, { transactional: false, run: deliverWebhook });

describe('in-app notifications', () => {
  it('notify() reaches each user once per event, skips inactive users, and counts unread', async () => {
    const ids = (await t.deps.db.query<{ id: string; username: string }>(`SELECT id, username FROM users WHERE username IN ('fasilitator.cinunuk', 'auditor')`)).rows;
    const fas = ids.find((u) => u.username === 'fasilitator.cinunuk')!.id;
    const first = await t.deps.db.transaction((tx) => notify(tx, { kabCode: '3204', userIds: [fas, fas, null], eventKey: 'test.event:1', kind: 'test', messageKey: 'notify.case_overdue', params: { number: 'X-1' }, link: '/kasus/x' }));
    const second = await t.deps.db.transaction((tx) => notify(tx, { kabCode: '3204', userIds: [fas], eventKey: 'test.event:1', kind: 'test', messageKey: 'notify.case_overdue', params: { number: 'X-1' } }));
    expect(first).toEqual([fas]);
    expect(second).toEqual([]);
    const c = await t.as('fasilitator.cinunuk');
    c.locale = 'id';
    const list = await c.get('/api/v1/notifications', NotificationPage);
    expect(list.body.items[0]).toMatchObject({ kind: 'test', message: 'Kasus X-1 melewati batas waktu layanan.', link: '/kasus/x', readAt: null });
    c.locale = 'en';
    expect((await c.get('/api/v1/notifications', NotificationPage)).body.items[0]!.message).toBe('Case X-1 is past its service deadline.');
    expect((await c.get('/api/v1/notifications/unread-count', UnreadCount)).body.count).toBe(1);
    expect((await c.post(`/api/v1/notifications/${list.body.items[0]!.id}/read`)).status).toBe(200);
    expect((await c.get('/api/v1/notifications/unread-count', UnreadCount)).body.count).toBe(0);
    expect((await c.get('/api/v1/notifications?unread=true', NotificationPage)).body.items).toEqual([]);
  });

  it('keeps each user\'s notifications to themselves', async () => {
    const r = await aReferral(t.deps);
    const partner = await t.as('mitra.dinkes');
    const mine = (await partner.get('/api/v1/notifications', NotificationPage)).body.items.find((n) => n.recordId === r.id)!;
    expect(mine).toBeDefined();
    const other = await t.as('puskesos.soreang');
    expect((await other.post(`/api/v1/notifications/${mine.id}/read`)).status).toBe(404);
    expect((await other.get('/api/v1/notifications', NotificationPage)).body.items.map((n) => n.id)).not.toContain(mine.id);
    const all = await partner.post('/api/v1/notifications/read-all', {}, NotificationsRead);
    expect(all.body.count).toBeGreaterThan(0);
    expect((await partner.get('/api/v1/notifications/unread-count', UnreadCount)).body.count).toBe(0);
    expect((await (await t.as('eksekutif')).get('/api/v1/notifications')).status).toBe(403);
  });
});

describe('partner webhooks', () => {
  it('stores the secret encrypted, shows it once, and allows only safe addresses in production', () => {
    const stored = encryptSecret('whsec_abc', 'x'.repeat(40));
    expect(stored).not.toContain('whsec_abc');
    expect(decryptSecret(stored, 'x'.repeat(40))).toBe('whsec_abc');
    expect(() => decryptSecret(stored, 'y'.repeat(40))).toThrow();
    expect(webhookUrlAllowed('https://simpus.example.go.id/hook', true)).toBe(true);
    for (const bad of ['http://simpus.example.go.id/hook', 'https://127.0.0.1/hook', 'https://localhost/x', 'https://10.1.2.3/x', 'https://192.168.1.5/x', 'https://[::1]/x', 'https://user:pw@example.org/x', 'ftp://example.org']) {
      expect(webhookUrlAllowed(bad, true), bad).toBe(false);
    }
    expect(webhookUrlAllowed('http://127.0.0.1:9999/hook', false)).toBe(true);
  });

  it('delivers signed referral events to the partner\'s receiver, retrying with backoff until it answers 2xx', async () => {
    const org = await dinkesId(t.deps);
    const partner = await t.as('mitra.dinkes');
    const hook = await partner.post(`/api/v1/partner/organizations/${org}/webhooks`, { url: receiverUrl, events: ['referral.created', 'referral.cancelled'] }, WebhookCreated);
    expect(hook.status).toBe(201);
    expect(hook.body.secret).toMatch(/^whsec_/);
    const listed = await partner.get(`/api/v1/partner/organizations/${org}/webhooks`, WebhookList);
    expect(JSON.stringify(listed.body)).not.toContain(hook.body.secret);

    received.length = 0;
    answers.push(500, 503);
    const r = await aReferral(t.deps);
    const key = `${hook.body.id}:referral.created:${r.id}`;
    const first = await runner().tick();
    expect(first.jobsFailed).toBe(1);
    const job = (await t.deps.db.query<{ status: string; attempts: number; run_at: Date; last_error: string }>('SELECT status, attempts, run_at, last_error FROM jobs WHERE kind = $1 AND key = $2', [WEBHOOK_JOB, key])).rows[0]!;
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job.last_error).toContain('500');
    expect(job.run_at.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect((await runner().tick()).jobsDone).toBe(0); // not due yet
    for (const expected of [503, 200]) {
      await t.deps.db.query('UPDATE jobs SET run_at = now() WHERE kind = $1 AND key = $2', [WEBHOOK_JOB, key]);
      const report = await runner().tick();
      expect(report.jobsDone + report.jobsFailed).toBe(1);
      if (expected === 200) expect(report.jobsDone).toBe(1);
    }
    expect(received).toHaveLength(3);
    const deliveryIds = new Set(received.map((x) => x.headers['x-slrt-delivery']));
    expect(deliveryIds.size).toBe(1);
    const last = received.at(-1)!;
    expect(last.headers['x-slrt-event']).toBe('referral.created');
    const [tPart, vPart] = String(last.headers['x-slrt-signature']).split(',');
    const ts = tPart!.slice(2);
    expect(vPart!.slice(3)).toBe(createHmac('sha256', hook.body.secret).update(`${ts}.${last.body}`).digest('hex'));
    const payload: unknown = JSON.parse(last.body);
    expect(payload).toMatchObject({ type: 'referral.created', data: { referral: { id: r.id, number: r.number, status: 'sent' } } });
    const { rows } = await t.deps.db.query<{ full_name: string; nik: string }>('SELECT p.full_name, p.nik FROM referrals r JOIN persons p ON p.id = r.person_id WHERE r.id = $1', [r.id]);
    expect(last.body).not.toContain(rows[0]!.full_name);
    expect(last.body).not.toContain(rows[0]!.nik);
    const done = (await t.deps.db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM jobs WHERE kind = $1 AND key = $2', [WEBHOOK_JOB, key])).rows[0]!;
    expect(done).toEqual({ status: 'done', attempts: 3 });

    // events it did not ask for are not sent; a revoked webhook gets nothing more
    received.length = 0;
    await partner.post(`/api/v1/referrals/${r.id}/accept`, {});
    expect((await runner().tick()).jobsDone).toBe(0);
    expect((await partner.post(`/api/v1/partner/webhooks/${hook.body.id}/revoke`)).status).toBe(200);
    await aReferral(t.deps);
    await runner().tick();
    expect(received).toHaveLength(0);
  });

  it('gives up after the last attempt', async () => {
    const org = await dinkesId(t.deps);
    const k = await t.as('kabupaten');
    const hook = (await k.post(`/api/v1/organizations/${org}/webhooks`, { url: receiverUrl, events: ['referral.created'] }, WebhookCreated)).body;
    await aReferral(t.deps);
    await t.deps.db.query(`UPDATE jobs SET max_attempts = 2 WHERE kind = $1 AND key LIKE $2`, [WEBHOOK_JOB, `${hook.id}:%`]);
    answers.push(500, 500);
    await runner().tick();
    await t.deps.db.query(`UPDATE jobs SET run_at = now() WHERE kind = $1 AND key LIKE $2`, [WEBHOOK_JOB, `${hook.id}:%`]);
    await runner().tick();
    const { rows } = await t.deps.db.query<{ status: string }>('SELECT status FROM jobs WHERE kind = $1 AND key LIKE $2', [WEBHOOK_JOB, `${hook.id}:%`]);
    expect(rows.map((x) => x.status)).toEqual(['failed']);
    await k.post(`/api/v1/webhooks/${hook.id}/revoke`);
  });

  it('lets a partner manage only its own organization\'s webhooks', async () => {
    const m = await t.as('mitra.dinkes');
    const baznas = (await m.get('/api/v1/organizations?q=baznas', listOf(OrganizationView))).body.items[0]!;
    expect((await m.post(`/api/v1/partner/organizations/${baznas.id}/webhooks`, { url: receiverUrl })).status).toBe(404);
    expect((await m.get(`/api/v1/partner/organizations/${baznas.id}/webhooks`)).status).toBe(404);
    expect((await m.post(`/api/v1/organizations/${baznas.id}/webhooks`, { url: receiverUrl })).status).toBe(403);
    expect((await m.post(`/api/v1/partner/organizations/${await dinkesId(t.deps)}/webhooks`, { url: 'not a url' })).status).toBe(400);
  });
});
