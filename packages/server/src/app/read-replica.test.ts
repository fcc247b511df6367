import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseBoard, PersonSearchPage, ReferralBoard, StatsOverview } from '@slrt/core';
import { ConfigError, loadConfig } from '../config.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { configuredReplicaUrl, replicaLabel } from '../testing/replica.ts';
import { aReferral } from '../referrals/testing.ts';
import { aPerson, CINUNUK, type BuiltPerson } from '../registry/testing.ts';

/**
 * The read paths on the replica (issue 19 item 4, db/replica.ts). In the PostgreSQL run of
 * `.ci/run` DATABASE_REPLICA_URL names a real streaming standby (scripts/start-replica.sh):
 * replay is paused, a case is written on the primary, and the dashboard, the case and referral boards, the monthly report,
 * the registry export and a kabupaten-wide search miss it (they are served by the standby)
 * while the office's own reads see it; then replay resumes and they all show it. Without a
 * replica the same tests run with the replica on the primary (PGlite: the primary itself) and
 * every read sees the write at once; each test's name says which.
 */

const LABEL = replicaLabel();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, { replica: true });
}, 180_000);
afterAll(() => t.close());

const replica = () => t.replica!;
/** The month in the kabupaten's time (Asia/Jakarta, UTC+7), as the report's period. */
const thisMonth = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);

describe(`the read replica (${LABEL})`, () => {
  it(`the read paths use the replica this run configured, never the primary in its place (${LABEL})`, async () => {
    expect(replica().standby).toBe(configuredReplicaUrl() !== null);
    const { rows } = await t.deps.replica.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
    expect(rows[0]!.standby).toBe(replica().standby);
    // PGlite and a server without a replica: the same code path on the primary's own Db
    expect(t.deps.replica === t.deps.db).toBe(t.deps.db.kind === 'pglite');
  });

  it(`a write on the primary becomes visible on the replica (${LABEL})`, async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Ratna Replikasari' });
    await replica().caughtUp('replayed');
    const { rows } = await t.deps.replica.query<{ full_name: string }>('SELECT full_name FROM persons WHERE id = $1', [person.id]);
    expect(rows).toEqual([{ full_name: 'Ratna Replikasari' }]);
  });

  it(`while the replica trails the primary, dashboards, boards, reports, exports and kabupaten-wide searches read it and the lag shows; the office's own reads see its write (${LABEL})`, async () => {
    const standby = replica().standby;
    const kab = await t.as('kabupaten');
    const officer = await t.as('puskesos.cinunuk');
    const report = `/api/v1/reports/monthly?area=32.04&period=${thisMonth()}`;
    const overview = async () => {
      const body = (await kab.get('/api/v1/stats/overview', StatsOverview)).body;
      // the Manajer SLRT holds personal-data permissions: counts are never suppressed
      return { cases: Number(body.cases.total), readFrom: body.readFrom };
    };
    const registered = async () => (await kab.get(report)).body.cases.registered as number;
    const board = async () => (await kab.get('/api/v1/cases/board', CaseBoard)).body.rows.reduce((n, r) => n + r.registered, 0);
    const referrals = async () => Object.values((await kab.get('/api/v1/referrals/board', ReferralBoard)).body.byStatus).reduce<number>((n, v) => n + Number(v), 0);
    const found = async (query: string) => (await kab.get(`/api/v1/persons?${query}`, PersonSearchPage)).body.items.map((p) => p.id);
    const exported = async () => String((await (await t.as('supervisor.cileunyi')).get(`/api/v1/registry/export?format=csv&area=${CINUNUK}`)).body);
    const NAME = 'Sulastri Pratiwiningsih';

    const before = await overview();
    const reportBefore = await registered();
    const boardBefore = await board();
    const referralsBefore = await referrals();
    let person: BuiltPerson;
    let caseId: string;
    await replica().pauseReplay();
    try {
      person = await aPerson(t.deps.db, { village: CINUNUK, fullName: NAME });
      // a case referred to a partner: one more case on the dashboard and the case board, one more referral on its board
      caseId = (await aReferral(t.deps, { person })).caseId;
      await replica().caughtUp('received');

      // the standby has the write in hand but has not applied it: what it serves misses it
      const lagging = await overview();
      expect(lagging.cases).toBe(before.cases + (standby ? 0 : 1));
      if (standby) expect(lagging.readFrom.lagSeconds).toBeGreaterThan(0);
      expect(lagging.readFrom).toEqual({ replica: standby, lagSeconds: standby ? lagging.readFrom.lagSeconds : null });
      expect(await registered()).toBe(reportBefore + (standby ? 0 : 1));
      expect(await board()).toBe(boardBefore + (standby ? 0 : 1));
      expect(await referrals()).toBe(referralsBefore + (standby ? 0 : 1));
      expect((await found(`q=${encodeURIComponent(NAME)}`)).includes(person.id)).toBe(!standby);
      expect((await exported()).includes(person.nik!)).toBe(!standby);

      // what the office does next reads the primary: its own village's search, the NIK, the case
      expect(await found(`q=${encodeURIComponent(NAME)}&area=${CINUNUK}`)).toContain(person.id);
      expect(await found(`nik=${person.nik}`)).toEqual([person.id]);
      expect((await officer.get(`/api/v1/cases/${caseId}`)).status).toBe(200);
    } finally {
      await replica().resumeReplay();
    }

    await replica().caughtUp('replayed');
    const after = await overview();
    expect(after.cases).toBe(before.cases + 1);
    // caught up with this write (other tests' writes elsewhere in the cluster may be in flight)
    expect(after.readFrom.replica).toBe(standby);
    if (standby) expect(after.readFrom.lagSeconds).toBeGreaterThanOrEqual(0);
    else expect(after.readFrom.lagSeconds).toBeNull();
    expect(await registered()).toBe(reportBefore + 1);
    expect(await board()).toBe(boardBefore + 1);
    expect(await referrals()).toBe(referralsBefore + 1);
    expect(await found(`q=${encodeURIComponent(NAME)}`)).toContain(person.id);
    expect(await exported()).toContain(person.nik!);
  });
});

describe('DATABASE_REPLICA_URL', () => {
  it('is read with the primary it replicates, and refused without one (the embedded database has no replica)', () => {
    const url = 'postgres://slrt_app:x@replica.example/slrt';
    expect(loadConfig({ DATABASE_URL: 'postgres://owner:x@primary.example/slrt', DATABASE_REPLICA_URL: url }).databaseReplicaUrl).toBe(url);
    expect(loadConfig({}).databaseReplicaUrl).toBeNull();
    expect(() => loadConfig({ DATABASE_REPLICA_URL: url })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_REPLICA_URL: url })).toThrow(/DATABASE_REPLICA_URL needs DATABASE_URL/);
  });
});
