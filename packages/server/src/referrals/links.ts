import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isTerminalReferral, referralTransition, type DocumentView, type LinkHolder, type ReferralLinkCreated, type ReferralLinkView, type ReferralStatus, type ReferralView } from '@slrt/core';
import type { AuditContext } from '../audit/audit-event.ts';
import { publicLink } from '../config.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import type { Queryable } from '../db/database.ts';
import type { Cols, Row } from '../db/rows.ts';
import { newId } from '../db/ids.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { eventsCommitted } from '../events/bus.ts';
import { listDocuments, storeDocument, type IncomingFile } from '../documents/service.ts';
import { actingLink, actingOf } from './acting.ts';
import * as q from './queries.ts';
import { REFERRAL_OWNER_TYPE, referralInScope, stepReferral, type ActionInput } from './service.ts';
import { toReferralView } from './view.ts';

/**
 * Signed single-referral links, for small partners without accounts (a mosque committee, a
 * youth group): the referring office creates one and passes it on by WhatsApp or SMS.
 *
 * Token: `<link id, base64url>.<HMAC-SHA256(SESSION_SECRET, link id, referral id, expiry)>`.
 * The database keeps only its sha256 (a stolen table gives no working link) and the row
 * that makes it revocable. A link works for its one referral only, while it is not expired,
 * not revoked and the referral still open; it reads that referral (the partner's cut) and
 * may accept, decline or complete it and attach one piece of evidence, nothing else. It is
 * not a session: no other route accepts it. Every use, and every refused attempt, is audited
 * with actor `link:<id>`.
 */
const LINK_DEFAULT_DAYS = 7;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function mac(secret: string, linkId: string, referralId: string, expiresAt: Date): string {
  return createHmac('sha256', secret).update(`referral-link:v1:${linkId}:${referralId}:${expiresAt.toISOString()}`).digest('base64url');
}

