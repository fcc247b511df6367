import { describe, expect, it } from 'vitest';
import { forEachCopyRow } from './copy-text.ts';

async function* chunksOf(text: string, size: number) {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('COPY text rows', () => {
  it('reads nulls, escapes and UTF-8 characters cut between chunks', async () => {
    const text = 'a\t\\N\tSiti Nur\\\\Aini\n2\tÉndang\\tx\t\\N\n';
    for (const size of [1, 2, 3, 7, 1000]) {
      const rows: (string | null)[][] = [];
      const n = await forEachCopyRow(chunksOf(text, size), (r) => { rows.push(r); });
      expect(n).toBe(2);
      expect(rows).toEqual([['a', null, 'Siti Nur\\Aini'], ['2', 'Éndang\tx', null]]);
    }
  });
});
