import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptReferralInput, CancelReferralInput, CompleteReferralInput, CreateReferralInput, CreateReferralLinkInput, DeclineReferralInput, FhirCodeSystemView,
  ReferralBoard, ReferralCreated, ReferralFhirBundle, ReferralLetterIssued, ReferralLinkCreated, ReferralLinkList, ReferralListItem, ReferralListQuery,
  ReferralSummary, ReferralView, StartReferralInput, withPeriod,
} from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses, IdParams, listOf, Ok } from '../http/schemas.ts';
import { mountDocumentRoutes } from '../documents/routes.ts';
import { actOnReferral, createReferral, listReferralsFor, readReferral, referralInScope } from './service.ts';
import { referralBoard, referralSummary } from './board.ts';
import { FHIR_CODE_SYSTEMS, fhirCodeSystem, referralFhirBundle } from './fhir.ts';
import { issueReferralLetter, referralLetterPdf } from './letter.ts';
import { createReferralLink, listReferralLinks, revokeReferralLink } from './links.ts';
import { REFERRAL_DOCUMENTS } from './documents.ts';
import { selectSubject } from './queries.ts';
import { subjectOf } from './view.ts';

/**
 * Referrals. Staff (referrals.read) see those of their areas, partner officers those sent to
 * their organization (with the resident cut to the shared fields); partner systems call the
 * same routes with a bearer token. Partner steps need referrals.respond and the referral's
 * organization; the referring office's cancel, letter and links need referrals.create and
 * its area. Anything outside answers 404.
 */
