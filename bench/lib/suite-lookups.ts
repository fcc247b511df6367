import { NAME_MATCH_THRESHOLD } from '../../packages/server/src/registry/search-queries.ts';
import { runLoad } from './load.ts';
import type { SeqTiming } from './protocol.ts';
import { ratioOf, type Budget, type Metrics } from './results.ts';
import { BREAKDOWN_STEPS } from './breakdown.ts';
import { type Callers, LOAD_CONNECTIONS, NIK_CONNECTIONS, type Run, SEARCH_CONNECTIONS, budget, loadMetrics, pickFrom, row, seqMetrics, withCost } from './suite-run.ts';

/** 2a. NIK lookup and name search in the database: the registry's queries against bare ones. */
export async function measureLookupsInDb({ o, s, kab4, sections }: Run, { village, niks, villageSample, kabSample, villageNames, kabNames, officerGrant, managerGrant, seqN, kabN }: Callers) {
  // the ceiling's single statement runs with the registry's threshold (set for the database
  // before the server started on PostgreSQL, for the one session on PGlite)
  if (o.engine === 'pglite') await s.call('exec', { sql: `SET pg_trgm.word_similarity_threshold = ${NAME_MATCH_THRESHOLD}` });
  const bare = {
    nik: { sql: 'SELECT id, full_name, village_code, birth_date, sex FROM persons WHERE kab_code = $1 AND nik = $2', fixed: [kab4], params: ['nik'] },
    searchVillage: { sql: 'SELECT id, full_name, village_code FROM persons WHERE kab_code = $1 AND village_code = $2 AND $3 <% name_norm ORDER BY word_similarity($3, name_norm) DESC, id LIMIT 21', fixed: [kab4], params: ['village', 'q'] },
    searchKab: { sql: 'SELECT id, full_name, village_code FROM persons WHERE kab_code = $1 AND $2 <% name_norm ORDER BY word_similarity($2, name_norm) DESC, id LIMIT 21', fixed: [kab4], params: ['q'] },
  };
  for (const [name, q] of Object.entries(bare)) await s.call('setBareQuery', { name, ...q });
  const dbRows: Array<{ key: string; label: string; real: () => Promise<SeqTiming>; ceiling: () => Promise<SeqTiming>; budgets?: (m: Metrics) => Budget[] }> = [
    {
      key: 'db.nik', label: 'NIK lookup',
      real: () => s.call('realSearchSeq', { kind: 'nik', grant: officerGrant, values: niks.slice(0, seqN), limit: 20 }),
      ceiling: () => s.call('seqSql', { sql: bare.nik.sql, paramSets: niks.slice(0, seqN).map((n) => [kab4, n]) }),
    },
    {
      key: 'db.search.village', label: 'name search in a village',
      real: () => s.call('realSearchSeq', { kind: 'name', grant: officerGrant, area: { level: 'village', code: village }, values: villageNames.slice(0, seqN), expect: villageSample.slice(0, seqN).map((x) => x.orig), limit: 20 }),
      ceiling: () => s.call('seqSql', { sql: bare.searchVillage.sql, paramSets: villageNames.slice(0, seqN).map((n) => [kab4, village, n]) }),
      budgets: (m) => [budget('p95 under 20 ms', m.latency ? m.latency.p95Ms < 20 : null)],
    },
    {
      key: 'db.search.kabupaten', label: 'name search kabupaten-wide',
      real: () => s.call('realSearchSeq', { kind: 'name', grant: managerGrant, values: kabNames.slice(0, kabN), expect: kabSample.slice(0, kabN).map((x) => x.orig), limit: 20 }),
      ceiling: () => s.call('seqSql', { sql: bare.searchKab.sql, paramSets: kabNames.slice(0, kabN).map((n) => [kab4, n]) }),
      budgets: (m) => [budget('p95 under 100 ms', m.latency ? m.latency.p95Ms < 100 : null)],
    },
  ];
  for (const d of dbRows) {
    o.log(`${o.engine} ${o.persons}: database, ${d.label}`);
    const c = await s.measured(d.ceiling);
    const m = await s.measured(d.real);
    const mm = withCost(seqMetrics(m.value, 'queries/s'), m, o.engine);
    const cc = { ...withCost(seqMetrics(c.value, 'queries/s'), c, o.engine), label: 'bare indexed query' };
    const v = m.value as SeqTiming & { hits?: number; found?: number };
    sections['lookup-db'].push(row(d.key, d.label, mm, cc, d.budgets?.(mm) ?? [],
      v.hits === undefined ? undefined : d.key === 'db.nik' ? `${v.hits} of ${v.samplesMs.length} found the person` : `someone of the registered name in the first 20: ${v.found} of ${v.samplesMs.length}`));
  }
}

