import type { CaseDocumentKind, CaseView, ProposalStepResult, VerificationInput, VerificationOutcome } from '@slrt/core';
import { ApiError, api, apiUpload } from '../../api/client.ts';
import { toCreateCase, type IntakeDraft } from '../intake/intake-draft.ts';
import { setOutboxCount } from './outbox-count.ts';
import { failureOf, SENT_KEPT_MS } from './outbox-rules.ts';
import {
  deleteItem, putItem, sealFile, sealJson, storedItem, storedItems, unsealFile, unsealJson, type OutboxState, type StoredItem,
} from './outbox-store.ts';

/**
 * The officer's outbox (issue 13 item 5): the intake and the field verifications (of a case, of
 * an usulan) completed without a link wait here, encrypted on the device (outbox-store.ts), and
 * are sent in the order they were made when the link returns. Each item carries the
 * Idempotency-Key it was given when it was made: a resend after a reload, or after an answer
 * lost on the way back, is applied once by the server. A conflict or a refusal stops at "needs
 * attention" with what was typed kept; nothing is dropped or overwritten without the officer.
 */

export type CaseVerificationBody = { outcome: VerificationOutcome; notes: string; visitedOn?: string };

/** What the officer completed, as the form hands it to the outbox. */
export type OutboxInput =
  | { kind: 'intake'; draft: IntakeDraft; fileKinds: CaseDocumentKind[] }
  | { kind: 'caseVerification'; caseId: string; caseCode: string; personName: string; body: CaseVerificationBody }
  | { kind: 'proposalVerification'; proposalId: string; code: string; subjectName: string | null; body: VerificationInput };

type OutboxKind = OutboxInput['kind'];

/** Why an item needs attention: the server's answer, kept to show beside what was typed. */
interface OutboxProblem {
  conflict: boolean;
  status: number;
  message: string;
  fields: Record<string, string>;
  details: Record<string, unknown>;
}

interface Payload {
  /** Null once sent: what was entered leaves the device, the title and result stay a day. */
  input: OutboxInput | null;
  title: string;
  problem?: OutboxProblem;
  /** The record the item made or changed. */
  result?: { path: string; code: string };
}

export interface OutboxItem {
  id: string;
  kind: OutboxKind;
  state: OutboxState;
  key: string;
  createdAt: number;
  updatedAt: number;
  title: string;
  input: OutboxInput | null;
  problem: OutboxProblem | null;
  result: Payload['result'] | null;
  files: number;
}

function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function titleOf(input: OutboxInput): string {
  switch (input.kind) {
    case 'intake': {
      const r = input.draft.resident;
      return r?.person.fullName ?? '';
    }
    case 'caseVerification':
      return `${input.caseCode} · ${input.personName}`;
    case 'proposalVerification':
      return input.subjectName ? `${input.code} · ${input.subjectName}` : input.code;
  }
}

async function recount(userId: string): Promise<void> {
  const items = await storedItems(userId);
  setOutboxCount(userId, {
    unsent: items.filter((i) => i.state !== 'sent').length,
    attention: items.filter((i) => i.state === 'attention').length,
  });
}

/**
 * Keeps completed work in the outbox (photos and documents as they were picked, already made
 * small). The intake's key is its `clientRequestId`, which the server also holds on the case.
 */
export async function addToOutbox(userId: string, input: OutboxInput, files: readonly File[]): Promise<void> {
  const now = Date.now();
  const item: StoredItem = {
    id: newId(),
    userId,
    seq: now,
    kind: input.kind,
    state: 'waiting',
    key: input.kind === 'intake' ? input.draft.clientRequestId : `outbox-${newId()}`,
    createdAt: now,
    updatedAt: now,
    body: await sealJson(userId, { input, title: titleOf(input) } satisfies Payload),
    files: await Promise.all(files.map((f) => sealFile(userId, f))),
  };
  await putItem(item);
  await recount(userId);
}

async function open(userId: string, s: StoredItem): Promise<OutboxItem | null> {
  const p = await unsealJson<Payload>(userId, s.body);
  if (!p) return null;
  return {
    id: s.id, kind: s.kind as OutboxKind, state: s.state, key: s.key, createdAt: s.createdAt, updatedAt: s.updatedAt,
    title: p.title, input: p.input, problem: p.problem ?? null, result: p.result ?? null, files: s.files.length,
  };
}

/** The officer's items, oldest first; sent ones older than a day are removed. */
export async function outboxItems(userId: string): Promise<OutboxItem[]> {
  const items: OutboxItem[] = [];
  for (const s of await storedItems(userId)) {
    if (s.state === 'sent' && Date.now() - s.updatedAt > SENT_KEPT_MS) {
      await deleteItem(s.id);
      continue;
    }
    const item = await open(userId, s);
    if (item) items.push(item);
  }
  await recount(userId);
  return items;
}

async function update(userId: string, s: StoredItem, state: OutboxState, change: Partial<Payload> = {}, dropFiles = false): Promise<StoredItem> {
  const p = await unsealJson<Payload>(userId, s.body);
  const next: StoredItem = {
    ...s,
    state,
    updatedAt: Date.now(),
    body: await sealJson(userId, { ...(p ?? { input: null, title: '' }), ...change }),
    files: dropFiles ? [] : s.files,
  };
  await putItem(next);
  await recount(userId);
  return next;
}

