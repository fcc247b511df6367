import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { safeFileName, sniffDocumentType, type DocumentView, type Permission } from '@slrt/core';
import type { Actor } from '../access/actor.ts';
import type { AuditInput } from '../audit/audit-event.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import type { Queryable, Tx } from '../db/database.ts';
import { pgErrorCode, PG_UNIQUE_VIOLATION } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { AppError, fieldError, notFound } from '../http/errors.ts';
import { insertDocument, markDocumentDeleted, selectDocumentIdsOf, markDocumentsDeleted, selectDocumentBySha, selectDocumentOf, selectDocumentsOf, type DocumentRow } from './queries.ts';
import { discard, moveIntoPlace, receiveToTemp, storageKeyFor, storagePath } from './storage.ts';

/**
 * What the documents module needs to know of a record that owns documents. The owning domain
 * defines one (cases: `case`; referrals: `referral`; proposals: `proposal`) and mounts the
 * routes with `mountDocumentRoutes`. Access always goes through the owner: a document is
 * visible exactly when its owner is.
 */
export interface DocumentOwner {
  /** Stored as documents.owner_type. */
  type: string;
  /** Accepted document kinds (`ktp`, `kk`, ...). */
  kinds: readonly [string, ...string[]];
  readPermission: Permission;
  writePermission: Permission;
  /** The owner's kabupaten and village when it lies in the caller's scope for `permission`; null otherwise (404). */
  find(q: Queryable, ctx: RequestContext, ownerId: string, permission: Permission): Promise<{ kabCode: string; villageCode: string } | null>;
  /** Runs inside the write's transaction: a timeline entry on the owner, a refusal (throw) when it is closed. */
  onChange?(tx: Tx, ctx: RequestContext, ownerId: string, change: DocumentChange): Promise<void>;
}

export interface DocumentChange { action: 'attached' | 'removed'; document: DocumentView }

/**
 * A DocumentOwner whose record one scoped read finds: `select` answers it when it lies in the
 * actor's scope for a permission (locked with `forUpdate`), else null. `find` is that read; the
 * owner's `onChange` gets the record read again in the write's transaction, locked, under
 * `changeUnder` (the read permission unless said), and is not called when it is gone.
 */
export function scopedOwner<R extends { kab_code: string; village_code: string }>(o: Omit<DocumentOwner, 'find' | 'onChange'> & {
  select(q: Queryable, actor: Actor, permission: Permission, id: string, opts?: { forUpdate?: boolean }): Promise<R | null>;
  changeUnder?: Permission;
  onChange?(tx: Tx, ctx: RequestContext, owner: R, change: DocumentChange, ownerId: string): Promise<void>;
}): DocumentOwner {
  const { select, changeUnder, onChange, ...owner } = o;
  return {
    ...owner,
    async find(q, ctx, ownerId, permission) {
      const r = await select(q, ctx.actor, permission, ownerId);
      return r ? { kabCode: r.kab_code, villageCode: r.village_code } : null;
    },
    ...(onChange && {
      async onChange(tx: Tx, ctx: RequestContext, ownerId: string, change: DocumentChange) {
        const r = await select(tx, ctx.actor, changeUnder ?? owner.readPermission, ownerId, { forUpdate: true });
        if (r) await onChange(tx, ctx, r, change, ownerId);
      },
    }),
  };
}

function toDocumentView(r: DocumentRow): DocumentView {
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    mimeType: r.mime_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    uploadedAt: r.uploaded_at.toISOString(),
    uploadedBy: r.uploaded_by ? { id: r.uploaded_by, name: r.uploaded_by_name ?? '' } : null,
  };
}

async function ownerOrNotFound(q: Queryable, ctx: RequestContext, owner: DocumentOwner, ownerId: string, permission: Permission) {
  const found = await owner.find(q, ctx, ownerId, permission);
  if (!found) throw notFound();
  return found;
}

/** The owner's documents; the caller has checked the owner is in scope. Does not audit. */
export async function listDocuments(q: Queryable, kabCode: string, ownerType: string, ownerId: string): Promise<DocumentView[]> {
  return (await selectDocumentsOf(q, kabCode, ownerType, ownerId)).map(toDocumentView);
}

