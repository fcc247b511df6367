import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProgramCode, TargetingActionInput, TargetingActionResult } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses } from '../http/schemas.ts';
import { actOnTargetingList } from './service.ts';

/** Bulk actions on a program's targeting list: referrals and proposals (usulan) for the selected households. */
export async function targetingActionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;

  app.post('/api/v1/programs/:code/targeting/actions', {
    config: { permission: 'programs.targeting', idempotent: true },
    schema: {
      tags: ['programs'], params: z.object({ code: ProgramCode }), body: TargetingActionInput, response: { 200: TargetingActionResult, ...errorResponses },
      description: 'Turns selected rows of the targeting list into referrals (exclusion: one case and one need per household, referred to the program\'s delivering service when the caller may decide) or proposals (enrol_proposal for exclusion, exit_proposal for inclusion), in one transaction. Each row answers what was created or why it was skipped (out_of_scope, not_in_list, open_case, open_proposal, no_member, repeated). Send an Idempotency-Key header so a retry answers the first result.',
    },
  }, async (request) => actOnTargetingList(deps, ctx(request), request.params.code, request.body));
}
