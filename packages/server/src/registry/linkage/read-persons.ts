import type { RecordTableBuilder } from '@slrt/core';
import { unescapeCopyField } from '../../db/copy-text.ts';

/**
 * The persons of a full run (copyLinkagePersons' eight columns, COPY text) into a
 * RecordTableBuilder, read from the bytes: the NIK, KK, birth date and sex become numbers
 * where they stand, the id stays 36 bytes (a string is made only for the pairs written), and
 * only the name, the village and the household become strings. At 1,000,000 people the
 * text decoder, eight strings and an array per row were most of the reading.
 */
export interface ReadPersons {
  count: number;
  /** The persons' ids, 36 ASCII bytes each. */
  ids: Uint8Array;
}

const TAB = 9, NL = 10, BACKSLASH = 92;

/** The id of row i, as text. */
export function idAt(ids: Uint8Array, i: number): string {
  return Buffer.from(ids.buffer, ids.byteOffset + 36 * i, 36).toString('latin1');
}

export async function readPersons(chunks: AsyncIterable<Uint8Array>, into: RecordTableBuilder): Promise<ReadPersons> {
  let ids = new Uint8Array(36 * 1024);
  let count = 0;
  // start of each field, and one past the end of the row (as if a ninth began there)
  const at = new Int32Array(9);
  const row = (buf: Buffer, from: number, to: number) => {
    if (36 * (count + 1) > ids.length) {
      const bigger = new Uint8Array(ids.length * 2);
      bigger.set(ids);
      ids = bigger;
    }
    ids.set(buf.subarray(from, from + 36), 36 * count);
    count++;
    let f = 0;
    at[0] = from;
    for (let x = from; x < to; x++) {
      const c = buf[x] as number;
      if (c === TAB) {
        if (++f > 7) break;
        at[f] = x + 1;
      } else if (c === BACKSLASH && !isNull(buf, x, to)) {
        // an escaped character (COPY's text format): this row through the general reader
        const [, nik, kk, fullName, birthDate, sex, villageCode, householdId] = buf.toString('utf8', from, to).split('\t').map(unescapeCopyField);
        into.add(nik ?? null, kk ?? null, fullName ?? '', birthDate ?? null, sex ?? null, villageCode ?? null, householdId ?? null);
        return;
      }
    }
    if (f !== 7) throw new Error(`duplicate run: a person row of ${f + 1} columns, 8 expected`);
    at[8] = to + 1;
    const ns = at[1] as number, ne = (at[2] as number) - 1, ks = at[2] as number, ke = (at[3] as number) - 1;
    const fs = at[3] as number, fe = (at[4] as number) - 1, ds = at[4] as number, de = (at[5] as number) - 1;
    const ss = at[5] as number, se = (at[6] as number) - 1, vs = at[6] as number, ve = (at[7] as number) - 1, hs = at[7] as number, he = to;
    const nikOk = ne - ns === 16, kkOk = ke - ks === 16;
    into.addNumbers(
      buf.toString('utf8', fs, fe),
      nikOk ? digits(buf, ns, ns + 6) : -1, nikOk ? digits(buf, ns + 6, ns + 12) : 0, nikOk ? digits(buf, ns + 12, ns + 16) : 0,
      kkOk ? digits(buf, ks, ks + 8) : -1, kkOk ? digits(buf, ks + 8, ks + 16) : 0,
      de - ds >= 10 ? digits(buf, ds, ds + 4) * 10000 + digits(buf, ds + 5, ds + 7) * 100 + digits(buf, ds + 8, ds + 10) : -1,
      se - ss === 1 ? (buf[ss] === 77 ? 0 : buf[ss] === 70 ? 1 : -1) : -1,
      ve - vs === 2 && buf[vs] === BACKSLASH ? null : buf.toString('latin1', vs, ve),
      he - hs === 2 && buf[hs] === BACKSLASH ? null : buf.toString('latin1', hs, he),
    );
  };
  let carry: Buffer | null = null;
  const lines = (buf: Buffer): Buffer | null => {
    let start = 0;
    for (let end = buf.indexOf(NL, start); end >= 0; end = buf.indexOf(NL, start)) {
      row(buf, start, end);
      start = end + 1;
    }
    return start < buf.length ? Buffer.from(buf.subarray(start)) : null;
  };
  for await (const chunk of chunks) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    carry = lines(carry ? Buffer.concat([carry, buf]) : buf);
  }
  if (carry) row(carry, 0, carry.length);
  return { count, ids: ids.subarray(0, 36 * count) };
}

/** Whether the backslash at x begins `\\N` standing alone as a field (null): a tab before it, a tab or the row's end after. */
function isNull(buf: Buffer, x: number, to: number): boolean {
  return buf[x + 1] === 78 && (x + 2 === to || buf[x + 2] === TAB) && buf[x - 1] === TAB;
}

/** The decimal number of the digits buf[from..to) (-1 when one is not a digit). */
function digits(buf: Buffer, from: number, to: number): number {
  let v = 0;
  for (let x = from; x < to; x++) {
    const d = (buf[x] as number) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}
