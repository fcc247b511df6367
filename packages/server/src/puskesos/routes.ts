import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  EquityQuery, EquityView, FundingInput, FundingLine, FundingList, FundingQuery, GradeList, HistoryList, OutreachInput, OutreachList,
  OutreachView, PageQuery, PuskesosApproveInput, PuskesosGradesInput, PuskesosProfile, PuskesosProfileInput, VillageCodeParams,
  VisitInput, VisitList, VisitView,
} from '@slrt/core';
import { mountDocumentRoutes } from '../documents/routes.ts';
import { ctx } from '../http/context.ts';
import { errorResponses, IdParams } from '../http/schemas.ts';
import { equityView } from './equity.ts';
import { addFunding, FUNDING_DOCUMENTS, fundingAction, listFunding } from './funding.ts';
import { listOutreach, logOutreach } from './outreach.ts';
import { approveProfile, getProfile, listGrades, listHistory, putGrades, putProfile } from './service.ts';
import { listVisits, recordVisit, VISIT_DOCUMENTS } from './visits.ts';

/**
 * The Puskesos profile and what hangs on it: grades, history, the supervisor's visits,
 * funding lines, outreach log, and the equity view. Every village route answers 404 for a
 * village outside the caller's scope.
 */
export async function puskesosProfileRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['puskesos'];
  const params = VillageCodeParams;

  app.get('/api/v1/puskesos/grades', {
    config: { permission: 'puskesos.read' },
    schema: { tags, description: 'The kabupaten\'s grades of Puskesos and their criteria (data the kabupaten configures).', response: { 200: GradeList, ...errorResponses } },
  }, async (request) => ({ items: await listGrades(deps, ctx(request)), nextCursor: null }));

  app.put('/api/v1/puskesos/grades', {
    config: { permission: 'puskesos.configure' },
    schema: { tags, body: PuskesosGradesInput, response: { 200: GradeList, ...errorResponses } },
  }, async (request) => ({ items: await putGrades(deps, ctx(request), request.body), nextCursor: null }));

  app.get('/api/v1/puskesos/equity', {
    config: { permission: 'puskesos.read' },
    schema: { tags, description: 'Per village and kecamatan: funding per resident and per case, officers per 1,000 residents, volunteers\' share, facilities index, training coverage, cases per officer, time to first action, referrals met.', querystring: EquityQuery, response: { 200: EquityView, ...errorResponses } },
  }, async (request, reply) => {
    reply.header('cache-control', 'private, no-store');
    return equityView(deps, ctx(request), request.query.area, request.query.year);
  });

  app.get('/api/v1/puskesos/:villageCode', {
    config: { permission: 'puskesos.read' },
    schema: { tags, description: 'The Puskesos profile of a village (404 outside the caller\'s scope).', params, response: { 200: PuskesosProfile, ...errorResponses } },
  }, async (request) => getProfile(deps, ctx(request), request.params.villageCode));

  app.put('/api/v1/puskesos/:villageCode', {
    config: { permission: 'puskesos.write' },
    schema: { tags, description: 'Replaces the profile (the village\'s koordinator or the kabupaten); every change goes into the history.', params, body: PuskesosProfileInput, response: { 200: PuskesosProfile, ...errorResponses } },
  }, async (request) => putProfile(deps, ctx(request), request.params.villageCode, request.body));

  app.post('/api/v1/puskesos/:villageCode/approve', {
    config: { permission: 'puskesos.approve' },
    schema: { tags, description: 'The village head approves the profile as of `version`.', params, body: PuskesosApproveInput, response: { 200: PuskesosProfile, ...errorResponses } },
  }, async (request) => approveProfile(deps, ctx(request), request.params.villageCode, request.body.version));

  app.get('/api/v1/puskesos/:villageCode/history', {
    config: { permission: 'puskesos.read' },
    schema: { tags, params, querystring: PageQuery, response: { 200: HistoryList, ...errorResponses } },
  }, async (request) => listHistory(deps, ctx(request), request.params.villageCode, request.query.limit, request.query.cursor));

  app.get('/api/v1/puskesos/:villageCode/visits', {
    config: { permission: 'puskesos.read' },
    schema: { tags, params, response: { 200: VisitList, ...errorResponses } },
  }, async (request) => ({ items: await listVisits(deps, ctx(request), request.params.villageCode), nextCursor: null }));

  app.post('/api/v1/puskesos/:villageCode/visits', {
    config: { permission: 'puskesos.supervise' },
    schema: { tags, description: 'The supervisor\'s visit checklist; confirmed items update the inventory. Photos: POST /api/v1/puskesos-visits/:id/documents?kind=photo.', params, body: VisitInput, response: { 201: VisitView, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return recordVisit(deps, ctx(request), request.params.villageCode, request.body);
  });

  app.get('/api/v1/puskesos/:villageCode/funding', {
    config: { permission: 'puskesos.read' },
    schema: { tags, params, querystring: FundingQuery, response: { 200: FundingList, ...errorResponses } },
  }, async (request) => listFunding(deps, ctx(request), request.params.villageCode, request.query.year));

  app.post('/api/v1/puskesos/:villageCode/funding', {
    config: { permission: 'puskesos.write' },
    schema: { tags, params, body: FundingInput, response: { 201: FundingLine, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return addFunding(deps, ctx(request), request.params.villageCode, request.body);
  });

  app.post('/api/v1/puskesos-funding/:id/confirm', {
    config: { permission: 'puskesos.supervise' },
    schema: { tags, params: IdParams, response: { 200: FundingLine, ...errorResponses } },
  }, async (request) => fundingAction(deps, ctx(request), request.params.id, 'confirm'));

  app.post('/api/v1/puskesos-funding/:id/approve', {
    config: { permission: 'puskesos.approve' },
    schema: { tags, description: 'The village head approves a confirmed line the village pays (Dana Desa).', params: IdParams, response: { 200: FundingLine, ...errorResponses } },
  }, async (request) => fundingAction(deps, ctx(request), request.params.id, 'approve'));

  app.get('/api/v1/puskesos/:villageCode/outreach', {
    config: { permission: 'puskesos.read' },
    schema: { tags, params, querystring: PageQuery, response: { 200: OutreachList, ...errorResponses } },
  }, async (request) => listOutreach(deps, ctx(request), request.params.villageCode, request.query.limit, request.query.cursor));

  app.post('/api/v1/puskesos/:villageCode/outreach', {
    config: { permission: 'outreach.write' },
    schema: { tags, description: 'One outreach (sosialisasi) for the log.', params, body: OutreachInput, response: { 201: OutreachView, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return logOutreach(deps, ctx(request), request.params.villageCode, request.body);
  });

  mountDocumentRoutes(fastify, '/api/v1/puskesos-visits', VISIT_DOCUMENTS);
  mountDocumentRoutes(fastify, '/api/v1/puskesos-funding', FUNDING_DOCUMENTS);
}
