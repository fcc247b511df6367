import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { areaLevel, kabCodeOf, normalizeAreaCode } from '@slrt/core';
import type { AuditContext } from '../audit/audit-event.ts';
import { AuditLog } from '../audit/audit-log.ts';
import type { Config } from '../config.ts';
import { villagesOf } from '../areas/public.ts';
import type { Deps } from '../http/context.ts';
import { prepareDatabase } from '../server.ts';
import { mapHeaders } from './imports/columns.ts';
import { insertImport, requeue, selectImportById } from './imports/import-queries.ts';
import { detectFormat, readHeader } from './imports/read-file.ts';
import { importsDir } from './imports/service.ts';
import type { ImportTracker } from './imports/progress.ts';
import { runImport, type ImportProgress } from './imports/worker.ts';
import { analyzeRegistry } from './imports/bulk-load-queries.ts';
import { newId } from '../db/ids.ts';
import { canonicalCsvLines } from './synthetic/canonical.ts';
import { generateHouseholds } from './synthetic/generator.ts';
import { loadSynthetic } from './synthetic/load.ts';

/** `slrt registry ...` and `slrt seed synthetic ...`: the registry's command line. */

const operator = (config: Config): AuditContext => ({
  kabCode: kabCodeOf(config.kabupatenCode), actorId: null, actorName: `cli:${process.env.USER ?? 'operator'}`,
  actorRoles: 'operator', clientAddr: 'cli', requestId: null,
});

async function withDeps<T>(config: Config, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const db = await prepareDatabase(config);
  try {
    return await fn({ db, replica: db, auditLog: new AuditLog(db, config.auditKey), config });
  } finally {
    await db.close();
  }
}

/** A progress bar on stderr, redrawn in place. */
function progressBar(label: string) {
  let last = 0;
  return (done: number, total: number | null, extra = '') => {
    const now = Date.now();
    if (now - last < 200 && (total === null || done < total)) return;
    last = now;
    const width = 30;
    const ratio = total ? Math.min(1, done / total) : 0;
    const bar = total ? `[${'#'.repeat(Math.round(ratio * width)).padEnd(width, '.')}] ${String(Math.floor(ratio * 100)).padStart(3)}%` : '';
    process.stderr.write(`\r${label} ${bar} ${done}${total ? `/${total}` : ''} ${extra}   `);
  };
}

const IMPORT_USAGE = 'usage: slrt registry import FILE [--mapping \'{"Header":"canonical"}\'] [--desil-source S] [--desil-date YYYY-MM-DD] [--batch-size N] | slrt registry import --resume ID';