/** Do all of `ids` name live documents of the owner (evidence a step points at)? */
export async function allDocumentsOf(q: Queryable, ownerType: string, ownerId: string, ids: readonly string[]): Promise<boolean> {
  return (await selectDocumentIdsOf(q, ownerType, ownerId, ids)).length === new Set(ids).size;
}

export interface IncomingFile {
  filename: string;
  file: Readable & { truncated?: boolean };
}

/**
 * Stores an uploaded file for `ownerId`: checks the owner is in the caller's write scope,
 * the kind, the real type (first bytes) and the size, then records it and moves it into
 * place in one transaction. The same file twice on one owner returns the first (created false).
 */
export async function attachDocument(
  deps: Deps,
  ctx: RequestContext,
  owner: DocumentOwner,
  ownerId: string,
  kind: string,
  nextFile: () => Promise<IncomingFile | undefined>,
): Promise<{ document: DocumentView; created: boolean }> {
  await ownerOrNotFound(deps.db, ctx, owner, ownerId, owner.writePermission);
  if (!owner.kinds.includes(kind)) throw fieldError('kind', 'field.invalid_value', { options: owner.kinds.join(', ') });
  return storeDocument(deps, {
    ownerType: owner.type, ownerId, kind, uploadedBy: ctx.actor.userId, uploaderName: ctx.actor.displayName,
    lockOwner: (tx) => ownerOrNotFound(tx, ctx, owner, ownerId, owner.writePermission),
    onAttached: owner.onChange ? (tx, document) => owner.onChange!(tx, ctx, ownerId, { action: 'attached', document }) : undefined,
    auditWrite: (tx, input) => ctx.auditWrite(tx, input),
    auditRead: (input) => ctx.auditRead(input),
  }, nextFile);
}

/**
 * An upload by someone who is not a signed-in user acting through an owner's routes (a
 * partner's signed referral link): the caller has checked the owner and the kind, and says
 * how to lock the owner, what the upload means for it, and how to audit it.
 */
export interface DocumentUpload {
  ownerType: string;
  ownerId: string;
  kind: string;
  uploadedBy: string | null;
  uploaderName: string | null;
  /** Inside the write's transaction: the owner's kabupaten and village, or a thrown refusal. */
  lockOwner(tx: Tx): Promise<{ kabCode: string; villageCode: string }>;
  /** Inside the write's transaction, after the row is inserted: a timeline line, or a thrown refusal. */
  onAttached?: ((tx: Tx, document: DocumentView) => Promise<void>) | undefined;
  auditWrite(tx: Tx, input: AuditInput): Promise<void>;
  auditRead(input: AuditInput): Promise<void>;
}

/**
 * The one way bytes become a document: streamed to a temp file while hashing, the type from
 * the first bytes (PDF, JPEG, PNG, WebP: else 415), at most DOCUMENT_MAX_BYTES (else 413),
 * recorded and moved into place in one transaction. The same file twice on one owner
 * answers the first (created false) and records a read.
 */
