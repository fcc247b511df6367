import fs from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/**
 * Reads an import file as a stream of rows, never the whole file in memory: CSV through
 * csv-parse, XLSX through exceljs's streaming WorkbookReader (first worksheet). Every cell
 * comes as text; `numeric` says the spreadsheet stored a number there, which for NIK and KK
 * means digits were probably lost (nik.md).
 *
 * XLSX keeps all its text in one shared-strings table, which the reader must hold in memory
 * to resolve cells: for very large extracts CSV is the better format.
 */

export type ImportFormat = 'csv' | 'xlsx';

export interface Cell {
  text: string;
  numeric: boolean;
}

export interface SheetRow {
  /** The row as numbered in the file: the header is row 1. */
  rowNo: number;
  cells: Cell[];
}

/** XLSX files are zip archives: they start with `PK\x03\x04`. */
export function detectFormat(head: Buffer, fileName: string): ImportFormat | null {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (/\.(csv|txt)$/i.test(fileName) || head.length === 0 || !head.subarray(0, 512).includes(0)) return 'csv';
  return null;
}

function sniffDelimiter(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const firstLine = buf.subarray(0, n).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
    const counts = [',', ';', '\t', '|'].map((d) => [d, firstLine.split(d).length - 1] as const);
    counts.sort((a, b) => b[1] - a[1]);
    return counts[0]![1] > 0 ? counts[0]![0] : ',';
  } finally {
    fs.closeSync(fd);
  }
}

/** The header row, then every data row. Empty rows are skipped. */
export async function* readSheet(file: string, format: ImportFormat): AsyncGenerator<SheetRow> {
  if (format === 'csv') yield* readCsv(file);
  else yield* readXlsx(file);
}

const CSV_OPTIONS = { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true } as const;

/**
 * CSV rows as csv-parse reads them, with a fast path: while the lines hold no quote and end as
 * the first line does (CRLF or LF, no other carriage return), a line is split at the delimiter directly (what
 * csv-parse gives for such a line, at a fraction of its cost). At the first line that is not
 * that simple, csv-parse reads the rest of the file, from that line, with the record
 * delimiter the file's first line showed it.
 */
async function* readCsv(file: string): AsyncGenerator<SheetRow> {
  const delimiter = sniffDelimiter(file);
  const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const chunks = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  try {
    let lineNo = 0;
    let crlf: boolean | null = null; // the record delimiter, from the first line's end
    let carry: Buffer = Buffer.alloc(0);
    let first = true;
    let handoff: Buffer | null = null;
    for (;;) {
      const next = await chunks.next();
      if (next.done && carry.length === 0) break;
      let buf: Buffer = next.done ? carry : carry.length ? Buffer.concat([carry, next.value]) : next.value;
      if (first && buf.length < 3 && !next.done) {
        carry = buf;
        continue;
      }
      if (first) {
        first = false;
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
      }
      const end = next.done ? buf.length : buf.lastIndexOf(0x0a) + 1;
      carry = buf.subarray(end);
      if (end === 0) continue;
      const text = buf.toString('utf8', 0, end);
      let at = 0;
      while (at < text.length) {
        const nl = text.indexOf('\n', at);
        const stop = nl === -1 ? text.length : nl;
        let line = text.slice(at, stop);
        const cr = line.indexOf('\r');
        const crAtEnd = cr !== -1 && cr === line.length - 1;
        // csv-parse counts a carriage return as a line of its own when the file's lines end in LF
        const simple = !line.includes('"') && (cr === -1 || (crAtEnd && crlf !== false && nl !== -1)) && !(crlf === true && cr === -1 && nl !== -1);
        if (!simple) {
          handoff = Buffer.concat([Buffer.from(text.slice(at), 'utf8'), buf.subarray(end)]);
          break;
        }
        if (crlf === null && nl !== -1) crlf = crAtEnd;
        at = stop + 1;
        lineNo++;
        if (crAtEnd) line = line.slice(0, -1);
        if (line === '') continue; // skip_empty_lines
        const cells = line.split(delimiter).map((t) => ({ text: t.trim(), numeric: false }));
        if (cells.every((c) => c.text === '')) continue;
        yield { rowNo: lineNo, cells };
      }
      if (handoff || next.done) break;
    }
    if (handoff) {
      const rest = handoff;
      const offset = lineNo;
      async function* remaining() {
        yield rest;
        for (let n = await chunks.next(); !n.done; n = await chunks.next()) yield n.value;
      }
      const parser = Readable.from(remaining()).pipe(parse({
        ...CSV_OPTIONS, delimiter, ...(crlf === null ? {} : { record_delimiter: crlf ? '\r\n' : '\n' }),
      }));
      for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        const cells = record.record.map((text) => ({ text: text.trim(), numeric: false }));
        if (cells.every((c) => c.text === '')) continue;
        yield { rowNo: offset + record.info.lines, cells };
      }
    }
  } finally {
    // a reader that stops early (the header alone) closes the file
    input.destroy();
  }
}

