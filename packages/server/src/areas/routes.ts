import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaDetail, AreaListQuery, AreaPage, normalizeAreaCode } from '@slrt/core';
import { errorResponses } from '../http/schemas.ts';
import { fieldError, notFound } from '../http/errors.ts';
import { getAreaWithParents, listChildAreas } from './queries.ts';

export async function areaRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['areas'];

  app.get('/api/v1/areas', {
    config: { permission: 'areas.read' },
    schema: {
      tags,
      querystring: AreaListQuery,
      response: { 200: AreaPage, ...errorResponses },
    },
  }, async (request): Promise<AreaPage> => {
    const { parent, cursor, limit, q } = request.query;
    let parentCode: string | null = null;
    if (parent !== undefined) {
      parentCode = normalizeAreaCode(parent);
      if (!parentCode) throw fieldError('parent', 'field.invalid_format');
    }
    const rows = await listChildAreas(deps.db, parentCode, { after: cursor, limit, search: q });
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code })),
      nextCursor: rows.length > limit ? (page.at(-1)?.code ?? null) : null,
    };
  });

  app.get('/api/v1/areas/:code', {
    config: { permission: 'areas.read' },
    schema: { tags, params: z.object({ code: z.string().max(20) }), response: { 200: AreaDetail, ...errorResponses } },
  }, async (request): Promise<AreaDetail> => {
    const code = normalizeAreaCode(request.params.code);
    if (!code) throw fieldError('code', 'field.invalid_format');
    const rows = await getAreaWithParents(deps.db, code);
    const self = rows.at(-1);
    if (!self) throw notFound();
    return {
      code: self.code, name: self.name, level: self.level, parentCode: self.parent_code,
      parents: rows.slice(0, -1).map((r) => ({ code: r.code, name: r.name, level: r.level })),
    };
  });
}
