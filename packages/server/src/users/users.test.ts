import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOf, UserView } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('users', () => {
  it('lists users to the admin and refuses the others', async () => {
    const res = await (await t.as('admin')).get('/api/v1/users', listOf(UserView));
    expect(res.status).toBe(200);
    expect(res.body.items.map((u) => u.username)).toContain('puskesos.cinunuk');
    expect(res.body).toHaveProperty('nextCursor');
    for (const who of ['puskesos.soreang', 'eksekutif', 'mitra.dinkes']) {
      expect((await (await t.as(who)).get('/api/v1/users')).status, who).toBe(403);
    }
  });

  it('pages with a cursor', async () => {
    const admin = await t.as('admin');
    const first = await admin.get('/api/v1/users?limit=4', listOf(UserView));
    expect(first.body.items).toHaveLength(4);
    const second = await admin.get(`/api/v1/users?limit=4&cursor=${first.body.nextCursor ?? ''}`, listOf(UserView));
    expect(second.body.items[0]!.username > first.body.items[3]!.username).toBe(true);
  });

  it('creates a user with a scoped role, and names the field when the scope is wrong', async () => {
    const admin = await t.as('admin');
    const ok = await admin.post('/api/v1/users', { username: 'Fasilitator.Cibiru', displayName: 'Fasilitator Cibiru', password: 'cukup-panjang-1', roles: [{ role: 'facilitator', areaCode: '32.04.05.2001' }] }, UserView);
    expect(ok.status).toBe(201);
    expect(ok.body.username).toBe('fasilitator.cibiru');
    const dup = await admin.post('/api/v1/users', { username: 'fasilitator.cibiru', displayName: 'x', password: 'cukup-panjang-1', roles: [{ role: 'facilitator', areaCode: '32.04.05.2001' }] });
    expect(dup.status).toBe(400);
    expect(dup.error?.fields).toHaveProperty('username');
    const outside = await admin.post('/api/v1/users', { username: 'luar.wilayah', displayName: 'x', password: 'cukup-panjang-1', roles: [{ role: 'facilitator', areaCode: '32.73.01.1001' }] });
    expect(outside.status).toBe(400);
    expect(outside.error?.fields).toHaveProperty('roles.0.areaCode');
    const noScope = await admin.post('/api/v1/users', { username: 'tanpa.wilayah', displayName: 'x', password: 'cukup-panjang-1', roles: [{ role: 'supervisor' }] });
    expect(noScope.status).toBe(400);
    expect(noScope.error?.fields).toHaveProperty('roles.0.areaCode');
    const badRole = await admin.post('/api/v1/users', { username: 'peran.salah', displayName: 'x', password: 'cukup-panjang-1', roles: [{ role: 'king', areaCode: '32.04' }] });
    expect(badRole.status).toBe(400);
    expect(badRole.error?.fields).toHaveProperty('roles.0.role');
    const count = await t.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE username IN ('luar.wilayah', 'tanpa.wilayah', 'peran.salah')`);
    expect(count.rows[0]?.n).toBe(0);
  });

  it('deactivates a user, which ends their sessions, and resets a password', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/v1/users', { username: 'akan.nonaktif', displayName: 'x', password: 'password-lama-1', roles: [{ role: 'executive', areaCode: '32.04' }] }, UserView);
    const victim = await t.as('akan.nonaktif', 'password-lama-1');
    expect((await victim.get('/api/v1/auth/me')).status).toBe(200);
    expect((await admin.patch(`/api/v1/users/${created.body.id}`, { active: false })).status).toBe(200);
    expect((await victim.get('/api/v1/auth/me')).status).toBe(401);
    expect((await t.anonymous().post('/api/v1/auth/login', { username: 'akan.nonaktif', password: 'password-lama-1' })).status).toBe(401);
    await admin.patch(`/api/v1/users/${created.body.id}`, { active: true });
    expect((await admin.post(`/api/v1/users/${created.body.id}/reset-password`, { password: 'password-baru-1' })).status).toBe(200);
    expect((await t.anonymous().post('/api/v1/auth/login', { username: 'akan.nonaktif', password: 'password-baru-1' })).status).toBe(200);
  });

  it('answers 404 for a user that does not exist', async () => {
    expect((await (await t.as('admin')).get('/api/v1/users/01900000-0000-7000-8000-000000000001')).status).toBe(404);
  });
});