const idToB64 = (uuid: string) => Buffer.from(uuid.replaceAll('-', ''), 'hex').toString('base64url');
function b64ToId(s: string): string | null {
  const hex = Buffer.from(s, 'base64url').toString('hex');
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function linkInvalid(): AppError {
  return new AppError('not_found', { key: 'referrals.link_invalid' });
}

type LinkRow = Row<'referral_links'>;

const linkView = (l: LinkRow): ReferralLinkView => ({
  id: l.id, createdAt: l.created_at.toISOString(), expiresAt: l.expires_at.toISOString(), revokedAt: l.revoked_at?.toISOString() ?? null,
  lastUsedAt: l.last_used_at?.toISOString() ?? null, useCount: l.use_count,
});

/** Creates a link for an open referral the caller sent (its area); the token is shown once. */
export async function createReferralLink(deps: Deps, ctx: RequestContext, referralId: string, expiresInDays = LINK_DEFAULT_DAYS): Promise<ReferralLinkCreated> {
  const id = newId();
  const expiresAt = new Date(Date.now() + expiresInDays * 86_400_000);
  let token = '';
  await deps.db.transaction(async (tx) => {
    const r = await referralInScope(tx, ctx, referralId, 'referrals.create', true);
    if (isTerminalReferral(r.status)) throw conflict('referrals.closed');
    token = `${idToB64(id)}.${mac(deps.config.sessionSecret, id, r.id, expiresAt)}`;
    await tx.query(
      `INSERT INTO referral_links (id, kab_code, village_code, referral_id, token_hash, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, r.kab_code, r.village_code, r.id, sha256(token), ctx.actor.userId, expiresAt],
    );
    await q.insertReferralEvent(tx, {
      id: newId(), kabCode: r.kab_code, villageCode: r.village_code, referralId: r.id, actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName, actorKind: actingOf(ctx).kind, action: 'link_created', details: { linkId: id, expiresAt: expiresAt.toISOString() },
    });
    await ctx.auditWrite(tx, { action: 'referral.link_create', recordType: 'referral', recordIds: [r.id, id], details: { expiresAt: expiresAt.toISOString() } });
  });
  return { id, token, url: publicLink(deps.config, `/tautan-rujukan/${token}`), expiresAt: expiresAt.toISOString() };
}

export async function listReferralLinks(deps: Deps, ctx: RequestContext, referralId: string): Promise<ReferralLinkView[]> {
  const r = await referralInScope(deps.db, ctx, referralId, 'referrals.create');
  const { rows } = await deps.db.query<LinkRow>('SELECT * FROM referral_links WHERE referral_id = $1 ORDER BY created_at', [r.id]);
  // the links' dates and states (never their tokens): nothing of the resident
  ctx.noPersonalData();
  return rows.map(linkView);
}

export async function revokeReferralLink(deps: Deps, ctx: RequestContext, referralId: string, linkId: string) {
  await deps.db.transaction(async (tx) => {
    const r = await referralInScope(tx, ctx, referralId, 'referrals.create', true);
    const res = await tx.query('UPDATE referral_links SET revoked_at = now(), revoked_by = $3 WHERE id = $1 AND referral_id = $2 AND revoked_at IS NULL', [linkId, r.id, ctx.actor.userId]);
    if (!res.rowCount) throw notFound();
    await q.insertReferralEvent(tx, {
      id: newId(), kabCode: r.kab_code, villageCode: r.village_code, referralId: r.id, actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName, actorKind: actingOf(ctx).kind, action: 'link_revoked', details: { linkId },
    });
    await ctx.auditWrite(tx, { action: 'referral.link_revoke', recordType: 'referral', recordIds: [r.id, linkId] });
  });
}

/** The link row a token names, if the token is genuine and still usable; null otherwise. */
async function resolveToken(db: Queryable, secret: string, token: string, forUpdate: boolean): Promise<{ link: LinkRow; referral: q.ReferralRow } | null> {
  const [idPart, macPart] = token.split('.');
  if (!idPart || !macPart || token.length > 200) return null;
  const linkId = b64ToId(idPart);
  if (!linkId) return null;
  const { rows } = await db.query<LinkRow>(`SELECT * FROM referral_links WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [linkId]);
  const link = rows[0];
  if (!link) return null;
  const stored = Buffer.from(link.token_hash, 'hex');
  const given = Buffer.from(sha256(token), 'hex');
  if (stored.length !== given.length || !timingSafeEqual(stored, given)) return null;
  const expected = Buffer.from(mac(secret, link.id, link.referral_id, link.expires_at));
  const got = Buffer.from(macPart);
  if (expected.length !== got.length || !timingSafeEqual(expected, got)) return null;
  if (link.revoked_at || link.expires_at.getTime() <= Date.now()) return null;
  const referral = await q.selectReferralUnscoped(db, link.referral_id, { forUpdate });
  if (!referral || isTerminalReferral(referral.status)) return null;
  return { link, referral };
}

export interface LinkCaller {
  audit: (linkId: string | null, kabCode: string, holder?: LinkHolder) => AuditContext;
  onAudit: () => void;
}

async function refused(deps: Deps, caller: LinkCaller, what: string) {
  caller.onAudit();
  const kab = deps.config.kabupatenCode.replace('.', '');
  await deps.auditLog.recordRead(caller.audit(null, kab), { action: 'referral_link.refused', recordType: 'referral_link', details: { what } });
}

/** What the link holder sees: the partner's cut of the referral, and the actions a link may take. */
export async function readViaLink(deps: Deps, caller: LinkCaller, token: string): Promise<ReferralView> {
  const found = await resolveToken(deps.db, deps.config.sessionSecret, token, false);
  if (!found) {
    await refused(deps, caller, 'read');
    throw linkInvalid();
  }
  const { link, referral: r } = found;
  await deps.db.query('UPDATE referral_links SET last_used_at = now(), use_count = use_count + 1 WHERE id = $1', [link.id]);
  const subject = await q.selectSubject(deps.db, r.kab_code, r.person_id);
  const docs = await listDocuments(deps.db, r.kab_code, REFERRAL_OWNER_TYPE, r.id);
  const view = toReferralView(r, 'link', subject, { events: await q.selectReferralEvents(deps.db, r.id), evidence: docs.map((d) => ({ id: d.id, fileName: d.fileName })), actions: ['link'] });
  caller.onAudit();
  await deps.auditLog.recordRead(caller.audit(link.id, r.kab_code), {
    action: 'referral.read', recordType: 'referral', recordIds: [r.id, r.person_id], purpose: 'referral.handling', details: { via: 'link', sharedFields: r.shared_fields },
  });
  return view;
}

/** Accept, decline or complete through the link, as the link (audited, in the referral's timeline). */
export async function actViaLink(deps: Deps, caller: LinkCaller, token: string, step: ActionInput, holder: LinkHolder): Promise<ReferralView> {
  let linkId = '';
  const ok = await deps.db.transaction(async (tx) => {
    const found = await resolveToken(tx, deps.config.sessionSecret, token, true);
    if (!found) return false;
    linkId = found.link.id;
    await tx.query('UPDATE referral_links SET last_used_at = now(), use_count = use_count + 1 WHERE id = $1', [found.link.id]);
    await stepReferral(tx, actingLink(deps, caller.audit(found.link.id, found.referral.kab_code, holder), holder, caller.onAudit), 'link', found.referral, step);
    return true;
  });
  if (!ok) {
    await refused(deps, caller, step.action);
    throw linkInvalid();
  }
  eventsCommitted(deps.db);
  // the link may have closed the referral: answer with what it now looks like, without another use
  const { rows } = await deps.db.query<Cols<'referral_links', 'referral_id'>>('SELECT referral_id FROM referral_links WHERE id = $1', [linkId]);
  const r = (await q.selectReferralUnscoped(deps.db, rows[0]!.referral_id))!;
  const subject = await q.selectSubject(deps.db, r.kab_code, r.person_id);
  const docs = await listDocuments(deps.db, r.kab_code, REFERRAL_OWNER_TYPE, r.id);
  return toReferralView(r, 'link', subject, { events: await q.selectReferralEvents(deps.db, r.id), evidence: docs.map((d) => ({ id: d.id, fileName: d.fileName })), actions: ['link'] });
}

/** Evidence goes with the outcome: while the referral may still be completed (accepted, in service). */
const openForCompletion = (status: ReferralStatus) => referralTransition(status, 'complete').ok;

/**
 * One piece of evidence through the link (a photo of the handed-over wheelchair, a receipt),
 * with the documents module's checks (type from the first bytes, at most 5 MB, the same file
 * twice answers the first), only while the referral is open for completion, and once per
 * link: a second, different file answers 409. Recorded in the referral's timeline and the
 * audit trail as the link.
 */
export async function attachViaLink(
  deps: Deps, caller: LinkCaller, token: string, kind: string, nextFile: () => Promise<IncomingFile | undefined>,
): Promise<{ document: DocumentView; created: boolean }> {
  const found = await resolveToken(deps.db, deps.config.sessionSecret, token, false);
  if (!found) {
    await refused(deps, caller, 'attach');
    throw linkInvalid();
  }
  if (!openForCompletion(found.referral.status)) throw conflict('referrals.evidence_when_open');
  const linkId = found.link.id;
  const actorName = `link:${linkId}`;
  const audit = caller.audit(linkId, found.referral.kab_code);
  return storeDocument(deps, {
    ownerType: REFERRAL_OWNER_TYPE, ownerId: found.referral.id, kind, uploadedBy: null, uploaderName: actorName,
    async lockOwner(tx) {
      // the link and the referral again, locked: revoked, expired or closed while the file came in
      const now = await resolveToken(tx, deps.config.sessionSecret, token, true);
      if (!now) throw linkInvalid();
      if (!openForCompletion(now.referral.status)) throw conflict('referrals.evidence_when_open');
      await tx.query('UPDATE referral_links SET last_used_at = now(), use_count = use_count + 1 WHERE id = $1', [linkId]);
      return { kabCode: now.referral.kab_code, villageCode: now.referral.village_code };
    },
    async onAttached(tx, document) {
      const used = await tx.query(
        `SELECT 1 FROM referral_events WHERE referral_id = $1 AND action = 'evidence_attached' AND actor_kind = 'link' AND actor_name = $2`,
        [found.referral.id, actorName]);
      if (used.rows.length) throw conflict('referrals.link_evidence_used');
      await q.insertReferralEvent(tx, {
        id: newId(), kabCode: found.referral.kab_code, villageCode: found.referral.village_code, referralId: found.referral.id,
        actorId: null, actorName, actorKind: 'link', action: 'evidence_attached',
        details: { documentId: document.id, kind: document.kind, fileName: document.fileName },
      });
    },
    async auditWrite(tx, input) {
      caller.onAudit();
      await deps.auditLog.record(tx, audit, input);
    },
    async auditRead(input) {
      caller.onAudit();
      await deps.auditLog.recordRead(audit, input);
    },
  }, nextFile);
}
