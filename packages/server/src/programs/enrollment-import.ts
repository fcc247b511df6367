import fs from 'node:fs';
import { maskNik, t, type EnrollmentImportError, type EnrollmentImportStatus } from '@slrt/core';
import { newId } from '../db/ids.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { fieldError, notFound } from '../http/errors.ts';
import { detectFormat, readSheet, type SheetRow } from '../registry/service.ts';
import { csvDocument } from '../http/csv.ts';
import { programEntry, todayFor } from './catalog.ts';
import * as q from './enrollment-queries.ts';

/**
 * A program's beneficiary list for a period, imported from CSV or XLSX by NIK (a person, and
 * with them their household) or by KK (the household of that family). The file is read as
 * a stream of rows (the registry import's reader) and applied in batches inside one
 * transaction: either the whole list is in, or nothing. Rows that match no one in the
 * caller's area, repeat an earlier row or carry a malformed number are reported, not applied.
 */

const BATCH = 1000;
const NIK_HEADERS = new Set(['nik', 'noktp', 'nomorinduk', 'nomorindukkependudukan']);
const KK_HEADERS = new Set(['kk', 'nokk', 'nomorkk', 'nomorkartukeluarga']);
const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');
const DIGITS16 = /^\d{16}$/;

interface PendingRow { rowNo: number; nik: string | null; kk: string | null }
type ImportError = { rowNo: number; field: string; code: string; value: string | null };

const masked = (v: string) => (DIGITS16.test(v) ? maskNik(v) : v.slice(0, 40));

