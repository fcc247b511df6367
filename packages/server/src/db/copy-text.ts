/**
 * Reads COPY's text format (what Db.copyOut streams): a row a line, columns separated by a
 * tab, `\N` for null, and backslash escapes for a backslash, tab, newline and the other
 * control characters COPY TO writes. Chunks may cut a line or a UTF-8 character anywhere.
 */

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** One field of COPY's text format: null for `\\N`, its escapes undone. */
export function unescapeCopyField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
}

/** Calls `onRow` with the columns of every row, in order; resolves with the number of rows. */
export async function forEachCopyRow(chunks: AsyncIterable<Uint8Array>, onRow: (columns: (string | null)[]) => void): Promise<number> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let count = 0;
  const lines = (text: string) => {
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      onRow(text.slice(start, end).split('\t').map(unescapeCopyField));
      count++;
      start = end + 1;
    }
    return text.slice(start);
  };
  for await (const chunk of chunks) rest = lines(rest + decoder.decode(chunk, { stream: true }));
  rest = lines(rest + decoder.decode());
  if (rest) {
    onRow(rest.split('\t').map(unescapeCopyField));
    count++;
  }
  return count;
}
