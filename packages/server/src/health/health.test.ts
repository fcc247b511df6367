import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { isLow, MIN_FREE_BYTES } from './disk.ts';

/** The health check reports the data directory: its free space and a write that must succeed. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/v1/health', () => {
  it('is ok with the data directory writable, and says how much space is free', async () => {
    const res = await t.anonymous().get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { reachable: true }, disk: { writable: true, low: false } });
    expect(res.body.disk.freeBytes).toBeGreaterThan(0);
    expect(res.body.disk.totalBytes).toBeGreaterThanOrEqual(res.body.disk.freeBytes);
    // the probe file is gone
    expect(fs.readdirSync(t.deps.config.dataDir).filter((f) => f.startsWith('.health-'))).toEqual([]);
  });

  it('is degraded (503) when the data directory cannot be written', async () => {
    // a data directory that is a file: nothing can be written inside it (root ignores chmod)
    const notADir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-health-')), 'data');
    fs.writeFileSync(notADir, 'not a directory');
    const broken = await createTestApp({ dataDir: notADir });
    try {
      const res = await broken.anonymous().get('/api/v1/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'degraded', database: { reachable: true }, disk: { writable: false } });
    } finally {
      await broken.close();
      fs.rmSync(path.dirname(notADir), { recursive: true, force: true });
    }
  });

  it('counts a disk as nearly full below 1 GiB or 5%, whichever is smaller', () => {
    expect(isLow(MIN_FREE_BYTES - 1, 1000 * MIN_FREE_BYTES)).toBe(true);
    expect(isLow(MIN_FREE_BYTES + 1, 1000 * MIN_FREE_BYTES)).toBe(false);
    expect(isLow(0.04 * 8 * 1024 ** 3, 8 * 1024 ** 3)).toBe(true);
    expect(isLow(0.06 * 8 * 1024 ** 3, 8 * 1024 ** 3)).toBe(false);
    expect(isLow(0, 0)).toBe(false);
  });
});
