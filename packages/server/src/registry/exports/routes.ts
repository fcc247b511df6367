import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { RegistryExportQuery } from '@slrt/core';
import { ctx } from '../../http/context.ts';
import { exportArea, exportStream } from './export.ts';

export async function registryExportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;

  app.get('/api/v1/registry/export', {
    config: { permission: 'registry.export' },
    schema: {
      tags: ['registry'],
      produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      description: 'The caller\'s scope in the import layout (codes), so that the file can be imported again. `labels=1`: the readable file for people instead, the same rows with headers and coded values as labels (and the village\'s name) in `lang` (default: Accept-Language); it is not an import file.',
      querystring: RegistryExportQuery,
    },
  }, async (request, reply) => {
    const c = ctx(request);
    const area = exportArea(c, request.query.area);
    const format = request.query.format;
    const readable = request.query.labels === '1' ? (request.query.lang ?? c.locale) : null;
    const stamp = new Date().toISOString().slice(0, 10);
    const name = `registri-${(area ?? c.actor.kabCode).replace(/\./g, '')}-${stamp}${readable ? `-label-${readable}` : ''}.${format}`;
    reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="${name}"`);
    // the stream audits every page (an empty export too) before its rows leave, which is after
    // the app's audit safety net has looked at the request: tell it so
    request.audited = true;
    return reply.send(exportStream(deps, c, area, format, readable));
  });
}
