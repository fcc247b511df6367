import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { twoProcesses } from '../../jobs/testing.ts';
import type { Deps } from '../../http/context.ts';
import { newId } from '../../db/ids.ts';
import { canonicalCsvLines } from '../synthetic/canonical.ts';
import { generateHouseholds } from '../synthetic/generator.ts';
import { CINUNUK } from '../testing.ts';
import { insertImport, selectImportById } from './import-queries.ts';
import { MAX_ROW_BYTES, readHeader } from './read-file.ts';
import { importsDir } from './service.ts';
import { runImport } from './worker.ts';

/**
 * An import file as it comes from the field: a row with an unclosed quote or a NUL byte is
 * that row's problem only; a line of hundreds of megabytes is one rejected row, read in
 * bounded memory; two processes never work on the same import.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-import-robust-')) });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(t.deps.config.dataDir, { recursive: true, force: true });
});

/** Synthetic rows in the canonical layout: the header line, then one line per person. */
function canonicalLines(persons: number, seed: string): string[] {
  return [...canonicalCsvLines(generateHouseholds({ persons, seed, villages: [CINUNUK] }))].join('').split('\r\n').filter((l) => l !== '');
}

function fileIn(deps: Deps, write: (fd: number) => void): string {
  fs.mkdirSync(importsDir(deps), { recursive: true });
  const file = path.join(importsDir(deps), `${newId()}.csv`);
  const fd = fs.openSync(file, 'w');
  try {
    write(fd);
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

async function queue(deps: Deps, file: string): Promise<string> {
  const id = newId();
  const ctx = { kabCode: '3204', actorId: null, actorName: 'test', actorRoles: 'operator', clientAddr: 'test', requestId: null };
  await insertImport(deps.db, { id, kabCode: '3204', fileName: path.basename(file), storedPath: file, format: 'csv', mapping: {}, options: {}, createdBy: null, createdByName: 'test', auditContext: ctx });
  return id;
}

const errorsOf = async (deps: Deps, id: string) =>
  (await deps.db.query<{ row_no: number; reason_key: string }>('SELECT row_no, reason_key FROM registry_import_errors WHERE import_id = $1 ORDER BY row_no, id', [id])).rows;

const personsWithNik = async (deps: Deps, niks: string[]) =>
  (await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM persons WHERE nik = ANY($1::text[])', [niks])).rows[0]!.n;

describe('registry import: one bad row is that row', () => {
  it('rejects an unclosed quote and a NUL byte as their rows with line numbers, imports the rest, and a resume does not repeat them', async () => {
    const [header, ...rows] = canonicalLines(12, 'bad-rows');
    expect(rows.length).toBeGreaterThanOrEqual(12);
    const body = rows.slice(0, 12);
    // line 5 (the 4th data row): a name with an opening quote that never closes
    const unclosed = body[3]!.replace(/^([^,]*,[^,]*,)/, '$1"');
    // line 8: a NUL byte in the address
    const nul = body[6]!.replace(/^([^,]*,[^,]*,)/, '$1A\u0000B ');
    const lines = [header, ...body.slice(0, 3), unclosed, ...body.slice(4, 6), nul, ...body.slice(7)];
    const file = fileIn(t.deps, (fd) => fs.writeSync(fd, `${lines.join('\r\n')}\r\n`));
    const good = [...body.slice(0, 3), ...body.slice(4, 6), ...body.slice(7)].map((l) => l.split(',')[0]!);

    // a crash right after the batch that holds line 5, then a resume
    const id = await queue(t.deps, file);
    const crash = new Error('simulated crash');
    await expect(runImport(t.deps, id, { batchSize: 5, afterBatch: (n) => { if (n === 1) throw crash; } })).rejects.toBe(crash);
    expect(await errorsOf(t.deps, id)).toEqual([{ row_no: 5, reason_key: 'registry.import.row_unclosed_quote' }]);
    const done = await runImport(t.deps, id, { batchSize: 5 });
    expect(done).toMatchObject({ status: 'done', rows_total: 12, rows_done: 12, rows_ok: 10, rows_rejected: 2 });
    expect(await errorsOf(t.deps, id)).toEqual([
      { row_no: 5, reason_key: 'registry.import.row_unclosed_quote' },
      { row_no: 8, reason_key: 'registry.import.row_nul' },
    ]);
    expect(await personsWithNik(t.deps, good)).toBe(10);
  });

  it('reads a 120 MB single line as one rejected row in bounded memory, and refuses such a header at once', async () => {
    const [header, ...rows] = canonicalLines(2, 'long-line');
    const MB = 1024 * 1024;
    const junk = Buffer.alloc(MB, 'x');
    const file = fileIn(t.deps, (fd) => {
      fs.writeSync(fd, `${header}\n${rows[0]}\n`);
      for (let i = 0; i < 120; i++) fs.writeSync(fd, junk);
      fs.writeSync(fd, `\n${rows[1]}\n`);
    });
    expect(fs.statSync(file).size).toBeGreaterThan(120 * MB);

    // the reading alone, in a process of its own: its peak memory is what any file costs
    const script = `const { readSheet } = await import(${JSON.stringify(new URL('./read-file.ts', import.meta.url).href)});
      let n = 0; for await (const r of readSheet(${JSON.stringify(file)}, 'csv')) n++;
      // VmHWM is this program's own peak: ru_maxrss (resourceUsage) keeps the high-water mark
      // of the forked test worker across exec, so it grows with the worker, not with the reading
      const { readFileSync } = await import('node:fs');
      let hwm = NaN; try { hwm = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]); } catch {}
      process.stdout.write(JSON.stringify({ rows: n, maxRssKb: Number.isFinite(hwm) ? hwm : process.resourceUsage().maxRSS }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const { rows: read, maxRssKb } = JSON.parse(out) as { rows: number; maxRssKb: number };
    console.log(`reading a file with a 120 MB line: peak ${Math.round(maxRssKb / 1024)} MB`);
    expect(read).toBe(4);
    expect(maxRssKb / 1024).toBeLessThan(512);

    global.gc?.();
    const base = process.memoryUsage.rss();
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 10);
    try {
      const id = await queue(t.deps, file);
      const done = await runImport(t.deps, id);
      expect(done).toMatchObject({ status: 'done', rows_total: 3, rows_ok: 2, rows_rejected: 1 });
      expect(await errorsOf(t.deps, id)).toEqual([{ row_no: 3, reason_key: 'registry.import.row_too_long' }]);

      // the same line as a header: the preview stops at the cap, and the upload is refused
      const headerOnly = fileIn(t.deps, (fd) => {
        for (let i = 0; i < 120; i++) fs.writeSync(fd, junk);
      });
      await expect(readHeader(headerOnly, 'csv')).rejects.toThrow('registry.import.row_too_long');
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage.rss());
    const grownMb = (peak - base) / MB;
    // the whole import, in this process (which also holds the database): what the file added
    console.log(`import of a file with a 120 MB line: the test process grew by ${Math.round(grownMb)} MB`);
    expect(grownMb).toBeLessThan(128);

    expect(MAX_ROW_BYTES).toBeLessThan(MB);
  });
});

describe('registry import: claimed by one process', () => {
  it('two processes running the same import: exactly one works on it and the counts are exact', async () => {
    const two = await twoProcesses();
    try {
      const [header, ...rows] = canonicalLines(60, 'two-processes');
      const file = fileIn(two.a.deps, (fd) => fs.writeSync(fd, `${[header, ...rows].join('\r\n')}\r\n`));
      const id = await queue(two.a.deps, file);
      const results = await Promise.all([two.a.deps, two.b.deps].map((deps) => runImport(deps, id, { batchSize: 10 })));
      const final = (await selectImportById(two.a.deps.db, id))!;
      expect(final).toMatchObject({ status: 'done', rows_total: rows.length, rows_done: rows.length, rows_ok: rows.length, rows_rejected: 0, claimed_by: null });
      // one run did the work; the other found the import claimed (or already done) and left it alone
      expect(results.map((r) => r.status).every((s) => s === 'running' || s === 'done')).toBe(true);
      const { rows: audit } = await two.a.deps.db.query<{ action: string; n: number }>(
        `SELECT action, count(*)::int AS n FROM audit_events WHERE $1 = ANY(record_ids) AND action LIKE 'registry.import%' GROUP BY action ORDER BY action`, [id]);
      expect(audit).toEqual([{ action: 'registry.import_batch', n: Math.ceil(rows.length / 10) }, { action: 'registry.import_done', n: 1 }]);
      expect(await personsWithNik(two.a.deps, rows.map((l) => l.split(',')[0]!))).toBe(rows.length);
    } finally {
      await two.close();
    }
  });
});
