import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The data directory's state for the health check: its free space, and whether a small file
 * can be written, synced, read back and removed there (a full or read-only disk, a lost mount).
 * Uploads, documents, import files, audit anchors and the embedded database live there.
 */

/** Below this much free space the disk counts as nearly full. */
export const MIN_FREE_BYTES = 1024 ** 3;
/** ... or below this share of the disk, whichever is smaller (a small disk is not always full). */
const MIN_FREE_SHARE = 0.05;

export interface DiskStatus {
  freeBytes: number | null;
  totalBytes: number | null;
  writable: boolean;
  /** Free space below the threshold. */
  low: boolean;
}

export function isLow(freeBytes: number, totalBytes: number): boolean {
  return freeBytes < Math.min(MIN_FREE_BYTES, totalBytes * MIN_FREE_SHARE);
}

async function writeCheck(dir: string): Promise<boolean> {
  const file = path.join(dir, `.health-${process.pid}-${Date.now()}`);
  const probe = `slrt health ${new Date().toISOString()}`;
  try {
    const handle = await fs.open(file, 'w');
    try {
      await handle.writeFile(probe);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return (await fs.readFile(file, 'utf8')) === probe;
  } catch {
    return false;
  } finally {
    await fs.rm(file, { force: true }).catch(() => {});
  }
}

export async function diskStatus(dir: string): Promise<DiskStatus> {
  let freeBytes: number | null = null, totalBytes: number | null = null;
  try {
    const s = await fs.statfs(dir);
    freeBytes = s.bavail * s.bsize;
    totalBytes = s.blocks * s.bsize;
  } catch {
    // a missing directory: the write check fails too
  }
  const writable = await writeCheck(dir);
  return { freeBytes, totalBytes, writable, low: freeBytes !== null && totalBytes !== null && isLow(freeBytes, totalBytes) };
}
