import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { ReferralEventType, WebhookInput, WebhookView } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import type { Queryable } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { fieldError, notFound } from '../http/errors.ts';
import { enqueueJob, type JobRow } from '../jobs/public.ts';
import type { ManageScope } from '../directory/service.ts';
import {
  activeWebhookOrganization, insertWebhook, markWebhookRevoked, organizationExists, webhookById, webhooksOf, webhooksWanting, webhookTarget,
  type WebhookRow,
} from './webhook-queries.ts';

/**
 * Webhooks for partner systems that ask to be told of referral events.
 *
 * Each delivery is a POST of JSON with headers
 *   X-SLRT-Event: referral.created
 *   X-SLRT-Delivery: <id, the same on every retry of one delivery>
 *   X-SLRT-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
 * The receiver recomputes the HMAC with its secret, compares in constant time, refuses old
 * timestamps, and ignores a delivery id it has seen (retries make delivery at least once).
 * A non-2xx answer or a timeout is retried with exponential backoff (jobs/runner.ts).
 * Bodies carry the referral's id, number and status, never the resident's data: the partner
 * system fetches the referral with its bearer token and sees what the service may see.
 */
export const WEBHOOK_JOB = 'webhook.deliver';
const TIMEOUT_MS = 10_000;

function keyOf(sessionSecret: string): Buffer {
  return createHash('sha256').update(`slrt-webhook-secret:${sessionSecret}`).digest();
}

export function encryptSecret(plain: string, sessionSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(sessionSecret), iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function decryptSecret(stored: string, sessionSecret: string): string {
  const [v, iv, tag, ct] = stored.split('.');
  if (v !== 'v1' || !iv || !tag || !ct) throw new Error('unknown webhook secret format');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(sessionSecret), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

function signPayload(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

function isPrivateAddress(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')) return true;
  if (isIP(h) === 4) {
    const [a, b] = h.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (isIP(h) === 6) return h === '::1' || h.startsWith('fc') || h.startsWith('fd') || h.startsWith('fe80') || h === '::';
  return false;
}

/**
 * Where deliveries may go. In production: https to a public host only (no loopback or
 * private network addresses, so a webhook cannot probe the server's own network). Outside
 * production plain http and local receivers are allowed (development and tests, whose
 * receivers listen on 127.0.0.1 only).
 */
export function webhookUrlAllowed(url: string, production: boolean): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (!production) return u.protocol === 'https:' || u.protocol === 'http:';
  return u.protocol === 'https:' && !isPrivateAddress(u.hostname);
}

const toView = (r: WebhookRow): WebhookView => ({
  id: r.id, organizationId: r.organization_id, url: r.url, events: r.events, createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null,
});

function assertOwn(ctx: RequestContext, organizationId: string, scope: ManageScope) {
  if (scope === 'own' && !ctx.actor.organizationsFor('directory.manage_own').includes(organizationId)) throw notFound();
}

export async function listWebhooks(deps: Deps, ctx: RequestContext, organizationId: string, scope: ManageScope): Promise<WebhookView[]> {
  assertOwn(ctx, organizationId, scope);
  if (!(await organizationExists(deps.db, ctx.actor.kabCode, organizationId))) throw notFound();
  return (await webhooksOf(deps.db, ctx.actor.kabCode, organizationId)).map(toView);
}

/** Registers a webhook; the signing secret is returned this once and stored encrypted. */
export async function createWebhook(deps: Deps, ctx: RequestContext, organizationId: string, input: WebhookInput, scope: ManageScope) {
  assertOwn(ctx, organizationId, scope);
  if (!webhookUrlAllowed(input.url, deps.config.production)) throw fieldError('url', 'directory.webhook_url_not_allowed');
  const id = newId();
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  await deps.db.transaction(async (tx) => {
    if (!(await organizationExists(tx, ctx.actor.kabCode, organizationId))) throw notFound();
    await insertWebhook(tx, {
      id, kab: ctx.actor.kabCode, organizationId, url: input.url, secretEnc: encryptSecret(secret, deps.config.sessionSecret),
      events: input.events ?? [], createdBy: ctx.actor.userId,
    });
    await ctx.auditWrite(tx, { action: 'webhook.create', recordType: 'webhook', recordIds: [id], details: { organizationId, url: input.url, events: input.events ?? [] } });
  });
  return { ...toView((await webhookById(deps.db, id))!), secret };
}

export async function revokeWebhook(deps: Deps, ctx: RequestContext, id: string, scope: ManageScope) {
  await deps.db.transaction(async (tx) => {
    const organizationId = await activeWebhookOrganization(tx, ctx.actor.kabCode, id);
    if (!organizationId) throw notFound();
    assertOwn(ctx, organizationId, scope);
    await markWebhookRevoked(tx, id);
    await ctx.auditWrite(tx, { action: 'webhook.revoke', recordType: 'webhook', recordIds: [id] });
  });
}

export interface WebhookEvent {
  type: ReferralEventType;
  /** Unique per event (e.g. referral.accepted:<referral id>): one delivery per webhook and event. */
  key: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}

/**
 * Queues a delivery of `event` to every active webhook of the organization that wants it,
 * inside the caller's transaction: the deliveries exist only if the change commits.
 */
export async function enqueueWebhooks(tx: Queryable, kabCode: string, organizationId: string, event: WebhookEvent): Promise<number> {
  let n = 0;
  for (const hookId of await webhooksWanting(tx, kabCode, organizationId, event.type)) {
    const queued = await enqueueJob(tx, {
      kind: WEBHOOK_JOB, key: `${hookId}:${event.key}`, kabCode,
      payload: { webhookId: hookId, type: event.type, body: { type: event.type, occurredAt: event.occurredAt.toISOString(), data: event.data } },
    });
    if (queued) n++;
  }
  return n;
}

/** The job handler: one POST; throws on anything but 2xx so the runner retries with backoff. */
export async function deliverWebhook(job: JobRow, deps: Deps): Promise<void> {
  const { webhookId, type, body } = job.payload as { webhookId: string; type: string; body: unknown };
  const hook = await webhookTarget(deps.db, webhookId);
  if (!hook || hook.revoked_at) return; // revoked since: nothing to deliver
  if (!webhookUrlAllowed(hook.url, deps.config.production)) throw new Error('webhook url not allowed');
  const text = JSON.stringify({ id: job.id, ...(body as object) });
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(hook.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'SLRT-Webhook/1',
      'x-slrt-event': type,
      'x-slrt-delivery': job.id,
      'x-slrt-signature': signPayload(decryptSecret(hook.secret_enc, deps.config.sessionSecret), timestamp, text),
    },
    body: text,
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await res.body?.cancel();
  if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered HTTP ${res.status}`);
}
