import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { twoProcesses, type TwoProcesses } from '../jobs/testing.ts';
import { DEMO_PASSWORD } from '../demo/seed.ts';

let two: TwoProcesses;
beforeAll(async () => {
  two = await twoProcesses();
});
afterAll(() => two.close());

async function signIn(app: FastifyInstance, username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  const cookie = /slrt_session=([^;]+)/.exec([res.headers['set-cookie']].flat().join(';'))?.[1];
  return { cookie: `slrt_session=${cookie}`, csrf: res.json().csrfToken as string };
}

const me = (app: FastifyInstance, headers: Record<string, string>) =>
  app.inject({ method: 'GET', url: '/api/v1/auth/me', headers }).then((r) => r.statusCode);

/** Milliseconds until `app` answers 401, polling every 20 ms (at most 3 s). */
async function msUntilRefused(app: FastifyInstance, headers: Record<string, string>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < 3000) {
    if ((await me(app, headers)) === 401) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 20));
  }
  return Infinity;
}

describe('revoked access on two server processes', () => {
  it('a token revoked on one process fails on the other within 1 s', async () => {
    const admin = await signIn(two.a.app, 'admin');
    const users = await two.a.app.inject({ method: 'GET', url: '/api/v1/users?q=sistem.dinkes', headers: { cookie: admin.cookie } });
    const service = users.json().items[0].id;
    const created = await two.a.app.inject({
      method: 'POST', url: '/api/v1/tokens', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { userId: service, name: 'SIMRS', scopes: ['referrals.read'] },
    });
    expect(created.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    // process B has the token's actor in its cache
    expect(await me(two.b.app, bearer)).toBe(200);
    expect(await me(two.b.app, bearer)).toBe(200);
    const revoked = await two.a.app.inject({ method: 'POST', url: `/api/v1/tokens/${created.json().id}/revoke`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(revoked.statusCode).toBe(200);
    expect(await me(two.a.app, bearer)).toBe(401);
    expect(await msUntilRefused(two.b.app, bearer)).toBeLessThan(1000);
  });

  it('a sign-out on one process ends the session on the other within 1 s', async () => {
    const user = await signIn(two.a.app, 'kabupaten');
    const session = { cookie: user.cookie };
    expect(await me(two.b.app, session)).toBe(200);
    const out = await two.a.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: user.cookie, 'x-csrf-token': user.csrf } });
    expect(out.statusCode).toBe(200);
    expect(await msUntilRefused(two.b.app, session)).toBeLessThan(1000);
  });
});
