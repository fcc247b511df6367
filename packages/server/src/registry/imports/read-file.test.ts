import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_ROW_BYTES, readCsvParse, readSheet, type SheetRow } from './read-file.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-read-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function both(text: string): Promise<{ fast: SheetRow[]; reference: SheetRow[] }> {
  const file = path.join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  fs.writeFileSync(file, text);
  const fast: SheetRow[] = [], reference: SheetRow[] = [];
  for await (const row of readSheet(file, 'csv')) fast.push(row);
  for await (const row of readCsvParse(file)) reference.push(row);
  return { fast, reference };
}

async function fastOnly(text: string): Promise<SheetRow[]> {
  const file = path.join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  fs.writeFileSync(file, text);
  const rows: SheetRow[] = [];
  for await (const row of readSheet(file, 'csv')) rows.push(row);
  return rows;
}

describe('readSheet (CSV fast path)', () => {
  it('reads what csv-parse reads: quotes, line ends, empty lines, BOM, row numbers', async () => {
    const cases = [
      'nik,nama\n1, a \n\n2,b\n',
      'nik;nama\r\n1;a\r\n\r\n2;b',
      '\ufeffnik,nama\n1,"a, b"\n2,"c\nd"\n3,e\n',
      'nik,nama\r\n1,a\r\n2,"x""y"\r\n3,b\r\n4,c\r\n',
      'nik,nama\n1,a"b\n2, , \n3,é 日本\n',
      'a\rb\rc',
      'nik,nama\n1,a\n2,b\r',
    ];
    for (const text of cases) {
      const { fast, reference } = await both(text);
      expect(fast, JSON.stringify(text)).toEqual(reference);
    }
  });

  it('reads a file larger than one read chunk, with a quoted line far in', async () => {
    const lines = ['nik,nama,alamat'];
    for (let i = 0; i < 40_000; i++) lines.push(i === 30_000 ? `${i},"Nama, Panjang","Jl. ""Mawar""\nNo. 1"` : `${i},Nama ${i} é,Kp. ${'x'.repeat(i % 40)}`);
    const { fast, reference } = await both(lines.join('\r\n'));
    expect(fast.length).toBe(40_001);
    expect(fast).toEqual(reference);
  });

  it('reads mixed line ends as lines (csv-parse would glue the LF lines of a CRLF file into one record)', async () => {
    const fast = await fastOnly('nik,nama\r\n1,a\r\n2,"x""y"\r\n3,b\n4,c\r\n');
    expect(fast.map((r) => [r.rowNo, r.cells.map((c) => c.text)])).toEqual([[1, ['nik', 'nama']], [2, ['1', 'a']], [3, ['2', 'x"y']], [4, ['3', 'b']], [5, ['4', 'c']]]);
    // rows numbered as an editor numbers the lines (csv-parse counts a CR of an LF file as a line)
    const lf = await fastOnly('nik,nama\n1,a\r\n2,b\n\r\n3,c\n');
    expect(lf.map((r) => [r.rowNo, r.cells.map((c) => c.text)])).toEqual([[1, ['nik', 'nama']], [2, ['1', 'a']], [3, ['2', 'b']], [5, ['3', 'c']]]);
  });

  it('gives a bad row as that row and reads on: unclosed quote, NUL, a line past the cap', async () => {
    const long = 'y'.repeat(MAX_ROW_BYTES + 10);
    const fast = await fastOnly(`nik,nama\n1,"a\n2,b\n3,c\u0000\n4,${long}\n5,"d\ne"\n6,f\n`);
    expect(fast.map((r) => [r.rowNo, r.error?.key ?? r.cells.map((c) => c.text)])).toEqual([
      [1, ['nik', 'nama']], [2, 'registry.import.row_unclosed_quote'], [3, ['2', 'b']], [4, 'registry.import.row_nul'],
      [5, 'registry.import.row_too_long'], [7, ['5', 'd\ne']], [8, ['6', 'f']],
    ]);
  });
});
