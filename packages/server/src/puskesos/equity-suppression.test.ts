import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EquityRow, EquityView } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aCase } from '../cases/testing.ts';
import { CINUNUK } from './testing.ts';

/**
 * The equity table without re-identification (issue 17 item 8): the executive and the village
 * head see a village's case count of 1-4 as '<5', the count that would reveal it from the
 * kecamatan's total as 'x', and no figure computed from a hidden count; the kabupaten manager
 * (who reads cases) sees the exact counts.
 */

let t: TestApp;
const WETAN = '32.04.05.2002';
const year = new Date().getFullYear();

beforeAll(async () => {
  t = await createTestApp();
  await (await t.as('kabupaten')).put(`/api/v1/puskesos/${CINUNUK}`, { status: 'active', host: 'own_building', population: 20000 });
  for (let i = 0; i < 3; i++) await aCase(t.deps);
  const moved: string[] = [];
  for (let i = 0; i < 7; i++) moved.push((await aCase(t.deps)).id);
  // seven cases of the neighbouring village (no demo officer works there)
  await t.deps.db.query('UPDATE cases SET village_code = $2 WHERE id = ANY($1::uuid[])', [moved, WETAN]);
});
afterAll(() => t.close());

const equity = async (user: string) => {
  const res = await (await t.as(user)).get<EquityView>(`/api/v1/puskesos/equity?area=32.04.05&year=${year}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const village = (v: EquityView, code: string) => v.villages.find((r: EquityRow) => r.code === code)!;

describe('equity table: small counts suppressed', () => {
  it('shows the exact counts to the kabupaten manager, who reads cases', async () => {
    const view = await equity('kabupaten');
    expect(view.suppressed).toBe(false);
    expect(village(view, CINUNUK).cases).toBe(3);
    expect(village(view, WETAN).cases).toBe(7);
    expect(view.kecamatan[0]!.cases).toBe(10);
  });

  it('hides 1-4 as <5 and the complement as x for the executive, and the figures computed from them', async () => {
    const view = await equity('eksekutif');
    expect(view.suppressed).toBe(true);
    const cinunuk = village(view, CINUNUK);
    expect(cinunuk).toMatchObject({ cases: '<5', fundingPerCase: null, casesPerOfficer: null, medianDaysToFirstAction: null, population: 20000 });
    // 10 - 7 would give Cinunuk's 3
    expect(village(view, WETAN).cases).toBe('x');
    expect(view.kecamatan[0]!.cases).toBe(10);
    expect(view.villages.filter((v) => v.code !== CINUNUK && v.code !== WETAN).every((v) => v.cases === 0)).toBe(true);
  });

  it('hides the village head\'s own small count, and the kecamatan row made of it', async () => {
    const res = await (await t.as('kades.cinunuk')).get<EquityView>(`/api/v1/puskesos/equity?year=${year}`);
    expect(res.status).toBe(200);
    expect(res.body.villages.map((v) => [v.code, v.cases])).toEqual([[CINUNUK, '<5']]);
    expect(res.body.kecamatan.map((k) => k.cases)).toEqual(['<5']);
  });
});
