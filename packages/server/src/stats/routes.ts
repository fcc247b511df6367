import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { StatsCsvQuery, StatsOverview, StatsOverviewQuery } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses } from '../http/schemas.ts';
import { statsCsvExport, statsOverview } from './service.ts';

/**
 * The kabupaten dashboard (`stats.read`: the Manajer SLRT, supervisors, Puskesos staff for
 * their village, admin, executive). Aggregates only; `?area=` a kabupaten, kecamatan or
 * village inside the caller's scope (default: the caller's widest area), 404 outside it.
 */
export async function statsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['stats'];

  app.get('/api/v1/stats/overview', {
    config: { permission: 'stats.read' },
    schema: {
      tags,
      description: 'Residents, cases, referrals (per partner), proposals and Puskesos load of an area and of each of its child areas. Cases, referrals and proposals of the period `from`..`to` (inclusive dates; default this month; 400 when `to` is before `from`). Counts, rates and medians only: no resident and no officer appears.',
      querystring: StatsOverviewQuery,
      response: { 200: StatsOverview, ...errorResponses },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'private, no-store');
    return statsOverview(deps, ctx(request), request.query.area, request.query);
  });

  app.get('/api/v1/stats/overview.csv', {
    config: { permission: 'stats.read' },
    schema: {
      tags,
      description: 'The same figures as a CSV table, one figure a row, for reporting upward; audited. Headers, sections, figures and coded details (statuses, sectors, decile bands) as labels in `lang` (default: Accept-Language); the last three columns keep the section, figure and detail codes.',
      querystring: StatsCsvQuery,
      produces: ['text/csv'],
    },
  }, async (request, reply) => {
    const { fileName, csv } = await statsCsvExport(deps, ctx(request), request.query.area, request.query, request.query.lang);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`)
      .header('cache-control', 'private, no-store')
      .send(csv);
  });
}
