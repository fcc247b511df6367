import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { twoProcesses, type TwoProcesses } from '../jobs/testing.ts';
import { LOCK_AFTER_FAILURES } from './lockout.ts';

const login = (app: FastifyInstance, username: string, password: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress })
    .then((r) => ({ status: r.statusCode, body: r.json() }));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 10_000 });
});
afterAll(() => t.close());

describe('account lockout', () => {
  it('checks no more than 5 wrong passwords per account however many race, then answers 423 even to the right one', async () => {
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => login(t.app, 'auditor', `wrong-password-${i}`, `198.51.100.${i + 1}`)));
    const checked = burst.filter((r) => r.status === 401);
    expect(checked).toHaveLength(LOCK_AFTER_FAILURES);
    const locked = burst.filter((r) => r.status === 423);
    expect(locked).toHaveLength(40 - LOCK_AFTER_FAILURES);
    expect(locked[0]!.body.error).toMatchObject({ code: 'locked', message: expect.any(String) });
    expect((await login(t.app, 'auditor', 'slrt-demo', '198.51.100.99')).status).toBe(423);
    const failed = await t.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.login_failed' AND actor_name = 'auditor'`);
    expect(failed.rows[0]?.n).toBe(LOCK_AFTER_FAILURES);
  });

  it('lets the owner sign in from an address that signed in before, while the account stays locked for others', async () => {
    expect((await login(t.app, 'eksekutif', 'slrt-demo', '10.20.30.40')).status).toBe(200);
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) expect((await login(t.app, 'eksekutif', 'guess', `203.0.113.${i + 1}`)).status).toBe(401);
    expect((await login(t.app, 'eksekutif', 'guess', '203.0.113.50')).status).toBe(423);
    expect((await login(t.app, 'eksekutif', 'slrt-demo', '203.0.113.51')).status).toBe(423);
    // the office the owner signs in from
    expect((await login(t.app, 'eksekutif', 'slrt-demo', '10.20.30.40')).status).toBe(200);
    expect((await login(t.app, 'eksekutif', 'slrt-demo', '203.0.113.52')).status).toBe(423);
  });

  it('counts a wrong current password like a failed sign-in', async () => {
    const c = await t.as('supervisor.cileunyi');
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) {
      const wrong = await c.post('/api/v1/auth/password', { currentPassword: `not-it-${i}`, newPassword: 'a-much-longer-one' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.fields).toHaveProperty('currentPassword');
    }
    const locked = await c.post('/api/v1/auth/password', { currentPassword: 'slrt-demo', newPassword: 'a-much-longer-one' });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('locked');
  });

  it('an admin\'s password reset unlocks the account', async () => {
    for (let i = 0; i < LOCK_AFTER_FAILURES + 1; i++) await login(t.app, 'koordinator.cinunuk', 'guess', '192.0.2.10');
    expect((await login(t.app, 'koordinator.cinunuk', 'slrt-demo', '192.0.2.11')).status).toBe(423);
    const admin = await t.as('admin');
    const users = await admin.get('/api/v1/users?q=koordinator.cinunuk');
    expect((await admin.post(`/api/v1/users/${users.body.items[0].id}/reset-password`, { password: 'password-baru-1' })).status).toBe(200);
    expect((await login(t.app, 'koordinator.cinunuk', 'password-baru-1', '192.0.2.11')).status).toBe(200);
  });
});

describe('on two server processes', () => {
  let two: TwoProcesses;
  beforeAll(async () => {
    two = await twoProcesses();
  });
  afterAll(() => two.close());

  it('the lockout holds whichever process answers', async () => {
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => login(i % 2 ? two.a.app : two.b.app, 'kabupaten', `wrong-${i}`, `198.51.100.${i + 1}`)));
    expect(burst.filter((r) => r.status === 401)).toHaveLength(LOCK_AFTER_FAILURES);
    expect(burst.filter((r) => r.status === 423)).toHaveLength(30 - LOCK_AFTER_FAILURES);
  });

  it('the per-address sign-in limit holds whichever process answers', async () => {
    const max = two.a.deps.config.loginRateLimit;
    const statuses: number[] = [];
    for (let i = 0; i <= max; i++) statuses.push((await login(i % 2 ? two.a.app : two.b.app, `nobody${i}`, 'wrong-password', '192.0.2.200')).status);
    expect(statuses.slice(0, max).every((s) => s === 401)).toBe(true);
    expect(statuses[max]).toBe(429);
  });
});
