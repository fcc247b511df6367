import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { LOCK_AFTER_FAILURES } from './service.ts';
import { ACTOR_CACHE_TTL_MS } from './actor-cache.ts';
import { sha256 } from './tokens.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('answers 200 with the user and a CSRF token, and sets an HttpOnly session cookie', async () => {
    const res = await t.anonymous().post('/api/v1/auth/login', { username: 'puskesos.cinunuk', password: 'slrt-demo' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'puskesos.cinunuk', roles: [{ role: 'puskesos_officer', areaCode: '32.04.05.2004', areaName: 'Cinunuk' }] });
    expect(res.body.user.permissions).toContain('cases.create');
    expect(res.body.csrfToken).toMatch(/.{20,}/);
    const cookie = [res.headers['set-cookie']].flat().join(';');
    expect(cookie).toMatch(/slrt_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
  });

  it('answers 401 for a wrong password and 400 naming the field for a malformed body', async () => {
    const wrong = await t.anonymous().post('/api/v1/auth/login', { username: 'admin', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthenticated');
    const bad = await t.anonymous().post('/api/v1/auth/login', { username: 'admin' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('password');
    const notJson = await t.anonymous().request('POST', '/api/v1/auth/login', '{"username":', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('validation');
  });

  it('speaks Indonesian by default and English on request', async () => {
    const c = t.anonymous();
    c.locale = 'id';
    const id = await c.post('/api/v1/auth/login', { username: 'admin', password: 'x' });
    expect(id.body.error.message).toBe('Nama pengguna atau kata sandi salah.');
    c.locale = 'en';
    const en = await c.post('/api/v1/auth/login', { username: 'admin', password: 'x' });
    expect(en.body.error.message).toBe('Wrong username or password.');
  });

  it('locks an account for a while after repeated failures', async () => {
    const c = t.anonymous();
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) {
      expect((await c.post('/api/v1/auth/login', { username: 'auditor', password: 'wrong-password' })).status).toBe(401);
    }
    const locked = await c.post('/api/v1/auth/login', { username: 'auditor', password: 'slrt-demo' });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('locked');
    await t.deps.db.query(`UPDATE users SET locked_until = NULL, failed_logins = 0 WHERE username = 'auditor'`);
    await t.deps.db.query(`DELETE FROM rate_counters WHERE bucket LIKE 'login.%'`);
  });

  it('requires the CSRF token for cookie-authenticated writes', async () => {
    const c = await t.as('admin');
    const token = c.csrfToken;
    c.csrfToken = null;
    const res = await c.post('/api/v1/users', { username: 'x.y', displayName: 'X', password: 'long-enough-1', roles: [{ role: 'auditor', areaCode: '32.04' }] });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf');
    c.csrfToken = token;
  });

  it('shows me, changes my password, and logs out', async () => {
    const c = await t.as('fasilitator.cinunuk');
    const me = await c.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(c.csrfToken);
    const short = await c.post('/api/v1/auth/password', { currentPassword: 'slrt-demo', newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error.fields).toHaveProperty('newPassword');
    const wrong = await c.post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'a-much-longer-one' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toHaveProperty('currentPassword');
    expect((await c.post('/api/v1/auth/password', { currentPassword: 'slrt-demo', newPassword: 'a-much-longer-one' })).status).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
    const again = await t.as('fasilitator.cinunuk', 'a-much-longer-one');
    expect((await again.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('ends a session removed by another server process within the actor cache\'s few seconds', async () => {
    const c = await t.as('kabupaten');
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    // another process signs the user out: this process's cache is not told
    await t.deps.db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(c.cookie!)]);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + ACTOR_CACHE_TTL_MS + 1);
      expect((await c.get('/api/v1/auth/me')).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it('accepts a bearer token created by an admin, and refuses it once revoked', async () => {
    const admin = await t.as('admin');
    const users = await admin.get('/api/v1/users?q=sistem.dinkes');
    const partner = users.body.items[0];
    const created = await admin.post('/api/v1/tokens', { userId: partner.id, name: 'SIMRS Dinkes', scopes: ['referrals.read'] });
    expect(created.status).toBe(201);
    const machine = t.anonymous();
    machine.bearer = created.body.token;
    const me = await machine.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('sistem.dinkes');
    const stored = await t.deps.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [created.body.id]);
    expect(stored.rows[0]?.token_hash).not.toBe(created.body.token);
    expect((await admin.post(`/api/v1/tokens/${created.body.id}/revoke`)).status).toBe(200);
    expect((await machine.get('/api/v1/auth/me')).status).toBe(401);
  });
});
