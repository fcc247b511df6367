import type { ReferralEventType } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { Cols, With } from '../db/rows.ts';

/** SQL of the organizations' webhooks (organization_webhooks). */

export type WebhookRow = With<Cols<'organization_webhooks', 'id' | 'organization_id' | 'url' | 'events' | 'created_at' | 'revoked_at'>, { events: ReferralEventType[] }>;

const WEBHOOK_COLUMNS = 'id, organization_id, url, events, created_at, revoked_at';

export async function organizationExists(q: Queryable, kab: string, id: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM organizations WHERE kab_code = $1 AND id = $2', [kab, id]);
  return rows.length > 0;
}

export async function webhooksOf(q: Queryable, kab: string, organizationId: string): Promise<WebhookRow[]> {
  const { rows } = await q.query<WebhookRow>(
    `SELECT ${WEBHOOK_COLUMNS} FROM organization_webhooks WHERE kab_code = $1 AND organization_id = $2 ORDER BY created_at`,
    [kab, organizationId],
  );
  return rows;
}

export async function webhookById(q: Queryable, id: string): Promise<WebhookRow | null> {
  const { rows } = await q.query<WebhookRow>(`SELECT ${WEBHOOK_COLUMNS} FROM organization_webhooks WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function insertWebhook(
  q: Queryable,
  w: { id: string; kab: string; organizationId: string; url: string; secretEnc: string; events: readonly string[]; createdBy: string | null },
): Promise<void> {
  await q.query(
    `INSERT INTO organization_webhooks (id, kab_code, organization_id, url, secret_enc, events, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [w.id, w.kab, w.organizationId, w.url, w.secretEnc, [...w.events], w.createdBy],
  );
}

/** The organization of an active webhook of the kabupaten (null when none or revoked). */
export async function activeWebhookOrganization(q: Queryable, kab: string, id: string): Promise<string | null> {
  const { rows } = await q.query<Cols<'organization_webhooks', 'organization_id'>>(
    'SELECT organization_id FROM organization_webhooks WHERE kab_code = $1 AND id = $2 AND revoked_at IS NULL', [kab, id]);
  return rows[0]?.organization_id ?? null;
}

export async function markWebhookRevoked(q: Queryable, id: string): Promise<void> {
  await q.query('UPDATE organization_webhooks SET revoked_at = now() WHERE id = $1', [id]);
}

/** The active webhooks of an organization that want events of `type` (an empty list wants all). */
export async function webhooksWanting(q: Queryable, kab: string, organizationId: string, type: string): Promise<string[]> {
  const { rows } = await q.query<Cols<'organization_webhooks', 'id'>>(
    `SELECT id FROM organization_webhooks
     WHERE kab_code = $1 AND organization_id = $2 AND revoked_at IS NULL AND (cardinality(events) = 0 OR $3 = ANY(events))`,
    [kab, organizationId, type],
  );
  return rows.map((r) => r.id);
}

export async function webhookTarget(q: Queryable, id: string): Promise<{ url: string; secret_enc: string; revoked_at: Date | null } | null> {
  const { rows } = await q.query<Cols<'organization_webhooks', 'url' | 'secret_enc' | 'revoked_at'>>(
    'SELECT url, secret_enc, revoked_at FROM organization_webhooks WHERE id = $1', [id]);
  return rows[0] ?? null;
}
