import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { areaLevel, codesOf, isWithinArea, normalizeAreaCode, readableColumnHeader, readableRow, SPECIFIC_PERSON_FIELDS, type Locale } from '@slrt/core';
import type { Deps, RequestContext } from '../../http/context.ts';
import { csvStream } from '../../http/csv.ts';
import { fieldError } from '../../http/errors.ts';
import { kabupatenOf } from '../persons.ts';
import { mayReadSpecific } from '../views.ts';
import { exportPage, type ExportRow } from './export-queries.ts';

/**
 * Export of the caller's scope in the canonical import layout (so an export can be imported
 * again elsewhere), CSV or XLSX, streamed page by page: never the whole registry in memory.
 * Each page is audited (its person ids) before it is sent.
 *
 * The readable variant (`labels`: the reader's language) writes the same rows for people: each
 * column headed by its name and each coded value as its label (core `readable-columns.ts`),
 * with the village's name beside its code. It is never imported back; the default file stays
 * in the import layout, byte for byte.
 */

const PAGE = 2000;
const DISABILITY_DOMAINS = codesOf('disability_domain');

export type ExportFormat = 'csv' | 'xlsx';


const HOUSEHOLD_INDICATOR_COLUMNS: Array<[string, string]> = [
  ['tenure', 'tenure'], ['land_evidence', 'landEvidence'], ['floor_area_m2', 'floorAreaM2'], ['floor', 'floor'], ['wall', 'wall'],
  ['roof', 'roof'], ['water', 'water'], ['lighting', 'lighting'], ['power_va', 'powerVa'], ['cooking_fuel', 'cookingFuel'],
  ['toilet', 'toilet'], ['disposal', 'disposal'], ['programs_received', 'programsReceived'], ['assets', 'assets'],
  ['owns_land', 'ownsLand'], ['owns_other_house', 'ownsOtherHouse'],
];

function columnsFor(specific: boolean): string[] {
  return [
    'nik', 'kk', 'full_name', 'sex', 'birth_place', 'birth_date', 'relationship', 'marital_status', 'village_code', 'address', 'rt', 'rw',
    'household_ref', 'desil', 'desil_source', 'desil_date', 'registry_status', 'inactive_reason',
    'presence', 'documents_held', 'school_participation', 'education_level', 'work_status', 'work_sector', 'pip_kip', 'dukcapil_match',
    ...(specific ? ['pregnant', ...DISABILITY_DOMAINS.map((d) => `disability_${d}`), 'chronic_illness', 'health_insurance'] : []),
    ...HOUSEHOLD_INDICATOR_COLUMNS.map(([c]) => c),
  ];
}

const yesNo = (b: boolean | null) => (b === null ? '' : b ? 'ya' : 'tidak');
const set = (s: string[] | null) => (s === null ? '' : s.length === 0 ? '-' : s.join(';'));

function valuesOf(r: ExportRow, specific: boolean): string[] {
  const ind: Record<string, unknown> = r.indicators ?? {};
  const indicator = (key: string) => {
    const v = ind[key];
    if (v === undefined || v === null) return '';
    if (Array.isArray(v)) return set(v as string[]);
    if (typeof v === 'boolean') return yesNo(v);
    return String(v);
  };
  return [
    r.nik ?? '', r.kk ?? '', r.full_name, r.sex === 'M' ? 'L' : 'P', r.birth_place ?? '', r.birth_date ?? '', r.relationship ?? '',
    r.marital_status ?? '', r.village_code, r.address ?? '', r.rt ?? '', r.rw ?? '', r.household_ref, r.desil === null ? '' : String(r.desil),
    r.desil_source ?? '', r.desil_date ?? '', r.registry_status, r.inactive_reason ?? '',
    r.presence ?? '', set(r.documents_held), r.school_participation ?? '', r.education_level ?? '', r.work_status ?? '', r.work_sector ?? '',
    yesNo(r.pip_kip), r.dukcapil_match ?? '',
    ...(specific ? [yesNo(r.pregnant), ...DISABILITY_DOMAINS.map((d) => r.disability?.[d] ?? ''), set(r.chronic_illnesses), set(r.health_insurance)] : []),
    ...HOUSEHOLD_INDICATOR_COLUMNS.map(([, key]) => indicator(key)),
  ];
}

