import { canSeal, seal, unseal, type Sealed } from '../intake/draft-store.ts';
import { OUTBOX_DB as DB_NAME } from './outbox-count.ts';

/**
 * Where the outbox lives on the device: IndexedDB `slrt-outbox`, one record per item. What
 * names a resident (the typed form, the photos, the server's answer) is encrypted with the
 * officer's device key, the one that keeps their intake draft (draft-store.ts): sign-out destroys
 * the keys, and the database is deleted with them. In clear: the item's id, owner, order, kind,
 * state and Idempotency-Key.
 */

const STORE = 'items';

export type OutboxState = 'waiting' | 'sending' | 'sent' | 'attention';

export interface StoredItem {
  id: string;
  userId: string;
  /** Creation order: items are sent in this order. */
  seq: number;
  kind: string;
  state: OutboxState;
  /** Sent as `Idempotency-Key` on every try: the server applies the item once. */
  key: string;
  createdAt: number;
  updatedAt: number;
  /** JSON of what the officer entered, the server's refusal and the result. */
  body: Sealed;
  files: Array<{ name: string; type: string; sealed: Sealed }>;
}

export { canSeal as canKeepOffline };

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' }).createIndex('userId', 'userId');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB'));
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('indexedDB'));
    });
  } finally {
    db.close();
  }
}

export async function storedItems(userId: string): Promise<StoredItem[]> {
  const items = await run<StoredItem[]>('readonly', (s) => s.index('userId').getAll(userId) as IDBRequest<StoredItem[]>);
  return items.sort((a, b) => a.seq - b.seq);
}

export async function storedItem(id: string): Promise<StoredItem | undefined> {
  return run<StoredItem | undefined>('readonly', (s) => s.get(id) as IDBRequest<StoredItem | undefined>);
}

export async function putItem(item: StoredItem): Promise<void> {
  await run('readwrite', (s) => s.put(item));
}

export async function deleteItem(id: string): Promise<void> {
  await run('readwrite', (s) => s.delete(id));
}

export async function sealJson(userId: string, value: unknown): Promise<Sealed> {
  return seal(userId, new TextEncoder().encode(JSON.stringify(value)));
}

export async function unsealJson<T>(userId: string, sealed: Sealed): Promise<T | null> {
  const plain = await unseal(userId, sealed);
  return plain ? (JSON.parse(new TextDecoder().decode(plain)) as T) : null;
}

export async function sealFile(userId: string, file: File): Promise<StoredItem['files'][number]> {
  return { name: file.name, type: file.type, sealed: await seal(userId, await file.arrayBuffer()) };
}

export async function unsealFile(userId: string, f: StoredItem['files'][number]): Promise<File | null> {
  const plain = await unseal(userId, f.sealed);
  return plain ? new File([plain], f.name, { type: f.type }) : null;
}
