import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotificationListQuery, NotificationPage, NotificationsRead, UnreadCount, WebhookCreated, WebhookInput, WebhookList } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses, IdParams, Ok } from '../http/schemas.ts';
import { listMyNotifications, myUnreadCount, readAllNotifications, readNotification } from './service.ts';
import { createWebhook, listWebhooks, revokeWebhook } from './webhooks.ts';

/** In-app notifications (each user's own) and partner webhook registrations. */
export async function notificationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['notifications'];

  app.get('/api/v1/notifications', {
    config: { permission: 'notifications.read' },
    schema: {
      tags,
      querystring: NotificationListQuery,
      response: { 200: NotificationPage, ...errorResponses },
    },
  }, async (request) => listMyNotifications(deps, ctx(request), request.query));

  app.get('/api/v1/notifications/unread-count', {
    config: { permission: 'notifications.read' },
    schema: { tags, response: { 200: UnreadCount, ...errorResponses } },
  }, async (request) => ({ count: await myUnreadCount(deps, ctx(request)) }));

  app.post('/api/v1/notifications/:id/read', {
    config: { permission: 'notifications.read' },
    schema: { tags, params: IdParams, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    await readNotification(deps, ctx(request), request.params.id);
    return { ok: true as const };
  });

  app.post('/api/v1/notifications/read-all', {
    config: { permission: 'notifications.read' },
    schema: { tags, response: { 200: NotificationsRead, ...errorResponses } },
  }, async (request) => ({ ok: true as const, count: await readAllNotifications(deps, ctx(request)) }));

  const hookTags = ['webhooks'];
  const scopes = [
    { prefix: '/api/v1', permission: 'directory.manage', scope: 'kabupaten' },
    { prefix: '/api/v1/partner', permission: 'directory.manage_own', scope: 'own' },
  ] as const;
  for (const { prefix, permission, scope } of scopes) {
    app.get(`${prefix}/organizations/:id/webhooks`, {
      config: { permission },
      schema: { tags: hookTags, params: IdParams, response: { 200: WebhookList, ...errorResponses } },
    }, async (request) => ({ items: await listWebhooks(deps, ctx(request), request.params.id, scope) }));

    app.post(`${prefix}/organizations/:id/webhooks`, {
      config: { permission },
      schema: { tags: hookTags, params: IdParams, body: WebhookInput, response: { 201: WebhookCreated, ...errorResponses } },
    }, async (request, reply) => {
      reply.status(201);
      return createWebhook(deps, ctx(request), request.params.id, request.body, scope);
    });

    app.post(`${prefix}/webhooks/:id/revoke`, {
      config: { permission },
      schema: { tags: hookTags, params: IdParams, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await revokeWebhook(deps, ctx(request), request.params.id, scope);
      return { ok: true as const };
    });
  }
}
