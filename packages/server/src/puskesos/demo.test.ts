import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EquityRow } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { seedDemoPuskesos } from './demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo Puskesos', () => {
  it('fill three dozen varied profiles once, so the equity view shows the inequality', async () => {
    const deps = { ...t.deps, config: { ...t.deps.config, demoPopulation: true } };
    await seedDemoPuskesos(deps);
    await seedDemoPuskesos(deps);
    const view = (await (await t.as('eksekutif')).get('/api/v1/puskesos/equity')).body;
    const filled = view.villages.filter((v: EquityRow) => v.population !== null);
    expect(filled.length).toBeGreaterThanOrEqual(36);
    const hosts = new Set(filled.map((v: EquityRow) => v.host));
    expect(hosts).toEqual(new Set(['own_building', 'village_office', 'borrowed', 'none']));
    expect(filled.some((v: EquityRow) => v.volunteersShare === 1)).toBe(true);
    expect(filled.some((v: EquityRow) => v.volunteersShare !== null && v.volunteersShare < 0.5)).toBe(true);
    const perResident = filled.map((v: EquityRow) => v.fundingPerResident ?? 0).sort((a: number, b: number) => a - b);
    expect(perResident.at(-1)! / Math.max(1, perResident[0]!)).toBeGreaterThan(20);
  });
});
