import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * A built web app as the build leaves it (packages/web/build/precompress.ts): each file with
 * its .br and .gz beside it. Written here so the test does not depend on a prior `npm run build`.
 */
function aBuiltApp(): { dist: string; script: string } {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-web-dist-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  const script = `export const greeting = ${JSON.stringify('Selamat datang di SLRT. '.repeat(200))};\n`;
  const files: Record<string, string> = {
    'index.html': `<!doctype html><html lang="id"><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root">${'Memuat SLRT… '.repeat(40)}</div></body></html>`,
    'sw.js': `self.addEventListener('install', () => {}); // ${'x'.repeat(400)}`,
    'assets/index-AbC123.js': script,
  };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dist, name);
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.br`, brotliCompressSync(text));
    fs.writeFileSync(`${file}.gz`, gzipSync(text));
  }
  return { dist, script };
}

describe('the web app as a phone fetches it', () => {
  let t: TestApp;
  let built: ReturnType<typeof aBuiltApp>;
  beforeAll(async () => {
    built = aBuiltApp();
    t = await createTestApp({}, { dist: built.dist });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(built.dist, { recursive: true, force: true });
  });

  it('sends a fingerprinted script pre-compressed with brotli, cached for a year', async () => {
    const res = await t.app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.length).toBeLessThan(built.script.length / 5);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(built.script);
  });

  it('falls back to gzip, then to the plain file, by what the browser accepts', async () => {
    const gz = await t.app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(built.script);
    const plain = await t.app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(String(plain.headers.vary)).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(built.script);
  });

  it('revalidates index.html (also as the app route fallback) and the service worker', async () => {
    // a partner's link token has a dot before its signature, which may be letters and digits only
    const linkPage = '/tautan-rujukan/AaJQxvAwdN2meDrBUWqHow.Nhft59RkclP41ECvsUphMWAxTNkNCiZ0DMqpxNaCNoc';
    for (const url of ['/', '/index.html', '/kasus/123', linkPage, '/verifikasi/AbC.dEf', '/sw.js']) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
    }
  });

  it('does not answer the compressed files under their own names, nor a missing asset with the app', async () => {
    expect((await t.app.inject({ url: '/assets/index-AbC123.js.br' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/assets/index-Old999.js' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/assets/fonts/missing' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/icons/missing.png' })).statusCode).toBe(404);
  });
});
