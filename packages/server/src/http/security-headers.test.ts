import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CINUNUK } from '../registry/testing.ts';

describe('security headers', () => {
  let t: TestApp;
  let secure: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    secure = await createTestApp({ publicUrl: 'https://slrt.bandungkab.go.id', secureCookies: true });
  });
  afterAll(async () => {
    await t.close();
    await secure.close();
  });

  it('sends a strict CSP, no framing, nosniff and no referrer on every answer', async () => {
    for (const url of ['/api/v1/health', '/api/v1/nothing-here']) {
      const res = await t.anonymous().get(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      // plain http (the demo): no HSTS
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('adds HSTS and secure cookies when PUBLIC_URL is https', async () => {
    const res = await secure.anonymous().get('/api/v1/health');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    const login = await secure.anonymous().post('/api/v1/auth/login', { username: 'puskesos.cinunuk', password: 'slrt-demo' });
    expect([login.headers['set-cookie']].flat().join(';')).toMatch(/;\s*Secure/i);
  });

  it('keeps answers with personal data out of every cache', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK });
    const officer = await t.as('puskesos.cinunuk');
    for (const url of [`/api/v1/persons/${person.id}`, '/api/v1/auth/me', '/api/v1/cases']) {
      const res = await officer.get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers['cache-control'], url).toContain('no-store');
    }
  });
});