function idOf(row: SheetRow, col: number | null): { value: string | null; numeric: boolean } {
  if (col === null) return { value: null, numeric: false };
  const cell = row.cells[col];
  const text = (cell?.text ?? '').trim().replace(/^'/, '').replace(/\s+/g, '');
  return { value: text === '' ? null : text, numeric: cell?.numeric ?? false };
}

export async function importEnrollments(
  deps: Deps, ctx: RequestContext, code: string, upload: { file: string; fileName: string }, opts: { period: string; startedOn?: string | undefined },
): Promise<EnrollmentImportStatus> {
  const kab = ctx.actor.kabCode;
  const entry = await programEntry(deps.db, kab, code);
  const fd = fs.openSync(upload.file, 'r');
  const head = Buffer.alloc(8);
  fs.readSync(fd, head, 0, 8, 0);
  fs.closeSync(fd);
  const format = detectFormat(head, upload.fileName);
  if (!format) throw fieldError('file', 'field.invalid_format');
  const startedOn = opts.startedOn ?? todayFor(kab);
  const importId = newId();

  const counts = { totalRows: 0, enrolled: 0, alreadyEnrolled: 0, errorRows: 0 };
  let idColumn: 'nik' | 'kk' | 'both' = 'nik';
  await deps.db.transaction(async (tx) => {
    let nikCol: number | null = null;
    let kkCol: number | null = null;
    let header = true;
    const seen = new Set<string>();
    const errors: ImportError[] = [];
    let pending: PendingRow[] = [];

    const flush = async () => {
      const rows = pending;
      pending = [];
      const persons = await q.selectPersonsByNik(tx, kab, rows.flatMap((r) => (r.nik ? [r.nik] : [])));
      const households = await q.selectHouseholdsByKk(tx, kab, rows.flatMap((r) => (!r.nik && r.kk ? [r.kk] : [])));
      const batch: q.NewEnrollment[] = [];
      for (const r of rows) {
        const byNik = r.nik ? persons.get(r.nik) : undefined;
        const byKk = !r.nik && r.kk ? households.get(r.kk) : undefined;
        const found = byNik ?? byKk;
        const field = r.nik ? 'nik' : 'kk';
        if (!found || !ctx.actor.coversArea('programs.enroll', found.villageCode)) {
          errors.push({ rowNo: r.rowNo, field, code: 'programs.import_not_found', value: masked((r.nik ?? r.kk)!) });
          continue;
        }
        const personId = byNik ? byNik.personId : null;
        const key = `${found.householdId}:${personId ?? ''}`;
        if (seen.has(key)) {
          errors.push({ rowNo: r.rowNo, field, code: 'programs.import_duplicate', value: masked((r.nik ?? r.kk)!) });
          continue;
        }
        seen.add(key);
        batch.push({
          id: newId(), kabCode: kab, villageCode: found.villageCode, programId: entry.program.id, householdId: found.householdId,
          personId, period: opts.period, startedOn, sourceType: 'import', sourceId: importId, createdBy: ctx.actor.username,
        });
      }
      const inserted = await q.insertEnrollments(tx, batch);
      counts.enrolled += inserted.size;
      counts.alreadyEnrolled += batch.length - inserted.size;
    };

    for await (const row of readSheet(upload.file, format)) {
      if (header) {
        header = false;
        row.cells.forEach((c, i) => {
          const h = norm(c.text);
          if (nikCol === null && NIK_HEADERS.has(h)) nikCol = i;
          if (kkCol === null && KK_HEADERS.has(h)) kkCol = i;
        });
        if (nikCol === null && kkCol === null) throw fieldError('file', 'programs.import_no_id_column');
        idColumn = nikCol !== null && kkCol !== null ? 'both' : nikCol !== null ? 'nik' : 'kk';
        continue;
      }
      counts.totalRows += 1;
      const nik = idOf(row, nikCol);
      const kk = idOf(row, kkCol);
      const use = nik.value !== null ? { field: 'nik', ...nik } : { field: 'kk', ...kk };
      if (use.value === null) {
        errors.push({ rowNo: row.rowNo, field: idColumn === 'kk' ? 'kk' : 'nik', code: 'field.required', value: null });
        continue;
      }
      if (!DIGITS16.test(use.value)) {
        errors.push({ rowNo: row.rowNo, field: use.field, code: 'programs.import_bad_id', value: use.value.slice(0, 40) });
        continue;
      }
      pending.push({ rowNo: row.rowNo, nik: use.field === 'nik' ? use.value : null, kk: use.field === 'kk' ? use.value : null });
      if (pending.length >= BATCH) await flush();
    }
    if (header) throw fieldError('file', 'programs.import_no_id_column');
    if (pending.length > 0) await flush();
    counts.errorRows = new Set(errors.map((e) => e.rowNo)).size;
    await q.insertEnrollmentImport(tx, {
      id: importId, kabCode: kab, programId: entry.program.id, period: opts.period, fileName: upload.fileName.slice(0, 200), idColumn,
      ...counts, createdBy: ctx.actor.username,
    });
    await q.insertEnrollmentImportErrors(tx, importId, kab, errors);
    await ctx.auditWrite(tx, {
      action: 'enrollment.import', recordType: 'program_enrollment_import', recordIds: [importId],
      details: { program: code, period: opts.period, ...counts },
    });
  }).finally(() => fs.rmSync(upload.file, { force: true }));
  return getEnrollmentImport(deps, ctx, importId);
}

export async function getEnrollmentImport(deps: Deps, ctx: RequestContext, id: string): Promise<EnrollmentImportStatus> {
  const row = await q.selectEnrollmentImport(deps.db, ctx.actor.kabCode, id);
  if (!row) throw notFound();
  return {
    id: row.id, program: row.program_code, period: row.period, fileName: row.file_name, idColumn: row.id_column,
    totalRows: row.total_rows, enrolled: row.enrolled, alreadyEnrolled: row.already_enrolled, errorRows: row.error_rows,
    createdBy: row.created_by, createdAt: row.created_at.toISOString(),
  };
}

/** The import's error rows in the caller's language; audited (the values are what the file said of residents). */
export async function enrollmentImportErrors(deps: Deps, ctx: RequestContext, id: string): Promise<EnrollmentImportError[]> {
  await getEnrollmentImport(deps, ctx, id);
  const rows = await q.selectEnrollmentImportErrors(deps.db, id);
  // the rows' values are what the file said of residents (NIK, names): a read of personal data
  await ctx.auditRead({ action: 'enrollment.import_errors', recordType: 'program_enrollment_import', recordIds: [id], purpose: 'programs.enrollment' });
  return rows.map((r) => ({ rowNo: r.row_no, field: r.field, code: r.code, message: t(ctx.locale, r.code, { field: r.field }), value: r.value }));
}

/** The error report as CSV (row, field, message, value), in the caller's language. */
export async function enrollmentImportErrorsCsv(deps: Deps, ctx: RequestContext, id: string): Promise<string> {
  const errors = await enrollmentImportErrors(deps, ctx, id);
  return csvDocument(['row', 'field', 'message', 'value'], errors.map((e) => [e.rowNo, e.field, e.message, e.value ?? '']));
}
