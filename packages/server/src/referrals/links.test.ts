import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.ts';
import { CaseView, DOCUMENT_MAX_BYTES, DocumentView, Ok, ReferralLinkCreated, ReferralLinkList, ReferralView } from '@slrt/core';
import { TINY_PNG } from '../cases/testing.ts';
import { aReferral } from './testing.ts';

let t: TestApp;
let officer: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  officer = await t.as('puskesos.cinunuk');
});
afterAll(() => t.close());

async function linkFor(referralId: string, body: unknown = {}) {
  const res = await officer.post(`/api/v1/referrals/${referralId}/links`, body, ReferralLinkCreated);
  expect(res.status).toBe(201);
  return res.body;
}

/** Every audit event of a link: reads as `link:<id>`, actions as `<holder> (link:<id>)`. */
const linkAudits = async (linkId: string) => (await t.deps.db.query<{ action: string; actor_roles: string; actor_id: string | null; actor_name: string }>(
  `SELECT action, actor_roles, actor_id, actor_name FROM audit_events WHERE actor_name = $1 OR actor_name LIKE '%(' || $1 || ')' ORDER BY seq`, [`link:${linkId}`])).rows;

/** The holder of a link, as they type it once on the link's page (issue 12, item 8). */
const HOLDER = { name: 'Rina Marlina', position: 'Koordinator Relawan' };

