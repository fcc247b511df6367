import fs from 'node:fs';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
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
  /** A row that could not be read (too long, a NUL character, an unclosed quote): its reason. */
  error?: { key: string; params?: Record<string, string | number> };
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

/** The longest row read, in bytes: a longer one is rejected as that row (never held whole). */
export const MAX_ROW_BYTES = 64 * 1024;
/** The most physical lines one quoted record may span before its quote counts as unclosed. */
export const MAX_RECORD_LINES = 20;

type PhysicalLine = { no: number; text: string; crlf: boolean } | { no: number; tooLong: true };

/**
 * The file's physical lines, never more than MAX_ROW_BYTES of one held: a longer line is given
 * as `tooLong` as soon as it is seen (a reader that wants only the header stops there) and is
 * skipped to its end. Lines end in LF (a CR before it is dropped, `crlf` says so), or in a
 * lone CR when the file's first line ends so.
 */
async function* physicalLines(file: string): AsyncGenerator<PhysicalLine> {
  const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    let no = 0;
    let carry: Buffer = Buffer.alloc(0);
    let skipping = false; // inside a line longer than MAX_ROW_BYTES, already given
    let first = true;
    let sep = 0x0a;
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let buf: Buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      carry = Buffer.alloc(0);
      if (first) {
        if (buf.length < 3) {
          carry = buf;
          continue;
        }
        first = false;
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
        const lf = buf.indexOf(0x0a), cr = buf.indexOf(0x0d);
        if (cr !== -1 && (lf === -1 || cr < lf - 1)) sep = 0x0d; // old Mac line ends
      }
      if (skipping) {
        const end = buf.indexOf(sep);
        if (end === -1) continue;
        skipping = false;
        buf = buf.subarray(end + 1);
      }
      const last = buf.lastIndexOf(sep);
      if (last !== -1) {
        // one decode per chunk, then the lines as slices of it
        const text = buf.toString('utf8', 0, last);
        const sepChar = String.fromCharCode(sep);
        for (let at = 0; ;) {
          const nl = text.indexOf(sepChar, at);
          const stop = nl === -1 ? text.length : nl;
          no++;
          if (stop - at > MAX_ROW_BYTES) yield { no, tooLong: true };
          else {
            const crlf = sep === 0x0a && stop > at && text.charCodeAt(stop - 1) === 0x0d;
            yield { no, text: text.slice(at, crlf ? stop - 1 : stop), crlf };
          }
          if (nl === -1) break;
          at = nl + 1;
        }
      }
      const rest = buf.subarray(last + 1);
      if (rest.length > MAX_ROW_BYTES) {
        no++;
        skipping = true;
        yield { no, tooLong: true };
      } else carry = Buffer.from(rest);
    }
    if (carry.length) {
      const crlf = sep === 0x0a && carry[carry.length - 1] === 0x0d;
      yield { no: no + 1, text: carry.toString('utf8', 0, crlf ? carry.length - 1 : carry.length), crlf };
    }
  } finally {
    input.destroy();
  }
}

/** True when the text ends inside a quoted field (a quote opens a field only at its start). */
function endsInQuotes(text: string, delimiter: string): boolean {
  let inQuotes = false, fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
    } else if (c === delimiter) fieldStart = true;
    else if (c === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else fieldStart = false;
  }
  return inQuotes;
}

/** One record's cells by csv-parse, or null when it is not exactly one readable record. */
function parseRecord(text: string, delimiter: string): Cell[] | null {
  try {
    const records = parseSync(text, { delimiter, relax_quotes: true, relax_column_count: true, record_delimiter: ['\r\n', '\n'] }) as string[][];
    return records.length === 1 ? records[0]!.map((t) => ({ text: t.trim(), numeric: false })) : null;
  } catch {
    return null;
  }
}

const rowError = (rowNo: number, key: string, params?: Record<string, string | number>): SheetRow => ({ rowNo, cells: [], error: { key, ...(params ? { params } : {}) } });

/**
 * CSV rows, one record at a time, so that one bad row is that row and no more: a line longer
 * than MAX_ROW_BYTES, a NUL character, or a quote left open (the record would run on past
 * MAX_RECORD_LINES lines, past the end of the file, or into a different number of cells than
 * the header) come as a row with `error`, and reading goes on at the next line. A line
 * without a quote is split at the delimiter directly (what csv-parse gives for it, at a
 * fraction of its cost); a quoted record is read by csv-parse.
 */
async function* readCsv(file: string): AsyncGenerator<SheetRow> {
  const delimiter = sniffDelimiter(file);
  const source = physicalLines(file);
  const lookahead: PhysicalLine[] = [];
  const next = async (): Promise<PhysicalLine | null> => {
    const held = lookahead.shift();
    if (held) return held;
    const n = await source.next();
    return n.done ? null : n.value;
  };
  let headerCells: number | null = null;
  try {
    for (let line = await next(); line; line = await next()) {
      if ('tooLong' in line) {
        yield rowError(line.no, 'registry.import.row_too_long', { max: MAX_ROW_BYTES });
        continue;
      }
      if (line.text.includes('\u0000')) {
        yield rowError(line.no, 'registry.import.row_nul');
        continue;
      }
      let cells: Cell[] | null;
      let rowNo = line.no;
      if (!line.text.includes('"')) {
        cells = line.text.split(delimiter).map((t) => ({ text: t.trim(), numeric: false }));
      } else {
        const taken: PhysicalLine[] = [line];
        let text = line.text;
        let open = endsInQuotes(text, delimiter);
        while (open && taken.length < MAX_RECORD_LINES && text.length <= MAX_ROW_BYTES) {
          const more = await next();
          if (!more) break;
          taken.push(more);
          if ('tooLong' in more || more.text.includes('\u0000')) break;
          const before = taken[taken.length - 2] as { crlf: boolean };
          text += (before.crlf ? '\r\n' : '\n') + more.text;
          open = endsInQuotes(text, delimiter);
        }
        cells = open ? null : parseRecord(text, delimiter);
        if (cells && taken.length > 1 && headerCells !== null && cells.length !== headerCells) cells = null;
        if (!cells) {
          yield rowError(line.no, taken.length > 1 || open ? 'registry.import.row_unclosed_quote' : 'registry.import.row_unreadable');
          lookahead.unshift(...taken.slice(1));
          continue;
        }
        rowNo = taken[taken.length - 1]!.no;
      }
      if (cells.every((c) => c.text === '')) continue;
      headerCells ??= cells.length;
      yield { rowNo, cells };
    }
  } finally {
    await source.return(undefined);
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
  for await (const row of readSheet(file, format)) {
    if (row.error) throw new Error(row.error.key);
    return row.cells.map((c) => c.text);
  }
  return [];
}
