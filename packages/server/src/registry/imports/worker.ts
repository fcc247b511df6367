import fs from 'node:fs';
import { newId } from '../../db/ids.ts';
import type { Deps } from '../../http/context.ts';
import { knownRegions } from '../nik-check.ts';
import { applyBatch } from './apply-batch-queries.ts';
import { checkImportedPersons } from '../linkage/import-check.ts';
import {
  analyzeRegistry, applyStaged, BULK_MAX_EXISTING_SHARE, BULK_MIN_ROWS, createStage, registryHasFewerThan, restartImport, stageChunk, stageIsWhole,
} from './bulk-load-queries.ts';
import { mapHeaders, type CanonicalColumn } from './columns.ts';
import {
  claimImport, forgetSeen, markFinished, pendingImports, renewClaim, selectImportById, setBulkMode, setRowsTotal, villagesForImport, type ImportRow,
} from './import-queries.ts';
import { DEFAULT_CHECK_THREADS, openCheckRun, WORKER_MIN_ROWS, type CheckRun } from './check-pool.ts';
import { packRow, type CheckedChunk, type PackedRow } from './check-worker.ts';
import { ImportTracker, trackImport } from './progress.ts';
import { countDataRows, readSheet } from './read-file.ts';

/** Rows per batch (incremental path) or per staged chunk (bulk path): the resume point. */
const DEFAULT_BATCH_SIZE = 5000;
/** A run's claim on its import lapses after this many seconds unless renewed (every third of it). */
const CLAIM_LEASE_SECONDS = 60;

export interface ImportProgress {
  rowsTotal: number | null;
  rowsDone: number;
  rowsOk: number;
  rowsRejected: number;
}

export interface RunOptions {
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Called after each committed batch (1, 2, ...). A test throws here to simulate a crash. */
  afterBatch?: (batchNo: number) => void | Promise<void>;
  /** Checked between batches: true stops at the batch boundary, leaving the import running. */
  shouldStop?: () => boolean;
  /** Data rows from which a file into an empty registry takes the bulk path (bulk-load-queries.ts). */
  bulkMinRows?: number;
  /** persons rows in all up to which the bulk apply drops and rebuilds the indexes. */
  dropIndexesMaxRows?: number;
  /** Rows left to read from which worker threads check them (check-pool.ts); fewer are checked in this thread. */
  workerMinRows?: number;
  /** Worker threads that check the rows (default: DEFAULT_CHECK_THREADS, none on 2 cores). */
  checkThreads?: number;
  /** Given the run's progress tracker (the bench reads the time of each phase from it). */
  onTracker?: (tracker: ImportTracker) => void;
}

/** An import failure the API can show: a message key and its parameters, stored as JSON. */
class ImportFailure extends Error {
  readonly key: string;
  readonly params: Record<string, string | number>;
  constructor(key: string, params: Record<string, string | number> = {}) {
    super(key);
    this.key = key;
    this.params = params;
  }
}

/**
 * Runs (or resumes) one import: counts the rows once, then reads the file as a stream,
 * skipping the rows that committed batches already consumed, and applies the rest batch by
 * batch, each in its own transaction with its errors and the progress. Idempotent: a
 * finished import does nothing; a rerun of the same file changes nothing.
 */
export async function runImport(deps: Deps, importId: string, opts: RunOptions = {}): Promise<ImportRow> {
  const first = await selectImportById(deps.db, importId);
  if (!first) throw new Error(`no import ${importId}`);
  if (first.status === 'done') return first;
  // exactly one run works on an import: another process's live claim means leave it alone
  const owner = newId();
  if (!(await claimImport(deps.db, importId, owner, CLAIM_LEASE_SECONDS))) return (await selectImportById(deps.db, importId))!;
  let lost = false;
  const renewal = setInterval(() => {
    renewClaim(deps.db, importId, owner, CLAIM_LEASE_SECONDS).then((held) => {
      if (!held) lost = true;
    }, () => {});
  }, (CLAIM_LEASE_SECONDS * 1000) / 3);
  renewal.unref();
  const run = { ...opts, shouldStop: () => lost || (opts.shouldStop?.() ?? false) };
  try {
    return await claimedRun(deps, importId, run);
  } finally {
    clearInterval(renewal);
  }
}