async function importCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { mapping: { type: 'string' }, 'desil-source': { type: 'string' }, 'desil-date': { type: 'string' }, 'batch-size': { type: 'string' }, resume: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file && !values.resume) {
    console.error(IMPORT_USAGE);
    return 2;
  }
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : undefined;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) {
    console.error('--batch-size must be a positive integer');
    return 2;
  }
  return withDeps(config, async (deps) => {
    let id: string;
    if (values.resume) {
      id = values.resume;
      const existing = await selectImportById(deps.db, id);
      if (!existing) {
        console.error(`no import ${id}`);
        return 1;
      }
      await requeue(deps.db, id);
    } else {
      const source = path.resolve(file!);
      if (!fs.existsSync(source)) {
        console.error(`no such file: ${source}`);
        return 1;
      }
      const head = Buffer.alloc(8);
      const fd = fs.openSync(source, 'r');
      fs.readSync(fd, head, 0, 8, 0);
      fs.closeSync(fd);
      const format = detectFormat(head, source);
      if (!format) {
        console.error('not a CSV or XLSX file');
        return 2;
      }
      const mapping = values.mapping ? (JSON.parse(values.mapping) as Record<string, string>) : {};
      const header = await readHeader(source, format);
      const mapped = mapHeaders(header, mapping);
      if (mapped.missingRequired.length) {
        console.error(`missing columns: ${mapped.missingRequired.join(', ')}. Headers: ${header.join(', ')}. Map them with --mapping.`);
        return 2;
      }
      id = newId();
      fs.mkdirSync(importsDir(deps), { recursive: true });
      const stored = path.join(importsDir(deps), `${id}.${format}`);
      fs.copyFileSync(source, stored);
      const ctx = operator(config);
      await deps.db.transaction(async (tx) => {
        await insertImport(tx, {
          id, kabCode: ctx.kabCode, fileName: path.basename(source), storedPath: stored, format, mapping,
          options: { header, ...(values['desil-source'] ? { desilSource: values['desil-source'] } : {}), ...(values['desil-date'] ? { desilDate: values['desil-date'] } : {}) },
          createdBy: null, createdByName: ctx.actorName, auditContext: ctx,
        });
        await deps.auditLog.record(tx, ctx, { action: 'registry.import_create', recordType: 'registry_import', recordIds: [id], details: { fileName: path.basename(source), format } });
      });
      console.error(`import ${id}`);
    }
    const bar = progressBar('import');
    let tracker: ImportTracker | null = null;
    let last: ImportProgress | null = null;
    // the rows, then the phase under way and the time left (the apply and the index build move no rows)
    const show = (p: ImportProgress | null = last) => {
      last = p;
      if (!p) return;
      const v = tracker?.view();
      bar(p.rowsDone, p.rowsTotal, `(${p.rowsRejected} rejected${v ? `; ${v.phase}${v.secondsLeft !== null ? `, about ${v.secondsLeft} s left` : ''}` : ''})`);
    };
    const ticker = setInterval(() => show(), 1000);
    ticker.unref();
    try {
      const done = await runImport(deps, id, { ...(batchSize ? { batchSize } : {}), onProgress: show, onTracker: (t) => { tracker = t; } }).finally(() => clearInterval(ticker));
      process.stderr.write('\n');
      console.log(JSON.stringify({ id, status: done.status, rowsTotal: done.rows_total, rowsOk: done.rows_ok, rowsRejected: done.rows_rejected }));
      return done.status === 'done' ? 0 : 1;
    } catch (err) {
      process.stderr.write('\n');
      console.error(`import ${id} failed: ${(err as Error).message}. Resume with: slrt registry import --resume ${id}`);
      return 1;
    }
  });
}

const SYNTHETIC_USAGE = 'usage: slrt seed synthetic --persons N [--kab 32.04] [--seed S] [--csv FILE (write the canonical import file instead of loading)]';

/** `slrt seed synthetic --persons N --kab 32.04 --seed S [--csv FILE]` */
export async function seedSyntheticCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { persons: { type: 'string' }, kab: { type: 'string' }, seed: { type: 'string' }, csv: { type: 'string' } } });
  const persons = Number(values.persons);
  const kab = normalizeAreaCode(values.kab ?? config.kabupatenCode);
  if (!Number.isInteger(persons) || persons < 1 || !kab || areaLevel(kab) !== 'kabupaten') {
    console.error(SYNTHETIC_USAGE);
    return 2;
  }
  const seed = values.seed ?? '1';
  return withDeps({ ...config, kabupatenCode: kab }, async (deps) => {
    const villages = (await villagesOf(deps.db, kab)).map((v) => v.code);
    if (villages.length === 0) {
      console.error(`no villages under ${kab}`);
      return 1;
    }
    const bar = progressBar('synthetic');
    const started = Date.now();
    const households = generateHouseholds({ persons, seed, villages });
    if (values.csv) {
      const out = fs.createWriteStream(values.csv);
      let n = 0;
      for (const chunk of canonicalCsvLines(households)) {
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        n += chunk.split('\n').length - 1;
        bar(Math.max(0, n - 1), persons);
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      process.stderr.write('\n');
      console.log(`wrote ${persons} persons to ${values.csv} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return 0;
    }
    const result = await loadSynthetic(deps.db, households, { sourceId: `synthetic:${seed}`, onProgress: (p) => bar(p.persons, persons, `(${p.households} households)`) });
    process.stderr.write('\n');
    // Fresh statistics, so that the planner combines the name and village indexes at once.
    await analyzeRegistry(deps.db);
    await deps.db.transaction((tx) => deps.auditLog.record(tx, operator({ ...config, kabupatenCode: kab }), {
      action: 'registry.seed_synthetic', recordType: 'person', details: { persons: result.persons, households: result.households, seed },
    }));
    console.log(`loaded ${result.persons} persons in ${result.households} households in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  });
}

export const registryCommand = {
  help: 'registry import FILE       import a registry extract (CSV/XLSX); --resume ID continues an interrupted one',
  async run(args: string[], config: Config): Promise<number> {
    if (args[0] === 'import') return importCommand(args.slice(1), config);
    console.error(IMPORT_USAGE);
    return 2;
  },
};