/** The same rows through csv-parse alone (the reference the fast path must equal). */
export async function* readCsvParse(file: string): AsyncGenerator<SheetRow> {
  const input = fs.createReadStream(file);
  const parser = input.pipe(parse({ ...CSV_OPTIONS, delimiter: sniffDelimiter(file) }));
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const cells = record.record.map((text) => ({ text: text.trim(), numeric: false }));
      if (cells.every((c) => c.text === '')) continue;
      yield { rowNo: record.info.lines, cells };
    }
  } finally {
    input.destroy();
  }
}

function cellText(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return { text: '', numeric: false };
  if (typeof value === 'number') return { text: numberText(value), numeric: true };
  if (typeof value === 'string') return { text: value.trim(), numeric: false };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', numeric: false };
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10), numeric: false };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('').trim(), numeric: false };
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return { text: String(value.text).trim(), numeric: false };
  return { text: '', numeric: false };
}

/** A number as a spreadsheet shows it in a text column: integers without exponent. */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(n);
}

async function* readXlsx(file: string): AsyncGenerator<SheetRow> {
  const input = fs.createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  });
  try {
    yield* xlsxRows(reader);
  } finally {
    input.destroy();
  }
}

async function* xlsxRows(reader: ExcelJS.stream.xlsx.WorkbookReader): AsyncGenerator<SheetRow> {
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: Cell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      if (cells.every((c) => c.text === '')) continue;
      yield { rowNo: row.number, cells };
    }
    break; // the first worksheet only
  }
}

/** Counts the data rows (a cheap streaming pass, for the progress bar). */
export async function countDataRows(file: string, format: ImportFormat): Promise<number> {
  if (format === 'csv') return countCsvRows(file);
  let n = -1;
  for await (const _row of readSheet(file, format)) n++;
  return Math.max(n, 0);
}

const QUOTE = 0x22, LF = 0x0a, CR = 0x0d, SPACE = 0x20, TAB = 0x09;

/**
 * The data rows of a CSV file by a scan of its bytes, without parsing the fields (a fifth of
 * the cost of csv-parse, which would otherwise read a large file twice). Counts what readCsv
 * yields: records split at line ends outside quoted fields, rows with no text left out.
 */
async function countCsvRows(file: string): Promise<number> {
  const delimiter = sniffDelimiter(file).charCodeAt(0);
  let rows = 0, inQuotes = false, justClosed = false, fieldStart = true, content = false, first = true;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let i = 0;
    if (first) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3; // BOM
    }
    for (; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (inQuotes) {
        if (c === QUOTE) {
          inQuotes = false;
          justClosed = true;
        } else content = true;
        continue;
      }
      const reopen = justClosed && c === QUOTE; // "" inside a quoted field
      justClosed = false;
      if (reopen) {
        inQuotes = true;
        content = true;
      } else if (c === LF) {
        if (content) rows++;
        content = false;
        fieldStart = true;
      } else if (c === delimiter) fieldStart = true;
      else if (c === QUOTE && fieldStart) {
        inQuotes = true;
        fieldStart = false;
      } else if (c !== CR && c !== SPACE && c !== TAB) {
        content = true; // a quote inside an unquoted field is text (relax_quotes)
        fieldStart = false;
      }
    }
  }
  if (content) rows++;
  return Math.max(rows - 1, 0);
}

/** The header row alone (for the mapping screen). */
export async function readHeader(file: string, format: ImportFormat): Promise<string[]> {
  for await (const row of readSheet(file, format)) return row.cells.map((c) => c.text);
  return [];
}