async function claimedRun(deps: Deps, importId: string, opts: RunOptions): Promise<ImportRow> {
  let tracker = new ImportTracker(null, 0);
  let untrack = () => {};
  try {
    let imp = (await selectImportById(deps.db, importId))!;
    if (imp.rows_total === null) {
      await setRowsTotal(deps.db, importId, await countDataRows(imp.stored_path, imp.format));
      imp = (await selectImportById(deps.db, importId))!;
    }
    // The path is chosen once, before the first row: bulk for a first load (bulk-load-queries.ts).
    if (imp.options.bulk === undefined && imp.rows_done === 0) {
      const total = imp.rows_total ?? 0;
      const bulk = total >= (opts.bulkMinRows ?? BULK_MIN_ROWS) && (await registryHasFewerThan(deps.db, imp.kab_code, Math.ceil(total * BULK_MAX_EXISTING_SHARE)));
      if (bulk) await createStage(deps.db, importId);
      await setBulkMode(deps.db, importId, bulk ? 'staging' : 'off');
      imp = (await selectImportById(deps.db, importId))!;
    } else if (imp.options.bulk === 'staging' && !(await stageIsWhole(deps.db, imp))) {
      await deps.db.transaction((tx) => restartImport(tx, imp, 'staging'));
      imp = (await selectImportById(deps.db, importId))!;
    }
    for (;;) {
      tracker = new ImportTracker(imp.rows_total, imp.rows_done);
      untrack();
      untrack = trackImport(importId, tracker);
      opts.onTracker?.(tracker);
      const outcome = await processRows(deps, imp, opts, tracker);
      if (outcome === 'stopped') return (await selectImportById(deps.db, importId))!;
      if (outcome === 'restart') {
        // A row met the registry while staging: the batch path, from the first row.
        await deps.db.transaction((tx) => restartImport(tx, imp, 'off'));
        imp = (await selectImportById(deps.db, importId))!;
        continue;
      }
      imp = (await selectImportById(deps.db, importId))!;
      if (imp.options.bulk !== 'staging') break;
      const staged = imp;
      const applied = await deps.db.transaction((tx) => applyStaged(tx, {
        imp: staged, actor: { actorId: staged.created_by, actorName: staged.created_by_name }, dropIndexesMaxRows: opts.dropIndexesMaxRows,
        audit: (t, input) => deps.auditLog.record(t, staged.audit_context, input), tracker,
      }));
      imp = (await selectImportById(deps.db, importId))!;
      if (applied !== 'restart') break;
    }
    if (tracker.phase !== 'index') tracker.begin('index', 1);
    await analyzeRegistry(deps.db);
    tracker.step('index', 'analyze');
    await deps.db.transaction(async (tx) => {
      await forgetSeen(tx, importId);
      await markFinished(tx, importId, 'done', null);
      const done = (await selectImportById(tx, importId))!;
      await deps.auditLog.record(tx, imp.audit_context, {
        action: 'registry.import_done', recordType: 'registry_import', recordIds: [importId],
        details: { rowsTotal: done.rows_total, rowsOk: done.rows_ok, rowsRejected: done.rows_rejected },
      });
    });
    fs.rmSync(imp.stored_path, { force: true });
  } catch (err) {
    const failure = err instanceof ImportFailure ? { key: err.key, params: err.params } : { key: 'registry.import.failed', params: {} };
    await markFinished(deps.db, importId, 'failed', JSON.stringify(failure));
    throw err;
  } finally {
    untrack();
  }
  // Likely duplicates among the new persons are listed for review. The import is done already
  // (a duplicate never stops it); a failure here reaches the worker's log, not the import.
  const done = (await selectImportById(deps.db, importId))!;
  await tracker.timed('review', () => checkImportedPersons(deps, importId, done.kab_code, done.created_by));
  return done;
}

