import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newId } from '../db/ids.ts';

/**
 * Document bytes on disk under `DATA_DIR/documents`: `kab/yyyy/mm/id`, no extension, written
 * to a temporary file first and moved into place inside the database transaction that
 * records it, so a failed insert leaves no file and a file never appears half-written.
 */
export function documentsRoot(dataDir: string): string {
  return path.join(dataDir, 'documents');
}

export interface ReceivedFile {
  tempPath: string;
  sizeBytes: number;
  sha256: string;
  head: Uint8Array;
  /** The stream hit the size limit and was cut. */
  truncated: boolean;
}

/** Streams an upload into a temporary file, hashing it and keeping its first bytes for type detection. */
export async function receiveToTemp(dataDir: string, stream: Readable & { truncated?: boolean }): Promise<ReceivedFile> {
  const tmpDir = path.join(documentsRoot(dataDir), 'tmp');
  await fs.promises.mkdir(tmpDir, { recursive: true });
  const tempPath = path.join(tmpDir, `${newId()}.part`);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const headChunks: Buffer[] = [];
  let headLength = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      if (headLength < 16) {
        headChunks.push(chunk.subarray(0, 16 - headLength));
        headLength += Math.min(chunk.length, 16 - headLength);
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, tap, fs.createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await discard(tempPath);
    throw err;
  }
  return { tempPath, sizeBytes, sha256: hash.digest('hex'), head: new Uint8Array(Buffer.concat(headChunks)), truncated: Boolean(stream.truncated) };
}

export function storageKeyFor(kabCode: string, id: string, at: Date = new Date()): string {
  const yyyy = String(at.getUTCFullYear());
  const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `${kabCode}/${yyyy}/${mm}/${id}`;
}

export function storagePath(dataDir: string, storageKey: string): string {
  if (!/^\d{4}\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/.test(storageKey)) throw new Error('malformed storage key');
  return path.join(documentsRoot(dataDir), storageKey);
}

/** Moves the temporary file to its final place (same file system: a rename). */
export async function moveIntoPlace(tempPath: string, finalPath: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(finalPath), { recursive: true });
  await fs.promises.rename(tempPath, finalPath);
}

export async function discard(filePath: string): Promise<void> {
  await fs.promises.rm(filePath, { force: true });
}
