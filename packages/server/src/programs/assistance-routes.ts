import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AssistanceCheck, AssistanceDelivery, AssistanceInput, AssistanceRecorded, AssistanceTotals, AssistanceTotalsQuery } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses, IdParams, listOf } from '../http/schemas.ts';
import { assistanceTotals, checkAssistance, householdAssistance, partnerAssistance, recordAssistance, referralAssistance } from './assistance.ts';

/** The assistance ledger: record a delivery (officers by area, partners against their referrals), list, totals. */
export async function assistanceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['programs'];

  app.post('/api/v1/assistance', {
    config: { permission: 'assistance.record' },
    schema: {
      tags, body: AssistanceInput, response: { 201: AssistanceRecorded, ...errorResponses },
      description: 'Records one delivery of assistance. Officers name the household (in their area); a partner names the referral it answers. Answers a duplicate_assistance warning when the household received the same category from another source in the same month.',
    },
  }, async (request, reply) => {
    reply.status(201);
    return recordAssistance(deps, ctx(request), request.body);
  });

  app.post('/api/v1/assistance/check', {
    config: { permission: 'assistance.record' },
    schema: {
      tags, body: AssistanceInput, response: { 200: AssistanceCheck, ...errorResponses },
      description: 'The warnings that recording this delivery would answer (duplicate_assistance), asked before saving it. Checks the recipient like POST /assistance; writes nothing.',
    },
  }, async (request) => checkAssistance(deps, ctx(request), request.body));

  app.get('/api/v1/assistance/partner', {
    config: { permission: 'assistance.record' },
    schema: {
      tags, response: { 200: listOf(AssistanceDelivery), ...errorResponses },
      description: 'The deliveries recorded by the caller\'s organization (a partner), newest first, at most 500. Empty for an officer.',
    },
  }, async (request) => partnerAssistance(deps, ctx(request)));

  app.get('/api/v1/referrals/:id/assistance', {
    config: { permission: 'referrals.read' },
    schema: {
      tags, params: IdParams, response: { 200: listOf(AssistanceDelivery), ...errorResponses },
      description: 'The deliveries recorded against one referral; scoped like the referral (its partner, or the officers of its area).',
    },
  }, async (request) => referralAssistance(deps, ctx(request), request.params.id));

  app.get('/api/v1/households/:id/assistance', {
    config: { permission: 'assistance.read' },
    schema: { tags, params: IdParams, response: { 200: listOf(AssistanceDelivery), ...errorResponses } },
  }, async (request) => householdAssistance(deps, ctx(request), request.params.id));

  app.get('/api/v1/assistance/totals', {
    config: { permission: 'stats.read' },
    schema: {
      tags, querystring: AssistanceTotalsQuery, response: { 200: AssistanceTotals, ...errorResponses },
      description: 'Assistance delivered in an area (default: the caller\'s) between two months: counts, households and value by funding source, program, child area and month; households with duplicate assistance. Aggregates only.',
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'private, no-store');
    return assistanceTotals(deps, ctx(request), request.query);
  });
}
