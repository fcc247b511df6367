import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Breach, BreachLetterQuery, BreachNotified, CreateBreach } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { Cursor, errorResponses, IdParams, listOf } from '../http/schemas.ts';
import { breachLettersPdf, getBreach, listBreaches, markBreachNotified, registerBreach } from './breaches.ts';

/** The breach register: record, list (overdue notices marked), notify, letters. */
export async function breachRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['privacy'];

  app.post('/api/v1/breaches', {
    config: { permission: 'privacy.manage' },
    schema: {
      tags,
      description: 'Records a breach; notices are due 72 hours after foundAt. With accountUsername and the period, the persons affected are everything that account read in it (audit trail).',
      body: CreateBreach, response: { 201: Breach, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await registerBreach(deps, ctx(request), request.body)));

  app.get('/api/v1/breaches', {
    config: { permission: 'privacy.oversee' },
    schema: { tags, querystring: Cursor, response: { 200: listOf(Breach), ...errorResponses } },
  }, async (request) => listBreaches(deps, ctx(request), request.query));

  app.get('/api/v1/breaches/:id', {
    config: { permission: 'privacy.oversee' },
    schema: { tags, params: IdParams, response: { 200: Breach, ...errorResponses } },
  }, async (request) => getBreach(deps, ctx(request), request.params.id));

  app.post('/api/v1/breaches/:id/notified', {
    config: { permission: 'privacy.manage' },
    schema: { tags, description: 'Records that the notice to the authority or to the persons was sent (once).', params: IdParams, body: BreachNotified, response: { 200: Breach, ...errorResponses } },
  }, async (request) => markBreachNotified(deps, ctx(request), request.params.id, request.body.recipient));

  app.get('/api/v1/breaches/:id/letters.pdf', {
    config: { permission: 'privacy.manage' },
    schema: { tags, description: 'The notification letter to the authority, or one letter per affected person.', params: IdParams, querystring: BreachLetterQuery, produces: ['application/pdf'] },
  }, async (request, reply) => {
    const { pdf, fileName } = await breachLettersPdf(deps, ctx(request), request.params.id, request.query.recipient);
    return reply.headers({ 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${fileName}"`, 'cache-control': 'private, no-store' }).send(pdf);
  });
}