/** 'stopped' at a batch boundary by `shouldStop`; 'restart' when the bulk path must give way to batches. */
async function processRows(deps: Deps, imp: ImportRow, opts: RunOptions, tracker: ImportTracker): Promise<'done' | 'stopped' | 'restart'> {
  const batchSize = opts.batchSize ?? imp.options.batchSize ?? DEFAULT_BATCH_SIZE;
  const kabupaten = `${imp.kab_code.slice(0, 2)}.${imp.kab_code.slice(2)}`;
  const { villages, bps } = await villagesForImport(deps.db, kabupaten);
  const regions = await knownRegions(deps.db);
  const actor = { actorId: imp.created_by, actorName: imp.created_by_name };
  const audit = (tx: Parameters<Deps['auditLog']['record']>[0], input: Parameters<Deps['auditLog']['record']>[2]) => deps.auditLog.record(tx, imp.audit_context, input);

  let columns: Array<CanonicalColumn | null> | null = null;
  let pool: CheckRun | null = null;
  let consumed = 0;
  let batchNo = imp.batches_committed;
  let chunk: PackedRow[] = [];
  const progress: ImportProgress = { rowsTotal: imp.rows_total, rowsDone: imp.rows_done, rowsOk: imp.rows_ok, rowsRejected: imp.rows_rejected };
  opts.onProgress?.({ ...progress });

  const staging = imp.options.bulk === 'staging';
  const checkRegistry = staging && !(await registryHasFewerThan(deps.db, imp.kab_code, 1));
  let restart = false;
  const commit = async (checked: Promise<CheckedChunk>, rowsConsumed: number) => {
    const c = await checked;
    if (restart) return;
    const result = staging
      ? await deps.db.transaction((tx) => stageChunk(deps.db, tx, { importId: imp.id, kabCode: imp.kab_code, csv: c.csv ?? new Uint8Array(), ok: c.ok, errors: c.errors, rowsConsumed, keys: c.keys ?? null }))
      : await deps.db.transaction((tx) => applyBatch(tx, { importId: imp.id, kabCode: imp.kab_code, fileName: imp.file_name, rows: c.rows ?? [], errors: c.errors, rowsConsumed, actor, audit }));
    if (result === 'restart') {
      restart = true;
      return;
    }
    batchNo++;
    progress.rowsDone = rowsConsumed;
    progress.rowsOk += result.ok;
    progress.rowsRejected += result.rejected;
    tracker.rows('staged', rowsConsumed);
    opts.onProgress?.({ ...progress });
    await opts.afterBatch?.(batchNo);
  };
  // Worker threads check the chunks while this thread reads the file and the database commits
  // the chunks before (all cores); chunks still commit one after the other, in file order.
  let inflight: Promise<void> = Promise.resolve();
  const queued: Array<Promise<void>> = [];
  const send = async () => {
    if (chunk.length === 0) return;
    const rows = chunk, rowsConsumed = consumed;
    chunk = [];
    tracker.rows('read', rowsConsumed);
    const checked = pool!.check(rows);
    checked.then(() => tracker.rows('checked', Math.max(tracker.checked, rowsConsumed)), () => {});
    inflight = inflight.then(() => commit(checked, rowsConsumed));
    inflight.catch(() => {}); // awaited (and thrown) below or at the end
    queued.push(inflight);
    // no more chunks read ahead than the workers can check meanwhile
    while (queued.length > pool!.width) await queued.shift();
  };

  try {
    for await (const sheetRow of readSheet(imp.stored_path, imp.format)) {
      if (columns === null) {
        if (sheetRow.error) throw new ImportFailure('registry.import.header_unreadable', { row: sheetRow.rowNo });
        const mapped = mapHeaders(sheetRow.cells.map((c) => c.text), imp.mapping);
        if (mapped.missingRequired.length) throw new ImportFailure('registry.import.missing_columns', { columns: mapped.missingRequired.join(', ') });
        columns = mapped.columns;
        pool = openCheckRun({
          columns, villages: [...villages], bps: [...bps], regions: [...regions], desilSource: imp.options.desilSource, desilDate: imp.options.desilDate,
          mode: staging ? 'stage' : 'rows', keys: checkRegistry,
        }, (imp.rows_total ?? 0) - imp.rows_done >= (opts.workerMinRows ?? WORKER_MIN_ROWS) ? (opts.checkThreads ?? DEFAULT_CHECK_THREADS) : 0);
        continue;
      }
      consumed++;
      if (consumed <= imp.rows_done) continue; // committed by an earlier run
      chunk.push(sheetRow.error ? { rowNo: sheetRow.rowNo, error: sheetRow.error } : pool!.packs ? packRow(sheetRow.rowNo, sheetRow.cells) : { rowNo: sheetRow.rowNo, cells: sheetRow.cells });
      if (chunk.length >= batchSize) {
        await send();
        if (restart) break;
        if (opts.shouldStop?.()) {
          await inflight;
          return restart ? 'restart' : 'stopped';
        }
      }
    }
    if (columns === null) throw new ImportFailure('registry.import.empty_file');
    if (!restart) {
      tracker.readAll(consumed);
      await send();
    }
    await inflight;
  } finally {
    pool?.close();
  }
  // the quick count before the run reads no records; the run's count is the one that holds
  if (!restart && consumed !== imp.rows_total) await setRowsTotal(deps.db, imp.id, consumed);
  return restart ? 'restart' : 'done';
}

/**
 * The background worker inside the server process: runs queued imports one at a time (the
 * machine is small), resumes the ones a stop or a crash interrupted, and stops at a batch
 * boundary when the server closes.
 */
export class ImportWorker {
  private readonly deps: Deps;
  private readonly log: (msg: string, err?: unknown) => void;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(deps: Deps, log: (msg: string, err?: unknown) => void = () => {}) {
    this.deps = deps;
    this.log = log;
  }

  /** Looks for work now (after an upload, at start-up). */
  kick(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      for (const id of await pendingImports(this.deps.db)) {
        if (this.stopping) return;
        try {
          await runImport(this.deps, id, { shouldStop: () => this.stopping });
        } catch (err) {
          this.log(`registry import ${id} failed`, err);
        }
      }
    } while (this.again && !this.stopping);
    // what is still pending is claimed by another process (or was, before it died): look again
    // once such a claim could have lapsed
    if (!this.stopping && (await pendingImports(this.deps.db)).length > 0) {
      clearTimeout(this.retry);
      this.retry = setTimeout(() => this.kick(), CLAIM_LEASE_SECONDS * 1000);
      this.retry.unref();
    }
  }

  /** Resolves when the current batch has committed. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retry);
    await this.running;
  }

  /** Resolves when there is no more work (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }
}