/** 2b. The same over HTTP: the real routes against bare Fastify routes. */
export async function measureLookupsOverHttp({ o, s, sections, http }: Run, { village, officer, manager, niks, villageNames, kabNames }: Callers) {
  const httpRows: Array<{ key: string; label: string; conns: number; real: string; who: { cookie: string }; ceilingPath: string; values: string[]; param: string; budgets: (m: Metrics, ratio: number | null) => Budget[]; extra?: string }> = [
    {
      key: 'http.nik', label: 'NIK lookup', conns: NIK_CONNECTIONS, who: officer, values: niks, param: 'nik',
      real: '/api/v1/persons?nik=', ceilingPath: '/bare/nik?nik=',
      budgets: (m, r) => [budget('at least 0.5 x bare route req/s', r === null ? null : r >= 0.5), budget('p99 under 25 ms at 50 connections', m.latency ? m.latency.p99Ms < 25 : null)],
    },
    {
      key: 'http.search.village', label: 'name search in a village', conns: SEARCH_CONNECTIONS, who: officer, values: villageNames, param: 'q',
      real: `/api/v1/persons?area=${village}&q=`, ceilingPath: `/bare/searchVillage?village=${village}&q=`,
      budgets: (m) => [budget('p95 under 20 ms', m.latency ? m.latency.p95Ms < 20 : null)],
    },
    {
      key: 'http.search.kabupaten', label: 'name search kabupaten-wide', conns: SEARCH_CONNECTIONS, who: manager, values: kabNames, param: 'q',
      real: '/api/v1/persons?q=', ceilingPath: '/bare/searchKab?q=',
      budgets: (m) => [budget('p95 under 100 ms', m.latency ? m.latency.p95Ms < 100 : null)],
    },
  ];
  if (!o.scaleOnly) {
    httpRows.push({
      key: 'http.search.village.load', label: `name search in a village, ${LOAD_CONNECTIONS} connections`, conns: LOAD_CONNECTIONS, who: officer, values: villageNames, param: 'q',
      real: `/api/v1/persons?area=${village}&q=`, ceilingPath: `/bare/searchVillage?village=${village}&q=`, budgets: () => [],
    });
  }
  for (const h of httpRows) {
    o.log(`${o.engine} ${o.persons}: HTTP, ${h.label}`);
    const pick = pickFrom(h.values.map(encodeURIComponent));
    const minSamples = o.scaleOnly ? 20 : 50;
    const c = await s.measured(() => runLoad({ origin: s.bareUrl, connections: h.conns, ...http(o.httpDurationS), minSamples, pathFor: (i) => `${h.ceilingPath}${pick(i)}` }));
    const m = await s.measured(() => runLoad({ origin: s.url, connections: h.conns, ...http(o.httpDurationS), minSamples, headers: { cookie: h.who.cookie }, pathFor: (i) => `${h.real}${pick(i)}` }));
    const mm = loadMetrics(m.value, 'req/s', m, o.engine);
    const cc = { ...loadMetrics(c.value, 'req/s', c, o.engine), label: 'bare Fastify route' };
    sections['lookup-http'].push(row(h.key, h.label, mm, cc, h.budgets(mm, ratioOf(mm, cc))));
  }
}

/** Where the time of a NIK lookup goes. */
export async function measureNikBreakdown({ o, s, sections, http }: Run, { officer, niks }: Callers) {
  const pick = pickFrom(niks);
  let first: Metrics | null = null;
  for (const step of BREAKDOWN_STEPS) {
    o.log(`${o.engine} ${o.persons}: HTTP, NIK breakdown ${step.step}`);
    const m = await s.measured(() => runLoad({ origin: s.bareUrl, connections: NIK_CONNECTIONS, ...http(o.httpDurationS), headers: { cookie: officer.cookie }, pathFor: (i) => `/steps/nik/${step.step}?nik=${pick(i)}` }));
    const mm = loadMetrics(m.value, 'req/s', m, o.engine);
    first ??= mm;
    sections.breakdown.push(row(`http.nik.step${step.step}`, `${step.step}. ${step.label}`, mm, { ...first, label: 'step 1' }));
  }
  // the real route again, right after the steps: on a shared machine a comparison holds
  // best between figures taken minutes apart, not a quarter of an hour
  o.log(`${o.engine} ${o.persons}: HTTP, NIK real route again`);
  const real = await s.measured(() => runLoad({ origin: s.url, connections: NIK_CONNECTIONS, ...http(o.httpDurationS), headers: { cookie: officer.cookie }, pathFor: (i) => `/api/v1/persons?nik=${pick(i)}` }));
  if (first) sections.breakdown.push(row('http.nik.real', '5. the real route, measured again here', loadMetrics(real.value, 'req/s', real, o.engine), { ...first, label: 'step 1' }));
}
