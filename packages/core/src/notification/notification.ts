import { z } from 'zod';
import { listOf } from '../wire.ts';

/**
 * A user's in-app notification (`GET /notifications`): the message in the reader's language,
 * and its key and parameters for a client that renders it itself.
 */
export const NotificationView = z.object({
  id: z.uuid(),
  kind: z.string(),
  message: z.string(),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  link: z.string().nullable(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

/** `GET /notifications`: newest first; `unread=true` for the unread only. */
export const NotificationListQuery = z.object({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type NotificationListQuery = z.input<typeof NotificationListQuery>;

export const NotificationPage = listOf(NotificationView);
export type NotificationPage = z.infer<typeof NotificationPage>;

/** `GET /notifications/unread-count`. */
export const UnreadCount = z.object({ count: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

/** `POST /notifications/read-all`: how many were marked read. */
export const NotificationsRead = z.object({ ok: z.literal(true), count: z.number().int() });
export type NotificationsRead = z.infer<typeof NotificationsRead>;
