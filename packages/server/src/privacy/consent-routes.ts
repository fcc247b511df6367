import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PersonConsent, WithdrawConsent } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses, IdParams } from '../http/schemas.ts';
import { consentsOf, withdrawConsent } from './consents.ts';

/** Consents per person and their withdrawal. */
export async function consentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['privacy'];

  app.get('/api/v1/persons/:id/consents', {
    config: { permission: 'privacy.access_log' },
    schema: { tags, description: 'The consents recorded at the person\'s intakes: basis, purpose, statement, guardian for a child, withdrawal.', params: IdParams, response: { 200: z.object({ items: z.array(PersonConsent) }), ...errorResponses } },
  }, async (request) => ({ items: await consentsOf(deps, ctx(request), request.params.id) }));

  app.post('/api/v1/consents/:id/withdraw', {
    config: { permission: 'privacy.manage' },
    schema: { tags, description: 'Records a withdrawal of the consent, or with organizationId (share_with_partners only) of the sharing with that one partner, and stops what rested on it: photos for documentation hidden; the partner\'s (or all partners\') referrals of the case share no personal field, their links revoked, no new referral to them. 409 when already withdrawn.', params: IdParams, body: WithdrawConsent, response: { 200: PersonConsent, ...errorResponses } },
  }, async (request) => withdrawConsent(deps, ctx(request), request.params.id, request.body));
}