describe('signed single-referral links', () => {
  it('lets a partner without an account read its referral (shared fields only), accept and complete it; every use audited as the link', async () => {
    const r = await aReferral(t.deps, { input: { sharedFields: ['fullName', 'phone', 'village'] } });
    const link = await linkFor(r.id);
    expect(link.url).toMatch(/\/tautan-rujukan\//);
    expect(link.url.endsWith(link.token)).toBe(true);
    const anon = t.anonymous();
    const seen = await anon.get(`/api/v1/referral-links/${link.token}`, ReferralView);
    expect(seen.status).toBe(200);
    expect(Object.keys(seen.body.subject).sort()).toEqual(['fullName', 'phone', 'village']);
    expect(seen.body).toMatchObject({ id: r.id, caseId: null, personId: null, trackingCode: null });
    expect(seen.body.allowedActions.sort()).toEqual(['accept', 'decline']);
    const accepted = await anon.post(`/api/v1/referral-links/${link.token}/accept`, { actedBy: HOLDER }, ReferralView);
    expect(accepted.body).toMatchObject({ status: 'accepted', allowedActions: ['complete'] });
    const start = await anon.request('POST', `/api/v1/referral-links/${link.token}/start`, {});
    expect(start.status).toBe(404);
    const done = await anon.post(`/api/v1/referral-links/${link.token}/complete`, { outcome: 'fulfilled', notes: 'Sudah diantar ke Puskesmas', actedBy: { name: 'Rina Marlina' } }, ReferralView);
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'fulfilled' });
    expect(done.body.events?.filter((e) => e.actorKind === 'link').map((e) => e.action)).toEqual(['accept', 'complete']);

    const audits = await linkAudits(link.id);
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['referral.read', 'referral.accept', 'referral.complete']));
    expect(audits.every((a) => a.actor_roles === 'link' && a.actor_id === null)).toBe(true);
    const kase = (await officer.get(`/api/v1/cases/${r.caseId}`, CaseView)).body;
    expect(kase.needs.find((n) => n.id === r.needId)?.status).toBe('resolved');
    const rows = await t.deps.db.query<{ use_count: number }>('SELECT use_count FROM referral_links WHERE id = $1', [link.id]);
    expect(rows.rows[0]!.use_count).toBe(3);
    // the loop is closed: the link stops working
    expect((await anon.get(`/api/v1/referral-links/${link.token}`)).status).toBe(404);
  });

  it('declines with a reason through the link', async () => {
    const r = await aReferral(t.deps);
    const link = await linkFor(r.id);
    expect((await t.anonymous().post(`/api/v1/referral-links/${link.token}/decline`, {})).status).toBe(400);
    const res = await t.anonymous().post(`/api/v1/referral-links/${link.token}/decline`, { reason: 'Tidak ada relawan minggu ini', actedBy: HOLDER }, ReferralView);
    expect(res.body).toMatchObject({ status: 'declined', declineReason: 'Tidak ada relawan minggu ini' });
  });

  it('names the holder who acted (issue 12, item 8): required and checked, stored with each action, shown in the office\'s history and the audit trail', async () => {
    const r = await aReferral(t.deps);
    const link = await linkFor(r.id);
    const anon = t.anonymous();
    const nameless = await anon.post(`/api/v1/referral-links/${link.token}/accept`, {}, ReferralView);
    expect(nameless.status).toBe(400);
    expect(nameless.error?.fields).toHaveProperty('actedBy');
    anon.locale = 'id';
    const short = await anon.post(`/api/v1/referral-links/${link.token}/accept`, { actedBy: { name: ' R ' } }, ReferralView);
    expect(short.status).toBe(400);
    expect(short.error?.fields?.['actedBy.name']).toMatch(/terlalu pendek/);
    anon.locale = 'en';
    const long = await anon.post(`/api/v1/referral-links/${link.token}/accept`, { actedBy: { name: 'x'.repeat(121) } }, ReferralView);
    expect(long.error?.fields).toHaveProperty(['actedBy.name']);
    expect((await anon.post(`/api/v1/referral-links/${link.token}/accept`, { actedBy: HOLDER })).status).toBe(200);
    const seen = (await officer.get(`/api/v1/referrals/${r.id}`, ReferralView)).body;
    const accept = seen.events?.find((e) => e.action === 'accept');
    expect(accept).toMatchObject({ actorKind: 'link', actorName: 'Rina Marlina', actorPosition: 'Koordinator Relawan' });
    const audits = await linkAudits(link.id);
    expect(audits.find((a) => a.action === 'referral.accept')?.actor_name).toBe(`Rina Marlina, Koordinator Relawan (link:${link.id})`);
    const kase = (await officer.get(`/api/v1/cases/${r.caseId}`, CaseView)).body;
    const caseEvent = kase.timeline.find((e) => e.action === 'referral_accepted');
    expect(caseEvent?.details).toMatchObject({ actedBy: 'Rina Marlina', actedByPosition: 'Koordinator Relawan' });
  });

  it('stops working when revoked or expired, and a tampered token works for nothing', async () => {
    const r = await aReferral(t.deps);
    const link = await linkFor(r.id);
    const anon = t.anonymous();
    expect((await anon.get(`/api/v1/referral-links/${link.token}`)).status).toBe(200);
    expect((await officer.post(`/api/v1/referrals/${r.id}/links/${link.id}/revoke`, {}, Ok)).status).toBe(200);
    const revoked = await anon.get(`/api/v1/referral-links/${link.token}`, ReferralView);
    expect(revoked.status).toBe(404);
    expect(revoked.error?.code).toBe('not_found');
    expect((await anon.post(`/api/v1/referral-links/${link.token}/accept`, { actedBy: HOLDER })).status).toBe(404);
    expect((await officer.post(`/api/v1/referrals/${r.id}/links/${link.id}/revoke`)).status).toBe(404);

    const expiring = await linkFor(r.id, { expiresInDays: 1 });
    expect((await anon.get(`/api/v1/referral-links/${expiring.token}`)).status).toBe(200);
    await t.deps.db.query(`UPDATE referral_links SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expiring.id]);
    expect((await anon.get(`/api/v1/referral-links/${expiring.token}`)).status).toBe(404);
    // moving the expiry back in the database does not revive it: the signature covers the expiry
    await t.deps.db.query(`UPDATE referral_links SET expires_at = now() + interval '1 day' WHERE id = $1`, [expiring.id]);
    expect((await anon.get(`/api/v1/referral-links/${expiring.token}`)).status).toBe(404);

    const fresh = await linkFor(r.id);
    const [id, mac] = fresh.token.split('.');
    const flipped = `${id}.${mac!.slice(0, -2)}${mac!.at(-2) === 'A' ? 'B' : 'A'}${mac!.slice(-1)}`;
    expect((await anon.get(`/api/v1/referral-links/${flipped}`)).status).toBe(404);
    expect((await anon.get('/api/v1/referral-links/not-a-real-token-at-all')).status).toBe(404);
    expect((await officer.get(`/api/v1/referrals/${r.id}/links`, ReferralLinkList)).body.items.map((l) => Boolean(l.revokedAt))).toEqual([true, false, false]);
    const refused = await t.deps.db.query(`SELECT 1 FROM audit_events WHERE action = 'referral_link.refused'`);
    expect(refused.rows.length).toBeGreaterThan(0);
  });

  it('works for its own referral only and reads nothing else: not a session, not a bearer token', async () => {
    const a = await aReferral(t.deps);
    const b = await aReferral(t.deps);
    const link = await linkFor(a.id);
    const anon = t.anonymous();
    const seen = await anon.get(`/api/v1/referral-links/${link.token}`, ReferralView);
    expect(seen.body.id).toBe(a.id);
    // a link id paired with another referral's signature, or the token used as a credential, gets nothing
    const other = await linkFor(b.id);
    const mixed = `${link.token.split('.')[0]}.${other.token.split('.')[1]}`;
    expect((await anon.get(`/api/v1/referral-links/${mixed}`)).status).toBe(404);
    const asBearer = t.anonymous();
    asBearer.bearer = link.token;
    expect((await asBearer.get(`/api/v1/referrals/${a.id}`)).status).toBe(401);
    expect((await asBearer.get('/api/v1/referrals')).status).toBe(401);
    expect((await asBearer.get('/api/v1/auth/me')).status).toBe(401);
    const asCookie = t.anonymous();
    asCookie.cookie = link.token;
    expect((await asCookie.get(`/api/v1/referrals/${b.id}`)).status).toBe(401);
  });

  it('is created only by the referring office, for open referrals', async () => {
    const r = await aReferral(t.deps);
    expect((await (await t.as('mitra.dinkes')).post(`/api/v1/referrals/${r.id}/links`, {})).status).toBe(403);
    expect((await (await t.as('puskesos.soreang')).post(`/api/v1/referrals/${r.id}/links`, {})).status).toBe(404);
    expect((await officer.post(`/api/v1/referrals/${r.id}/links`, { expiresInDays: 90 })).status).toBe(400);
    await officer.post(`/api/v1/referrals/${r.id}/cancel`, { reason: 'Tidak jadi dirujuk' });
    expect((await officer.post(`/api/v1/referrals/${r.id}/links`, {})).status).toBe(409);
  });
});

function multipart(file: Buffer, fileName: string) {
  const boundary = `----slrt${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('evidence through a signed link', () => {
  const upload = (token: string, file: Buffer, fileName: string, kind?: string) => {
    const { payload, contentType } = multipart(file, fileName);
    return t.anonymous().request('POST', `/api/v1/referral-links/${token}/documents${kind ? `?kind=${kind}` : ''}`, payload, { 'content-type': contentType }, DocumentView);
  };

  it('takes one piece of evidence while the referral is open for completion, names it in the outcome, audits it as the link', async () => {
    const r = await aReferral(t.deps);
    const link = await linkFor(r.id);
    const anon = t.anonymous();
    // not yet accepted: nothing to complete, nothing to prove
    const early = await upload(link.token, TINY_PNG, 'kursi-roda.png');
    expect(early.status).toBe(409);
    expect(early.error?.code).toBe('conflict');
    await anon.post(`/api/v1/referral-links/${link.token}/accept`, { actedBy: HOLDER });

    const res = await upload(link.token, TINY_PNG, 'kursi-roda.png');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'evidence', fileName: 'kursi-roda.png', mimeType: 'image/png', uploadedBy: null });
    // a retry of the same file on a weak connection answers the first
    const again = await upload(link.token, TINY_PNG, 'kursi-roda.png');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(res.body.id);
    // one per link: the rest goes through the Puskesos
    const second = await upload(link.token, PDF, 'kuitansi.pdf', 'service_record');
    expect(second.status).toBe(409);
    expect(second.error?.code).toBe('conflict');

    const seen = await anon.get(`/api/v1/referral-links/${link.token}`, ReferralView);
    expect(seen.body.evidence).toEqual([{ id: res.body.id, fileName: 'kursi-roda.png' }]);
    const done = await anon.post(`/api/v1/referral-links/${link.token}/complete`, { outcome: 'fulfilled', notes: 'Kursi roda diserahkan.', documentIds: [res.body.id], actedBy: HOLDER }, ReferralView);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', evidence: [{ id: res.body.id, fileName: 'kursi-roda.png' }] });
    expect(done.body.events?.filter((e) => e.actorKind === 'link').map((e) => e.action)).toEqual(['accept', 'evidence_attached', 'complete']);
    // the referral is closed: the link attaches nothing more
    expect((await upload(link.token, PDF, 'kuitansi.pdf')).status).toBe(404);

    // the referring office opens it like any evidence
    const file = await officer.get(`/api/v1/referrals/${r.id}/documents/${res.body.id}`);
    expect(file.status).toBe(200);
    expect(file.raw.rawPayload).toEqual(TINY_PNG);
    const audits = await linkAudits(link.id);
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['document.attach', 'document.attach_again', 'referral.complete']));
    expect(audits.filter((a) => a.action === 'document.attach')).toHaveLength(1);
    expect(audits.every((a) => a.actor_roles === 'link' && a.actor_id === null)).toBe(true);
    const { rows } = await t.deps.db.query<{ uploaded_by: string | null; owner_id: string }>('SELECT uploaded_by, owner_id FROM documents WHERE id = $1', [res.body.id]);
    expect(rows[0]).toEqual({ uploaded_by: null, owner_id: r.id });
  });

  it('keeps the documents module\'s limits (type from the bytes, 5 MB) and refuses a bad token or kind', async () => {
    const r = await aReferral(t.deps, { accepted: true });
    const link = await linkFor(r.id);
    const html = await upload(link.token, Buffer.from('<html><script>alert(1)</script></html>'), 'bukti.pdf');
    expect(html.status).toBe(415);
    const big = await upload(link.token, Buffer.concat([PDF, Buffer.alloc(DOCUMENT_MAX_BYTES)]), 'besar.pdf');
    expect(big.status).toBe(413);
    expect((await upload(link.token, PDF, 'bukti.pdf', 'ktp')).status).toBe(400);
    const notMultipart = await t.anonymous().post(`/api/v1/referral-links/${link.token}/documents`, { file: 'x' });
    expect(notMultipart.status).toBe(415);
    const [id, mac] = link.token.split('.');
    const forged = await upload(`${id}.${mac!.slice(0, -2)}${mac!.at(-2) === 'A' ? 'B' : 'A'}${mac!.slice(-1)}`, PDF, 'bukti.pdf');
    expect(forged.status).toBe(404);
    // none of the refusals used up the link's one piece of evidence
    expect((await upload(link.token, PDF, 'bukti.pdf')).status).toBe(201);
    const { rows } = await t.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM documents WHERE owner_id = $1`, [r.id]);
    expect(rows[0]!.n).toBe(1);
  });
});

