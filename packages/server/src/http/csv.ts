import { pipeline, type Readable } from 'node:stream';
import { stringify, type Options } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';

/**
 * The one CSV writer of the server: every file a user downloads (registry, cases, proposal
 * submissions, stats, import error reports) goes through it.
 *
 * - a UTF-8 byte order mark, so that spreadsheet programs read names as UTF-8;
 * - CRLF line ends (RFC 4180);
 * - formula neutralising (OWASP "CSV injection"): a text cell that starts with = + - @, a
 *   tab or a carriage return (or their full-width forms) gets a leading `'`, so that a name
 *   like `=HYPERLINK(...)` is shown as text and never runs. A number, a negative number
 *   written as text and a lone `-` (the registry's "none") cannot run and stay as they are;
 * - cells with a quote, a comma, a semicolon (the delimiter of Indonesian-locale Excel), a
 *   line break, or leading/trailing white space are quoted.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const HARMLESS_DASH = /^-(\d+([.,]\d+)?)?$/;

/** The text as a spreadsheet shows it, never as a formula. */
export function neutraliseFormula(s: string): string {
  return FORMULA_START.test(s) && !HARMLESS_DASH.test(s) ? `'${s}` : s;
}

const OPTIONS: Options = {
  bom: true,
  record_delimiter: '\r\n',
  quoted_match: /[\r\n;]|^\s|\s$/,
  cast: { boolean: (v) => String(v), string: neutraliseFormula },
};

/** A whole CSV document: the header, then the rows. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  return stringifySync([header, ...rows] as CsvCell[][], OPTIONS);
}

// files that a program reads (synthetic import files): no BOM, quoted only where the format needs it
const MACHINE_OPTIONS: Options = { ...OPTIONS, bom: false, quoted_match: /[\r\n]/ };

/** Records for a file a program reads (an import file written in pieces): no BOM, minimal quoting. */
export function csvRecords(rows: Iterable<readonly CsvCell[]>): string {
  return stringifySync([...rows] as CsvCell[][], MACHINE_OPTIONS);
}

/**
 * A CSV document streamed from pages of rows (never the whole file in memory). An error in
 * `pages` destroys the returned stream with that error.
 */
export function csvStream(header: readonly string[], pages: AsyncIterable<ReadonlyArray<readonly CsvCell[]>>): Readable {
  const out = stringify(OPTIONS);
  async function* records() {
    yield header;
    for await (const page of pages) yield* page;
  }
  pipeline(records(), out, () => undefined);
  return out;
}
