import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, publicLink } from '../config.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

describe('a production start', () => {
  it('refuses without SESSION_SECRET and PUBLIC_URL, naming every missing setting in one line', () => {
    const attempt = () => loadConfig({}, { serve: true });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/SESSION_SECRET/);
    expect(message).toMatch(/PUBLIC_URL/);
    expect(message).toMatch(/AUDIT_KEY/);
    expect(message.split('\n')).toHaveLength(1);
    expect(() => loadConfig({ SESSION_SECRET: 'x'.repeat(40), AUDIT_KEY: 'k'.repeat(40) }, { serve: true })).toThrow(/missing PUBLIC_URL/);
    expect(() => loadConfig({ SESSION_SECRET: 'short', PUBLIC_URL: 'ftp://x' }, { serve: true })).toThrow(/at least 32.*PUBLIC_URL must be/);
  });

  it('runs with both, as production, with secure cookies behind https; only --demo uses demo settings', () => {
    const prod = loadConfig({ SESSION_SECRET: 'x'.repeat(40), AUDIT_KEY: 'k'.repeat(40), PUBLIC_URL: 'https://slrt.bandungkab.go.id/' }, { serve: true });
    expect(prod).toMatchObject({ production: true, demo: false, secureCookies: true, publicUrl: 'https://slrt.bandungkab.go.id', trustedProxies: [] });
    expect(publicLink(prod, '/lacak')).toBe('https://slrt.bandungkab.go.id/lacak');
    // NODE_ENV no longer decides: without --demo a start is production
    expect(() => loadConfig({ NODE_ENV: 'development' }, { serve: true })).toThrow(ConfigError);
    const demo = loadConfig({}, { serve: true, demo: true });
    expect(demo).toMatchObject({ production: false, demo: true, secureCookies: false, publicUrl: 'http://localhost:3000' });
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.1, 192.168.0.0/16' }, { demo: true }).trustedProxies).toEqual(['10.0.0.1', '192.168.0.0/16']);
  });
});

describe('client address and forwarding headers', () => {
  let direct: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    direct = await createTestApp({ loginRateLimit: 3 });
    proxied = await createTestApp({ trustedProxies: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await direct.close();
    await proxied.close();
  });

  const lastLoginAddr = async (t: TestApp) => {
    const { rows } = await t.deps.db.query<{ client_addr: string }>(`SELECT client_addr FROM audit_events WHERE action = 'auth.login_failed' ORDER BY seq DESC LIMIT 1`);
    return rows[0]?.client_addr;
  };

  it('ignores X-Forwarded-For from anyone but a configured proxy, in the audit trail and the rate limit', async () => {
    const c = direct.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await c.request('POST', '/api/v1/auth/login', { username: `nobody${i}`, password: 'wrong-password' }, { 'x-forwarded-for': `203.0.113.${i + 1}` });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.error.code).toBeTruthy();
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(await lastLoginAddr(direct)).toBe('127.0.0.1');
  });

  it('believes a configured proxy', async () => {
    await proxied.anonymous().request('POST', '/api/v1/auth/login', { username: 'nobody', password: 'wrong-password' }, { 'x-forwarded-for': '198.51.100.7' });
    expect(await lastLoginAddr(proxied)).toBe('198.51.100.7');
  });
});