export async function referralRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['referrals'];
  // A referral outside the caller's scope answers 404 before its body is even looked at
  // (a malformed id is left to the params validation).
  const inScopeFirst = (permission: 'referrals.respond' | 'referrals.create') => async (request: FastifyRequest) => {
    const id = (request.params as { id?: string }).id;
    if (id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) await referralInScope(deps.db, ctx(request), id, permission);
  };

  app.post('/api/v1/referrals', {
    config: { permission: 'referrals.create' },
    schema: { tags, body: CreateReferralInput, response: { 201: ReferralCreated, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return createReferral(deps, ctx(request), request.body);
  });

  app.get('/api/v1/referrals', {
    config: { permission: 'referrals.read' },
    schema: {
      tags,
      querystring: ReferralListQuery,
      response: { 200: listOf(ReferralListItem), ...errorResponses },
    },
  }, async (request) => listReferralsFor(deps, ctx(request), request.query));

  app.get('/api/v1/referrals/summary', {
    config: { permission: 'referrals.read' },
    schema: { tags, response: { 200: ReferralSummary, ...errorResponses } },
  }, async (request) => referralSummary(deps, ctx(request)));

  app.get('/api/v1/referrals/board', {
    config: { permission: 'referrals.board' },
    schema: {
      tags, querystring: withPeriod({}), response: { 200: ReferralBoard, ...errorResponses },
      description: 'Referrals sent in the period `from`..`to` (inclusive dates; default this month; 400 when `to` is before `from`) by status, and per partner. Aggregates only.',
    },
  }, async (request) => referralBoard(deps, ctx(request), request.query));

  app.get('/api/v1/referrals/:id', {
    config: { permission: 'referrals.read' },
    schema: { tags, params: IdParams, response: { 200: ReferralView, ...errorResponses } },
  }, async (request) => readReferral(deps, ctx(request), request.params.id));

  app.post('/api/v1/referrals/:id/accept', {
    config: { permission: 'referrals.respond' },
    schema: { tags, params: IdParams, body: AcceptReferralInput.optional(), response: { 200: ReferralView, ...errorResponses } },
  }, async (request) => actOnReferral(deps, ctx(request), request.params.id, { action: 'accept', notes: request.body?.notes }));

  app.post('/api/v1/referrals/:id/start', {
    config: { permission: 'referrals.respond' },
    schema: { tags, params: IdParams, body: StartReferralInput.optional(), response: { 200: ReferralView, ...errorResponses } },
  }, async (request) => actOnReferral(deps, ctx(request), request.params.id, { action: 'start', notes: request.body?.notes }));

  app.post('/api/v1/referrals/:id/decline', {
    config: { permission: 'referrals.respond' },
    preValidation: inScopeFirst('referrals.respond'),
    schema: { tags, params: IdParams, body: DeclineReferralInput, response: { 200: ReferralView, ...errorResponses } },
  }, async (request) => actOnReferral(deps, ctx(request), request.params.id, { action: 'decline', input: request.body }));

  app.post('/api/v1/referrals/:id/complete', {
    config: { permission: 'referrals.respond' },
    preValidation: inScopeFirst('referrals.respond'),
    schema: { tags, params: IdParams, body: CompleteReferralInput, response: { 200: ReferralView, ...errorResponses } },
  }, async (request) => actOnReferral(deps, ctx(request), request.params.id, { action: 'complete', input: request.body }));

  app.post('/api/v1/referrals/:id/cancel', {
    config: { permission: 'referrals.create' },
    preValidation: inScopeFirst('referrals.create'),
    schema: { tags, params: IdParams, body: CancelReferralInput, response: { 200: ReferralView, ...errorResponses } },
  }, async (request) => actOnReferral(deps, ctx(request), request.params.id, { action: 'cancel', input: request.body }));

  app.get('/api/v1/referrals/:id/fhir', {
    config: { permission: 'referrals.read' },
    schema: {
      tags,
      description: 'The referral as a FHIR R4 Bundle (ServiceRequest + Task in the referral pattern of the HL7 SDOH Clinical Care guide, no profile claimed). The Patient carries only the shared fields; codes resolve at /api/v1/fhir/CodeSystem/{id}.',
      produces: ['application/fhir+json'],
      params: IdParams, response: { 200: ReferralFhirBundle, ...errorResponses },
    },
  }, async (request, reply) => {
    const c = ctx(request);
    const r = await referralInScope(deps.db, c, request.params.id);
    const row = await selectSubject(deps.db, r.kab_code, r.person_id);
    const shares = (f: 'village' | 'address') => (r.shared_fields as readonly string[]).includes(f);
    const home = row && shares('village')
      ? { villageCode: row.village_code, villageName: row.village_name, kecamatanName: row.kecamatan_name, rt: shares('address') ? row.rt : null, rw: shares('address') ? row.rw : null }
      : null;
    const bundle = referralFhirBundle(r, subjectOf(row, r), deps.config.publicUrl, home);
    await c.auditRead({ action: 'referral.export_fhir', recordType: 'referral', recordIds: [r.id, r.person_id], purpose: 'referral.exchange', details: { sharedFields: r.shared_fields } });
    reply.type('application/fhir+json; charset=utf-8');
    return bundle;
  });

  app.post('/api/v1/referrals/:id/letter', {
    config: { permission: 'referrals.create' },
    schema: { tags, params: IdParams, response: { 200: ReferralLetterIssued, 201: ReferralLetterIssued, ...errorResponses } },
  }, async (request, reply) => {
    const result = await issueReferralLetter(deps, ctx(request), request.params.id);
    reply.status(result.created ? 201 : 200);
    return result;
  });

  app.get('/api/v1/referrals/:id/letter.pdf', {
    config: { permission: 'referrals.read' },
    schema: { tags, params: IdParams, produces: ['application/pdf'] },
  }, async (request, reply) => {
    const { pdf, fileName } = await referralLetterPdf(deps, ctx(request), request.params.id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${fileName}"`).header('cache-control', 'private, no-store').send(pdf);
  });

  app.get('/api/v1/referrals/:id/links', {
    config: { permission: 'referrals.create' },
    schema: { tags, params: IdParams, response: { 200: ReferralLinkList, ...errorResponses } },
  }, async (request) => ({ items: await listReferralLinks(deps, ctx(request), request.params.id) }));

  app.post('/api/v1/referrals/:id/links', {
    config: { permission: 'referrals.create' },
    schema: {
      tags, params: IdParams,
      body: CreateReferralLinkInput.optional(),
      response: { 201: ReferralLinkCreated, ...errorResponses },
    },
  }, async (request, reply) => {
    reply.status(201);
    return createReferralLink(deps, ctx(request), request.params.id, request.body?.expiresInDays);
  });

  app.post('/api/v1/referrals/:id/links/:linkId/revoke', {
    config: { permission: 'referrals.create' },
    schema: { tags, params: IdParams.extend({ linkId: z.uuid() }), response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    await revokeReferralLink(deps, ctx(request), request.params.id, request.params.linkId);
    return { ok: true as const };
  });

  mountDocumentRoutes(fastify, '/api/v1/referrals', REFERRAL_DOCUMENTS);

  // The code systems of the FHIR export, public so that a receiving system can look a code up.
  app.get('/api/v1/fhir/CodeSystem/:id', {
    config: { permission: 'public' },
    schema: {
      tags: ['fhir', 'public'],
      description: 'A code system of the FHIR referral export (sector, referral-priority, referral-status, referral-outcome, task-output) as a FHIR R4 CodeSystem resource.',
      params: z.object({ id: z.enum(FHIR_CODE_SYSTEMS) }),
      produces: ['application/fhir+json'],
      response: { 200: FhirCodeSystemView, ...errorResponses },
    },
  }, async (request, reply) => {
    reply.type('application/fhir+json; charset=utf-8');
    return fhirCodeSystem(deps.config.publicUrl, request.params.id);
  });
}
