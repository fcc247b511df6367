/**
 * Where an intake in progress is kept on the device, so that a phone shared by officers never
 * shows one officer's resident (NIK, name, complaint) to the next:
 *
 * - each officer's draft is stored under their user id;
 * - encrypted (AES-GCM) with a key made on this device for that officer, kept in IndexedDB as
 *   a key the page can use but never read out (non-extractable);
 * - sign-out deletes every officer's key and draft: what is left cannot be read.
 *
 * Where the browser offers no WebCrypto or IndexedDB (plain HTTP on a LAN), the draft lives in
 * this tab only (sessionStorage) and is removed at sign-out too.
 */

const PREFIX = 'slrt.intake.draft.v2.';
const LEGACY_KEY = 'slrt.intake.draft.v1';
const DB_NAME = 'slrt-drafts';
const STORE = 'keys';

const canEncrypt = () => typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && Boolean(crypto.subtle);

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = fn(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('indexedDB'));
    });
  } finally {
    db.close();
  }
}

async function keyOf(userId: string, create: boolean): Promise<CryptoKey | null> {
  const found = await withStore<CryptoKey | undefined>('readonly', (s) => s.get(userId) as IDBRequest<CryptoKey | undefined>);
  if (found || !create) return found ?? null;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await withStore('readwrite', (s) => s.put(key, userId));
  return key;
}

/** Bytes encrypted with the officer's device key (the outbox keeps its items so). */
export interface Sealed {
  iv: Uint8Array;
  data: ArrayBuffer;
}

/** True when the device can keep work encrypted (WebCrypto and IndexedDB: a secure context). */
export const canSeal = canEncrypt;

/** Encrypts `bytes` with the officer's key on this device (made on first use). */
export async function seal(userId: string, bytes: BufferSource): Promise<Sealed> {
  const key = (await keyOf(userId, true))!;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes) };
}

/** Decrypts what `seal` made; null once the key is gone (signed out: nothing left can be read). */
export async function unseal(userId: string, sealed: Sealed): Promise<ArrayBuffer | null> {
  const key = await keyOf(userId, false);
  if (!key) return null;
  try {
    return await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv as Uint8Array<ArrayBuffer> }, key, sealed.data);
  } catch {
    return null;
  }
}

const toB64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** The officer's saved draft (parsed JSON), or null. */
export async function loadDraft(userId: string): Promise<unknown> {
  try {
    if (!canEncrypt()) {
      const plain = sessionStorage.getItem(PREFIX + userId);
      return plain ? (JSON.parse(plain) as unknown) : null;
    }
    const saved = localStorage.getItem(PREFIX + userId);
    if (!saved) return null;
    const key = await keyOf(userId, false);
    if (!key) return null;
    const { iv, data } = JSON.parse(saved) as { iv: string; data: string };
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromB64(iv) }, key, fromB64(data));
    return JSON.parse(new TextDecoder().decode(plain)) as unknown;
  } catch {
    return null; // storage disabled, a draft of another key or version: start afresh
  }
}

/** Saves the draft (null removes it). */
export async function saveDraft(userId: string, draft: unknown): Promise<void> {
  try {
    if (draft === null) {
      localStorage.removeItem(PREFIX + userId);
      sessionStorage.removeItem(PREFIX + userId);
      return;
    }
    const text = JSON.stringify(draft);
    if (!canEncrypt()) {
      sessionStorage.setItem(PREFIX + userId, text);
      return;
    }
    const key = (await keyOf(userId, true))!;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text)));
    localStorage.setItem(PREFIX + userId, JSON.stringify({ iv: toB64(iv), data: toB64(data) }));
  } catch {
    // not kept on this device; the intake still works
  }
}

/** True when this officer has an intake on the device that was not sent. */
export function hasUnsentDraft(userId: string): boolean {
  try {
    return localStorage.getItem(PREFIX + userId) !== null || sessionStorage.getItem(PREFIX + userId) !== null;
  } catch {
    return false;
  }
}

/** At sign-out: every officer's draft and key on this device, gone. */
export async function clearAllDrafts(): Promise<void> {
  try {
    for (const store of [localStorage, sessionStorage]) {
      const keys: string[] = [];
      for (let i = 0; i < store.length; i++) {
        const k = store.key(i);
        if (k && (k.startsWith(PREFIX) || k === LEGACY_KEY)) keys.push(k);
      }
      for (const k of keys) store.removeItem(k);
    }
  } catch {
    // storage disabled: nothing kept
  }
  if (!canEncrypt()) return;
  try {
    await withStore('readwrite', (s) => s.clear());
  } catch {
    // no key store: nothing to destroy
  }
}
