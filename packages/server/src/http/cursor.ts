/**
 * Opaque keyset cursors of lists ordered by a time and an id: `[timestamp, id]` as base64url
 * JSON. The timestamp is text: where the order is on a timestamptz, the text the database
 * wrote (full microsecond precision; a Date keeps milliseconds only).
 */
export function encodeKeysetCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

/** The cursor's timestamp and id; null when it is absent or not one of ours. */
export function decodeKeysetCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    return { at, id };
  } catch {
    return null;
  }
}
