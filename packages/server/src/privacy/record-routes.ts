import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GeneratePrivacyRecord, PrivacyRecord } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses, IdParams } from '../http/schemas.ts';
import { generatePrivacyRecord, listPrivacyRecords, privacyRecordPdf } from './records.ts';

/** The record of processing activities and the DPIA: generate (a new version when the configuration changed), list, download. */
export async function recordRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['privacy'];

  app.post('/api/v1/privacy/records', {
    config: { permission: 'privacy.manage' },
    schema: {
      tags,
      description: 'Generates the record of processing activities (ropa) or the DPIA from the configuration: 201 with a new version, or 200 with the latest when nothing changed.',
      body: GeneratePrivacyRecord, response: { 200: PrivacyRecord, 201: PrivacyRecord, ...errorResponses },
    },
  }, async (request, reply) => {
    const { record, created } = await generatePrivacyRecord(deps, ctx(request), request.body.kind);
    return reply.code(created ? 201 : 200).send(record);
  });

  app.get('/api/v1/privacy/records', {
    config: { permission: 'privacy.oversee' },
    schema: { tags, response: { 200: z.object({ items: z.array(PrivacyRecord) }), ...errorResponses } },
  }, async (request) => ({ items: await listPrivacyRecords(deps, ctx(request)) }));

  app.get('/api/v1/privacy/records/:id/pdf', {
    config: { permission: 'privacy.oversee' },
    schema: { tags, params: IdParams, produces: ['application/pdf'] },
  }, async (request, reply) => {
    const { pdf, fileName } = await privacyRecordPdf(deps, ctx(request), request.params.id);
    return reply.headers({ 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${fileName}"`, 'cache-control': 'private, no-store' }).send(pdf);
  });
}
