import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  HouseholdScreening, Program, ProgramCodeParams as CodeParams, ProgramDetail, ProgramInput, ProgramUpdate, RulePreview, RulePreviewInput, RuleVersion, RuleVersionInput,
  normalizeAreaCode,
} from '@slrt/core';
import { ctx } from '../http/context.ts';
import { fieldError } from '../http/errors.ts';
import { errorResponses, IdParams, listOf } from '../http/schemas.ts';
import { addRuleVersion, createProgram, getProgram, listPrograms, programEntry, updateProgram } from './catalog.ts';
import { previewRule, screenHousehold } from './screening.ts';
import { enrollmentRoutes } from './enrollment-routes.ts';
import { assistanceRoutes } from './assistance-routes.ts';
import { targetingRoutes } from './targeting-routes.ts';


/** The program catalog, rule versions with their preview, and the screening of a household. */
export async function programRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['programs'];

  app.get('/api/v1/programs', {
    config: { permission: 'programs.read' },
    schema: { tags, description: 'Every program of the catalog (national, village and the kabupaten\'s local ones) with its benefit and the rule version in force today.', response: { 200: listOf(Program), ...errorResponses } },
  }, async (request) => listPrograms(deps, ctx(request)));

  app.post('/api/v1/programs', {
    config: { permission: 'programs.manage' },
    schema: { tags, description: 'Adds a local program of the kabupaten (Jamkesda, Baznas assistance). Its rule comes as a rule version.', body: ProgramInput, response: { 201: Program, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return createProgram(deps, ctx(request), request.body);
  });

  app.get('/api/v1/programs/:code', {
    config: { permission: 'programs.read' },
    schema: { tags, params: CodeParams, response: { 200: ProgramDetail, ...errorResponses } },
  }, async (request) => getProgram(deps, ctx(request), request.params.code));

  app.patch('/api/v1/programs/:code', {
    config: { permission: 'programs.manage' },
    schema: { tags, description: 'The directory service that delivers the program; whether a local program is active.', params: CodeParams, body: ProgramUpdate, response: { 200: Program, ...errorResponses } },
  }, async (request) => updateProgram(deps, ctx(request), request.params.code, request.body));

  app.post('/api/v1/programs/:code/rule-versions', {
    config: { permission: 'programs.manage' },
    schema: { tags, description: 'A new version of the program\'s eligibility rule, in force from effectiveFrom (today or later); earlier versions are kept.', params: CodeParams, body: RuleVersionInput, response: { 201: RuleVersion, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return addRuleVersion(deps, ctx(request), request.params.code, request.body);
  });

  app.post('/api/v1/programs/:code/rule-preview', {
    config: { permission: 'programs.manage' },
    schema: { tags, description: 'How many households of an area (default: the kabupaten of the caller) a rule would select on a date, beside the version in force now. Counts only.', params: CodeParams, body: RulePreviewInput, response: { 200: RulePreview, ...errorResponses } },
  }, async (request) => {
    const c = ctx(request);
    const entry = await programEntry(deps.db, c.actor.kabCode, request.params.code);
    const area = normalizeAreaCode(request.body.area ?? c.actor.kabCode);
    if (area === null) throw fieldError('area', 'field.invalid_format');
    return previewRule(deps, c, entry, request.body.rule, area, request.body.date);
  });

  app.get('/api/v1/households/:id/screening', {
    config: { permission: 'registry.read' },
    schema: { tags, description: 'The household screened against every program in force: eligible, not_eligible or unknown (missing data), with the reasons. Advisory; scoped like the household.', params: IdParams, response: { 200: HouseholdScreening, ...errorResponses } },
  }, async (request) => screenHousehold(deps, ctx(request), request.params.id));

  await enrollmentRoutes(fastify);
  await assistanceRoutes(fastify);
  await targetingRoutes(fastify);
}
