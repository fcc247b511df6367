import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { IMPORT_PHASES, t, type HeaderMappingView, type ImportStatusView, type Locale } from '@slrt/core';
import { z } from 'zod';
import { newId } from '../../db/ids.ts';
import type { Deps, RequestContext } from '../../http/context.ts';
import { csvStream } from '../../http/csv.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { CANONICAL_COLUMNS, isCanonicalColumn, mapHeaders, REQUIRED_COLUMNS, type HeaderMapping } from './columns.ts';
import { insertImport, listImports, requeue, selectImport, selectImportErrors, type ImportRow } from './import-queries.ts';
import { liveProgress } from './progress.ts';
import { detectFormat, readHeader, type ImportFormat } from './read-file.ts';

/** Where uploads wait for the worker: DATA_DIR/imports. */
export function importsDir(deps: Pick<Deps, 'config'>): string {
  return path.join(deps.config.dataDir, 'imports');
}

export const ImportOptions = z.object({
  mapping: z.record(z.string().max(200), z.string().max(50)).default({}),
  desilSource: z.string().trim().min(1).max(100).optional(),
  desilDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

function toView(row: ImportRow, locale: Locale): ImportStatusView {
  let error: string | null = null;
  if (row.error) {
    try {
      const e = JSON.parse(row.error) as { key: string; params?: Record<string, string | number> };
      error = t(locale, e.key, e.params);
    } catch {
      error = t(locale, 'registry.import.failed');
    }
  }
  return {
    id: row.id, status: row.status, fileName: row.file_name, rowsTotal: row.rows_total, rowsDone: row.rows_done,
    rowsOk: row.rows_ok, rowsRejected: row.rows_rejected,
    errorReportUrl: row.rows_rejected > 0 ? `/api/v1/registry/imports/${row.id}/errors.csv` : null,
    error, createdByName: row.created_by_name, createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null, finishedAt: row.finished_at?.toISOString() ?? null,
    ...progressOf(row),
  };
}

/**
 * The phases of a running import: from this process when it runs the import, else from what
 * the import's row has committed (rows staged; the apply once every row is).
 */
function progressOf(row: ImportRow): Pick<ImportStatusView, 'phase' | 'phases' | 'secondsLeft'> {
  if (row.status !== 'running') return { phase: null, phases: [], secondsLeft: null };
  const live = liveProgress(row.id);
  if (live) return live.view();
  const total = row.rows_total;
  const rowsIn = total !== null && row.rows_done >= total;
  return {
    phase: total === null ? 'read' : rowsIn ? 'apply' : 'stage',
    phases: IMPORT_PHASES.map((phase) => (phase === 'apply' || phase === 'index' ? { phase, done: 0, total: 1 } : { phase, done: row.rows_done, total })),
    secondsLeft: null,
  };
}

function mappingView(header: string[], mapping: Record<string, string>): HeaderMappingView {
  const m: HeaderMapping = mapHeaders(header, mapping);
  return { headers: m.headers, missingRequired: m.missingRequired, duplicates: m.duplicates, canonicalColumns: [...CANONICAL_COLUMNS], requiredColumns: [...REQUIRED_COLUMNS] };
}

/** Checks an uploaded file and its options; throws a field-named 400. */
async function checkUpload(file: string, fileName: string, options: ImportOptions): Promise<{ format: ImportFormat; header: string[] }> {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(4096);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const format = detectFormat(head.subarray(0, n), fileName);
  if (!format) throw fieldError('file', 'registry.import.bad_format');
  for (const [h, c] of Object.entries(options.mapping)) {
    if (c !== '' && !isCanonicalColumn(c)) throw fieldError(`mapping.${h}`, 'registry.import.unknown_column', { value: c });
  }
  let header: string[];
  try {
    header = await readHeader(file, format);
  } catch {
    throw fieldError('file', 'registry.import.unreadable');
  }
  if (header.length === 0) throw fieldError('file', 'registry.import.empty_file');
  return { format, header };
}

/** The headers of an upload and how they map, without importing anything (the file is not kept). */
export async function previewUpload(ctx: RequestContext, file: string, fileName: string, options: ImportOptions) {
  const { header } = await checkUpload(file, fileName, options);
  await ctx.auditRead({ action: 'registry.import_preview', recordType: 'registry_import', purpose: 'registry.import', details: { fileName } });
  return mappingView(header, options.mapping);
}

/**
 * Registers an uploaded file (already under DATA_DIR/imports) as a queued import, checked
 * up front: a file without the required columns is refused with 400 (nothing queued).
 */
export async function createImport(
  deps: Deps, ctx: RequestContext, upload: { id: string; file: string; fileName: string }, options: ImportOptions,
): Promise<{ id: string }> {
  const { format, header } = await checkUpload(upload.file, upload.fileName, options);
  const mapped = mapHeaders(header, options.mapping);
  if (mapped.missingRequired.length) {
    throw new AppError('validation', { key: 'error.validation' }, {
      file: { key: 'registry.import.missing_columns', params: { columns: mapped.missingRequired.join(', ') } },
    }, { mapping: mappingView(header, options.mapping) });
  }
  await deps.db.transaction(async (tx) => {
    await insertImport(tx, {
      id: upload.id, kabCode: ctx.actor.kabCode, fileName: upload.fileName, storedPath: upload.file, format,
      mapping: options.mapping, options: { header, ...(options.desilSource ? { desilSource: options.desilSource } : {}), ...(options.desilDate ? { desilDate: options.desilDate } : {}) },
      createdBy: ctx.actor.userId, createdByName: ctx.actor.displayName, auditContext: ctx.auditContext,
    });
    await ctx.auditWrite(tx, { action: 'registry.import_create', recordType: 'registry_import', recordIds: [upload.id], details: { fileName: upload.fileName, format } });
  });
  return { id: upload.id };
}

export function newUploadPath(deps: Pick<Deps, 'config'>, fileName: string): { id: string; file: string } {
  const id = newId();
  fs.mkdirSync(importsDir(deps), { recursive: true });
  const ext = /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv';
  return { id, file: path.join(importsDir(deps), `${id}.${ext}`) };
}

/** An import's status (file name and counts, no personal data; audited like every registry.import read). */
export async function getImport(deps: Deps, ctx: RequestContext, id: string, opts: { audit?: boolean } = {}): Promise<ImportStatusView> {
  const row = await selectImport(deps.db, ctx.actor.kabCode, id);
  if (!row) throw notFound();
  if (opts.audit !== false) await ctx.auditRead({ action: 'registry.import_status', recordType: 'registry_import', recordIds: [id], purpose: 'registry.import' });
  return toView(row, ctx.locale);
}

export async function getImportHeaders(deps: Deps, ctx: RequestContext, id: string) {
  const row = await selectImport(deps.db, ctx.actor.kabCode, id);
  if (!row) throw notFound();
  const header = row.options.header ?? [];
  await ctx.auditRead({ action: 'registry.import_headers', recordType: 'registry_import', recordIds: [id], purpose: 'registry.import' });
  return mappingView(header, row.mapping);
}

export async function listImportsFor(deps: Deps, ctx: RequestContext, page: { limit: number; cursor?: string | undefined }) {
  if (page.cursor !== undefined && !/^[0-9a-f-]{36}$/i.test(page.cursor)) throw fieldError('cursor', 'field.invalid');
  const rows = await listImports(deps.db, ctx.actor.kabCode, { limit: page.limit, before: page.cursor });
  const items = rows.slice(0, page.limit);
  await ctx.auditRead({ action: 'registry.import_list', recordType: 'registry_import', recordIds: items.map((r) => r.id), purpose: 'registry.import' });
  return { items: items.map((r) => toView(r, ctx.locale)), nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
}

/** Queues a failed import again: it resumes after its last committed batch. */
export async function resumeImport(deps: Deps, ctx: RequestContext, id: string): Promise<ImportStatusView> {
  const row = await selectImport(deps.db, ctx.actor.kabCode, id);
  if (!row) throw notFound();
  if (row.status !== 'failed') throw new AppError('conflict', { key: 'registry.import.not_failed', params: { status: row.status } });
  if (!fs.existsSync(row.stored_path)) throw new AppError('conflict', { key: 'registry.import.file_gone' });
  await deps.db.transaction(async (tx) => {
    await requeue(tx, id);
    await ctx.auditWrite(tx, { action: 'registry.import_resume', recordType: 'registry_import', recordIds: [id] });
  });
  return getImport(deps, ctx, id, { audit: false });
}

/** The error report as CSV (row, column, reason in the caller's language), streamed. */
export async function importErrorReport(deps: Deps, ctx: RequestContext, id: string): Promise<{ fileName: string; stream: Readable }> {
  const row = await selectImport(deps.db, ctx.actor.kabCode, id);
  if (!row) throw notFound();
  await ctx.auditRead({ action: 'registry.import_errors', recordType: 'registry_import', recordIds: [id], purpose: 'registry.import' });
  const locale = ctx.locale;
  async function* pages() {
    let after = 0;
    for (;;) {
      const page = await selectImportErrors(deps.db, id, after, 1000);
      if (page.length === 0) return;
      yield page.map((e) => [e.row_no, e.column_name, t(locale, e.reason_key, e.reason_params)]);
      after = page.at(-1)!.id;
    }
  }
  return { fileName: `${row.file_name.replace(/\.[^.]+$/, '')}-errors.csv`, stream: csvStream(['row', 'column', 'reason'], pages()) };
}
