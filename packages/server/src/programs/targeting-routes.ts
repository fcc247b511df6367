import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AreaQuery, ProgramCodeParams as CodeParams, ProgramStats, TargetingExportQuery, TargetingList, TargetingQuery } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses } from '../http/schemas.ts';
import { programStats, targetingList } from './targeting.ts';
import { targetingExport } from './targeting-export.ts';


/** Targeting lists (exclusion and inclusion errors) of a program in an area, their export, and program statistics. */
export async function targetingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['programs'];

  app.get('/api/v1/programs/:code/targeting', {
    config: { permission: 'programs.targeting' },
    schema: {
      tags, params: CodeParams, querystring: TargetingQuery, response: { 200: TargetingList, ...errorResponses },
      description: 'Households of an area (default: the caller\'s) eligible under the rule in force but not enrolled (kind=exclusion), or enrolled but not eligible (kind=inclusion), with the reasons.',
    },
  }, async (request) => targetingList(deps, ctx(request), request.params.code, request.query));

  app.get('/api/v1/programs/:code/targeting/export', {
    config: { permission: 'programs.targeting' },
    schema: {
      tags, params: CodeParams, querystring: TargetingExportQuery,
      description: 'The list as a file for people: headers, the screening result, yes/no and the reasons in `lang` (default: Accept-Language); the household id and the result code kept for programs.',
      produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
  }, async (request, reply) => {
    const file = await targetingExport(deps, ctx(request), request.params.code, request.query, request.query.lang);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`)
      .header('cache-control', 'private, no-store')
      .send(file.body);
  });

  app.get('/api/v1/programs/stats', {
    config: { permission: 'stats.read' },
    schema: {
      tags, querystring: AreaQuery, response: { 200: ProgramStats, ...errorResponses },
      description: 'Per program in an area: households screened, eligible, unknown, enrolled, exclusion and inclusion counts. Aggregates only; counts 1-4 are "<5" for readers without personal-data access (executive).',
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'private, no-store');
    return programStats(deps, ctx(request), request.query.area);
  });
}