async function filesOf(userId: string, s: StoredItem): Promise<File[]> {
  const files: File[] = [];
  for (const f of s.files) {
    const file = await unsealFile(userId, f);
    if (file) files.push(file);
  }
  return files;
}

/** Sends one item; resolves with where the result lives. Throws what the server answered. */
async function deliver(userId: string, s: StoredItem, input: OutboxInput): Promise<NonNullable<Payload['result']>> {
  const files = await filesOf(userId, s);
  switch (input.kind) {
    case 'intake': {
      const created = await api.post<CaseView>('/cases', { ...toCreateCase(input.draft), clientRequestId: s.key }, s.key);
      // a resend after a lost answer gets the same case back; its documents are answered by the
      // server from what it already holds (same bytes)
      for (const [i, file] of files.entries()) {
        await apiUpload(`/cases/${encodeURIComponent(created.id)}/documents`, { kind: input.fileKinds[i] ?? 'other' }, file, file.name);
      }
      return { path: `/kasus/${created.id}/tanda-terima`, code: created.code };
    }
    case 'caseVerification': {
      // the step first: photos of a visit the case no longer waits for are not sent
      const c = await api.post<CaseView>(`/cases/${encodeURIComponent(input.caseId)}/record-verification`, input.body, s.key);
      for (const file of files) await apiUpload(`/cases/${encodeURIComponent(input.caseId)}/documents`, { kind: 'house_photo' }, file, file.name);
      return { path: `/kasus/${c.id}`, code: c.code };
    }
    case 'proposalVerification': {
      // the photos first, as the form sends them: a new household's visit needs its photo
      for (const file of files) await apiUpload(`/proposals/${encodeURIComponent(input.proposalId)}/documents`, { kind: 'photo' }, file, file.name);
      await api.post<ProposalStepResult>(`/proposals/${encodeURIComponent(input.proposalId)}/verify`, input.body, s.key);
      return { path: `/usulan/${input.proposalId}`, code: input.code };
    }
  }
}

/** Sends one item: true to go on with the next, false when the link is gone again. */
async function sendOne(userId: string, s: StoredItem): Promise<boolean> {
  const p = await unsealJson<Payload>(userId, s.body);
  if (!p?.input) {
    // unreadable (the key is gone): nothing can be sent
    await update(userId, s, 'attention');
    return true;
  }
  const sending = await update(userId, s, 'sending', { problem: undefined });
  try {
    const result = await deliver(userId, sending, p.input);
    await update(userId, sending, 'sent', { input: null, result, problem: undefined }, true);
    return true;
  } catch (error) {
    const kind = failureOf(error);
    if (kind === 'later') {
      await update(userId, sending, 'waiting');
      return false;
    }
    const e = error instanceof ApiError ? error : null;
    await update(userId, sending, 'attention', {
      problem: {
        conflict: kind === 'conflict',
        status: e?.status ?? 0,
        message: e?.message ?? String(error),
        fields: { ...(e?.fields ?? {}) },
        details: { ...(e?.details ?? {}) },
      },
    });
    return true;
  }
}

let running: Promise<void> | null = null;
/** A send asked for while one runs ("Kirim sekarang" during the automatic one): a new pass after it. */
let again: Promise<void> | null = null;

async function sendAll(userId: string): Promise<void> {
  for (;;) {
    const next = (await storedItems(userId)).find((i) => i.state === 'waiting' || i.state === 'sending');
    if (!next || !(await sendOne(userId, next))) break;
  }
}

/**
 * Sends what waits, oldest first, one at a time (one tab at a time too: a Web Lock). An item
 * left "sending" by a reload is sent again with its key: the server applies it once.
 */
export function sendOutbox(userId: string): Promise<void> {
  if (running) {
    again ??= running.then(() => {
      again = null;
      return sendOutbox(userId);
    });
    return again;
  }
  running = (async () => {
    try {
      if (navigator.locks) await navigator.locks.request(`slrt-outbox-${userId}`, () => sendAll(userId));
      else await sendAll(userId);
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Puts an item needing attention back in line, as it is or with what the officer changed. */
export async function resendItem(userId: string, id: string, input?: OutboxInput): Promise<void> {
  const s = await storedItem(id);
  if (!s || s.userId !== userId) return;
  const p = await unsealJson<Payload>(userId, s.body);
  const changed = input ?? p?.input ?? null;
  // what was changed is another request: a new key (the intake's key is its clientRequestId)
  const key = input ? (input.kind === 'intake' ? input.draft.clientRequestId : `outbox-${newId()}`) : s.key;
  await update(userId, { ...s, key }, 'waiting', { input: changed, problem: undefined, ...(changed ? { title: titleOf(changed) } : {}) });
  await sendOutbox(userId);
}

/** Records that the officer settled the item another way (a note on the case), with its result. */
export async function settleItem(userId: string, id: string, result: NonNullable<Payload['result']>): Promise<void> {
  const s = await storedItem(id);
  if (s && s.userId === userId) await update(userId, s, 'sent', { input: null, result, problem: undefined }, true);
}

/** Removes an item (after the officer confirmed). */
export async function discardItem(userId: string, id: string): Promise<void> {
  const s = await storedItem(id);
  if (!s || s.userId !== userId) return;
  await deleteItem(id);
  await recount(userId);
}

export { canKeepOffline } from './outbox-store.ts';
