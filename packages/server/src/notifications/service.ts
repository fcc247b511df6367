import { t, type NotificationPage } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import type { Queryable } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { notFound } from '../http/errors.ts';
import { publishEvent } from '../events/bus.ts';
import * as q from './queries.ts';

export interface NotifyInput {
  kabCode: string;
  userIds: ReadonlyArray<string | null>;
  /** The event: a user is notified once per event key, however often it is processed. */
  eventKey: string;
  kind: string;
  /** A catalog key (packages/core i18n), rendered in the reader's language. */
  messageKey: string;
  params?: Record<string, string | number>;
  link?: string | null;
  recordType?: string | null;
  recordId?: string | null;
}

/**
 * Notifies users in-app, inside the caller's transaction, and tells their open boards (a
 * live event per new notification). Returns the users notified now: those already notified
 * of this event are left out. Callers other domains may use: only non-personal parameters.
 */
export async function notify(tx: Queryable, n: NotifyInput): Promise<string[]> {
  const users = await q.activeUsers(tx, n.userIds);
  if (users.length === 0) return [];
  const inserted = await q.insertNotifications(tx, {
    ids: users.map(() => newId()), userIds: users, kabCode: n.kabCode, eventKey: n.eventKey, kind: n.kind,
    messageKey: n.messageKey, params: n.params ?? {}, link: n.link ?? null, recordType: n.recordType ?? null, recordId: n.recordId ?? null,
  });
  for (const row of inserted) {
    await publishEvent(tx, {
      kabCode: n.kabCode, type: 'notification', permission: 'notifications.read', userId: row.user_id,
      payload: { id: row.id, kind: n.kind, link: n.link ?? null },
    });
  }
  return inserted.map((r) => r.user_id);
}

function view(r: q.NotificationRow, locale: RequestContext['locale']) {
  return {
    id: r.id, kind: r.kind, message: t(locale, r.message_key, r.params), messageKey: r.message_key, params: r.params,
    link: r.link, recordType: r.record_type, recordId: r.record_id, createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  };
}

function decodeCursor(cursor: string | undefined): [Date, string] | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  return Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? '') ? null : [date, id!];
}

export async function listMyNotifications(deps: Deps, ctx: RequestContext, query: { unread?: boolean | undefined; cursor?: string | undefined; limit: number }): Promise<NotificationPage> {
  const rows = await q.listNotifications(deps.db, ctx.actor.userId, { unread: Boolean(query.unread), after: decodeCursor(query.cursor), limit: query.limit });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => view(r, ctx.locale)),
    nextCursor: rows.length > query.limit && last ? Buffer.from(`${last.created_at.toISOString()}|${last.id}`).toString('base64url') : null,
  };
}

export function myUnreadCount(deps: Deps, ctx: RequestContext) {
  return q.unreadCount(deps.db, ctx.actor.userId);
}

export async function readNotification(deps: Deps, ctx: RequestContext, id: string) {
  await deps.db.transaction(async (tx) => {
    if (!(await q.markRead(tx, ctx.actor.userId, id))) throw notFound();
    await ctx.auditWrite(tx, { action: 'notification.read', recordType: 'notification', recordIds: [id] });
  });
}

export async function readAllNotifications(deps: Deps, ctx: RequestContext) {
  return deps.db.transaction(async (tx) => {
    const count = await q.markAllRead(tx, ctx.actor.userId);
    await ctx.auditWrite(tx, { action: 'notification.read_all', recordType: 'notification', details: { count } });
    return count;
  });
}
