import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.ts';
import { aReferral } from '../referrals/testing.ts';

let t: TestApp;
let admin: TestClient;
const idOf = async (username: string) => (await admin.get(`/api/v1/users?q=${username}`)).body.items.find((u: { username: string }) => u.username === username).id as string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
});
afterAll(() => t.close());

describe('bearer tokens are for service accounts', () => {
  it('refuses a token for a person\'s own account, or with a scope the account\'s roles do not grant', async () => {
    for (const person of ['kabupaten', 'mitra.dinkes', 'admin']) {
      const res = await admin.post('/api/v1/tokens', { userId: await idOf(person), name: 'x', scopes: ['referrals.read'] });
      expect(res.status, person).toBe(400);
      expect(res.body.error.fields).toHaveProperty('userId');
    }
    const service = await idOf('sistem.dinkes');
    const wide = await admin.post('/api/v1/tokens', { userId: service, name: 'x', scopes: ['referrals.read', 'stats.read'] });
    expect(wide.status).toBe(400);
    expect(wide.body.error.fields).toHaveProperty('scopes.1');
    const none = await admin.post('/api/v1/tokens', { userId: service, name: 'x', scopes: [] });
    expect(none.status).toBe(400);
    expect((await admin.post('/api/v1/tokens', { userId: service, name: 'x', scopes: ['registry.read'] })).status).toBe(400);
  });

  it('a service account cannot sign in, and has no password to reset', async () => {
    expect((await t.anonymous().post('/api/v1/auth/login', { username: 'sistem.dinkes', password: 'slrt-demo' })).status).toBe(401);
    const reset = await admin.post(`/api/v1/users/${await idOf('sistem.dinkes')}/reset-password`, { password: 'a-long-password-1' });
    expect(reset.status).toBe(400);
    expect(reset.body.error.fields).toHaveProperty('password');
  });

  it('records its creator, is limited to its scopes, and every use is audited as the token', async () => {
    const created = await admin.post('/api/v1/tokens', { userId: await idOf('sistem.dinkes'), name: 'SIMRS baca saja', scopes: ['referrals.read'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scopes: ['referrals.read'], createdByName: 'admin', createdBy: await idOf('admin') });
    const machine = t.anonymous();
    machine.bearer = created.body.token;
    const r = await aReferral(t.deps);
    const read = await machine.get(`/api/v1/referrals/${r.id}`);
    expect(read.status).toBe(200);
    // the account's role may answer referrals and read the directory; this token may not
    expect((await machine.post(`/api/v1/referrals/${r.id}/accept`, {})).status).toBe(403);
    expect((await machine.get('/api/v1/services')).status).toBe(403);
    const me = await machine.get('/api/v1/auth/me');
    expect(me.body.user.permissions).toEqual(['referrals.read']);
    const { rows } = await t.deps.db.query<{ actor_name: string; actor_id: string }>(
      `SELECT actor_name, actor_id FROM audit_events WHERE $1 = ANY(record_ids) AND action LIKE 'referral%' ORDER BY seq DESC LIMIT 1`, [r.id]);
    expect(rows[0]?.actor_name).toBe(`sistem.dinkes (token ${created.body.id})`);
  });
});

describe('roles', () => {
  it('an admin cannot change their own roles; another admin can, and every personal-data role granted is listed for the auditor', async () => {
    const self = await idOf('admin');
    const own = await admin.patch(`/api/v1/users/${self}`, { roles: [{ role: 'admin', areaCode: '32.04' }, { role: 'kabupaten_manager', areaCode: '32.04' }] });
    expect(own.status).toBe(403);
    expect((await admin.get(`/api/v1/users/${self}`)).body.roles).toHaveLength(1);

    const second = await admin.post('/api/v1/users', { username: 'admin.dua', displayName: 'Admin Dua', password: 'password-admin-2', roles: [{ role: 'admin', areaCode: '32.04' }] });
    expect(second.status).toBe(201);
    const other = await t.as('admin.dua', 'password-admin-2');
    expect((await other.patch(`/api/v1/users/${self}`, { roles: [{ role: 'admin', areaCode: '32.04' }, { role: 'supervisor', areaCode: '32.04.05' }] })).status).toBe(200);

    const auditor = await t.as('auditor');
    const grants = await auditor.get('/api/v1/audit/events?action=user.grant_personal_role&limit=50');
    expect(grants.status).toBe(200);
    const mine = grants.body.items.filter((e: { recordIds: string[] }) => e.recordIds.includes(self));
    // supervisor reads personal data; admin does not
    expect(mine).toHaveLength(1);
    expect(mine[0].actorName).toBe('admin.dua');
  });
});