/** The readable file's columns: the import layout's, with the village's name after its code. */
function readableColumnsOf(columns: readonly string[]): string[] {
  return columns.flatMap((c) => (c === 'village_code' ? [c, 'village_name'] : [c]));
}

function readableValuesOf(columns: readonly string[], r: ExportRow, specific: boolean, locale: Locale): string[] {
  const values = valuesOf(r, specific).flatMap((v, i) => (columns[i] === 'village_code' ? [v, r.village_name ?? ''] : [v]));
  return readableRow(readableColumnsOf(columns), values, locale, 'code');
}

/** Checks the export request and returns the area filter (null = the whole scope). */
export function exportArea(ctx: Pick<RequestContext, 'actor'>, area: string | undefined): string | null {
  if (area === undefined) return null;
  const code = normalizeAreaCode(area);
  const level = code ? areaLevel(code) : null;
  if (!code || (level !== 'kabupaten' && level !== 'kecamatan' && level !== 'village') || !isWithinArea(code, kabupatenOf(ctx))) {
    throw fieldError('area', 'registry.area_invalid');
  }
  return level === 'kabupaten' ? null : code;
}

/** Yields the pages of the export, auditing each before it leaves. */
async function* pages(deps: Deps, ctx: RequestContext, area: string | null, format: ExportFormat, readable: Locale | null): AsyncGenerator<ExportRow[]> {
  let after: string | null = null;
  let n = 0;
  for (;;) {
    // a whole area's registry, page after page: from the replica when there is one
    const rows = await exportPage(deps.replica, ctx.actor, { kabCode: ctx.actor.kabCode, area, after, limit: PAGE, villageNames: readable !== null });
    if (rows.length === 0 && n > 0) return;
    await ctx.auditRead({
      action: 'registry.export', recordType: 'person', recordIds: rows.map((r) => r.id), purpose: 'registry.export',
      details: { format, area: area ?? 'scope', page: n, specificIncluded: mayReadSpecific(ctx), ...(readable ? { labels: readable } : {}) },
    });
    n++;
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.id;
  }
}

/**
 * The export as a stream. `readable`: null for the import layout (codes), or the language of
 * the readable file (headers and labels).
 */
export function exportStream(deps: Deps, ctx: RequestContext, area: string | null, format: ExportFormat, readable: Locale | null = null): Readable {
  const specific = mayReadSpecific(ctx) && SPECIFIC_PERSON_FIELDS.length > 0;
  const codeColumns = columnsFor(specific);
  const columns = readable ? readableColumnsOf(codeColumns).map((c) => readableColumnHeader(c, readable)) : codeColumns;
  const rowOf = (r: ExportRow) => (readable ? readableValuesOf(codeColumns, r, specific, readable) : valuesOf(r, specific));
  if (format === 'csv') {
    return csvStream(columns, (async function* () {
      for await (const rows of pages(deps, ctx, area, format, readable)) yield rows.map(rowOf);
    })());
  }
  const out = new PassThrough();
  void (async () => {
    // Every cell text-formatted (`@`) and an inline string (`t="inlineStr"`), so that no
    // spreadsheet turns a 16-digit NIK or KK into a number; inline rather than shared strings
    // keep memory flat however large the registry.
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet('registri');
    sheet.columns = columns.map((c) => ({ key: c, width: Math.max(10, Math.min(40, c.length + 4)), style: { numFmt: '@' } }));
    const inline = (values: readonly string[]) => values.map((v) => (v === '' ? null : { richText: [{ text: v }] }));
    sheet.addRow(inline(columns)).commit();
    for await (const rows of pages(deps, ctx, area, format, readable)) {
      for (const r of rows) sheet.addRow(inline(rowOf(r))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