export async function storeDocument(
  deps: Deps,
  upload: DocumentUpload,
  nextFile: () => Promise<IncomingFile | undefined>,
): Promise<{ document: DocumentView; created: boolean }> {
  const incoming = await nextFile();
  if (!incoming) throw fieldError('file', 'document.file_required');
  const received = await receiveToTemp(deps.config.dataDir, incoming.file);
  let finalPath: string | null = null;
  try {
    if (received.truncated) throw new AppError('payload_too_large', { key: 'document.too_large' });
    if (received.sizeBytes === 0) throw fieldError('file', 'document.empty');
    const mime = sniffDocumentType(received.head);
    if (!mime) throw new AppError('unsupported_media', { key: 'document.type_not_allowed' }, { file: { key: 'document.type_not_allowed' } });

    const { ownerType, ownerId, kind } = upload;
    const result = await deps.db.transaction(async (tx) => {
      const where = await upload.lockOwner(tx);
      const same = await selectDocumentBySha(tx, where.kabCode, ownerType, ownerId, received.sha256);
      if (same) return { document: toDocumentView(same), created: false };
      const id = newId();
      const storageKey = storageKeyFor(where.kabCode, id);
      const row = {
        id, kab_code: where.kabCode, village_code: where.villageCode, owner_type: ownerType, owner_id: ownerId, kind,
        file_name: safeFileName(incoming.filename, mime), mime_type: mime, size_bytes: received.sizeBytes,
        sha256: received.sha256, storage_key: storageKey, uploaded_by: upload.uploadedBy,
      };
      try {
        await insertDocument(tx, row);
      } catch (err) {
        if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw new AppError('conflict', { key: 'document.duplicate' });
        throw err;
      }
      const document = toDocumentView({ ...row, uploaded_by_name: upload.uploaderName, uploaded_at: new Date() });
      await upload.onAttached?.(tx, document);
      await upload.auditWrite(tx, {
        action: 'document.attach', recordType: 'document', recordIds: [id, ownerId],
        details: { ownerType, kind, mimeType: mime, sizeBytes: received.sizeBytes, sha256: received.sha256 },
      });
      finalPath = storagePath(deps.config.dataDir, storageKey);
      await moveIntoPlace(received.tempPath, finalPath);
      return { document, created: true };
    });
    if (!result.created) {
      // a retry of an upload already stored: nothing written, but the answer names the resident's document
      await upload.auditRead({ action: 'document.attach_again', recordType: 'document', recordIds: [result.document.id, ownerId], purpose: `${ownerType}.document` });
    }
    return result;
  } catch (err) {
    if (finalPath) await discard(finalPath);
    throw err;
  } finally {
    await discard(received.tempPath);
  }
}

/** Opens a document of an owner in the caller's read scope, and audits the read. */
export async function openDocument(
  deps: Deps,
  ctx: RequestContext,
  owner: DocumentOwner,
  ownerId: string,
  documentId: string,
): Promise<{ document: DocumentView; stream: fs.ReadStream }> {
  const where = await ownerOrNotFound(deps.db, ctx, owner, ownerId, owner.readPermission);
  const row = await selectDocumentOf(deps.db, where.kabCode, owner.type, ownerId, documentId);
  if (!row) throw notFound();
  const file = storagePath(deps.config.dataDir, row.storage_key);
  // Open before auditing, so a missing file is a 404 and not an audited read of nothing.
  const stream = await new Promise<fs.ReadStream>((resolve, reject) => {
    const s = fs.createReadStream(file);
    s.once('open', () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT' ? notFound() : err));
  });
  await ctx.auditRead({ action: 'document.read', recordType: 'document', recordIds: [row.id, ownerId], purpose: `${owner.type}.document`, details: { kind: row.kind } });
  return { document: toDocumentView(row), stream };
}

/** Hides a wrongly attached document (kept on disk for the archive schedule). */
export async function removeDocument(deps: Deps, ctx: RequestContext, owner: DocumentOwner, ownerId: string, documentId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const where = await ownerOrNotFound(tx, ctx, owner, ownerId, owner.writePermission);
    const row = await selectDocumentOf(tx, where.kabCode, owner.type, ownerId, documentId);
    if (!row) throw notFound();
    await markDocumentDeleted(tx, row.id, ctx.actor.userId);
    await owner.onChange?.(tx, ctx, ownerId, { action: 'removed', document: toDocumentView(row) });
    await ctx.auditWrite(tx, { action: 'document.remove', recordType: 'document', recordIds: [row.id, ownerId], details: { ownerType: owner.type, kind: row.kind } });
  });
}

/**
 * Retention: documents deleted for good. Marks them deleted inside `tx` and returns their
 * storage keys; the caller removes the files with `removeDocumentFiles` once `tx` committed.
 */
export async function destroyDocuments(tx: Tx, ids: readonly string[], by: string): Promise<string[]> {
  return markDocumentsDeleted(tx, ids, by);
}

/** Hides documents from their owner (a withdrawn consent); the files stay for the archive schedule. */
export async function hideDocuments(tx: Tx, ids: readonly string[], by: string): Promise<number> {
  return (await markDocumentsDeleted(tx, ids, by)).length;
}

/** Removes the files of destroyed documents from disk (a file already gone is fine). */
export async function removeDocumentFiles(dataDir: string, storageKeys: readonly string[]): Promise<void> {
  for (const key of storageKeys) await fs.promises.rm(storagePath(dataDir, key), { force: true });
}
