import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AccessLogEntry, AccessLogQuery, AccessReportQuery, AnswerDataRequest, CreateDataRequest, DataRequest, DataRequestCreated, DataRequestListQuery,
  PrivacyPerson, PrivacyPersonQuery,
} from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses, IdParams, listOf } from '../http/schemas.ts';
import { accessReportPdf } from './report.ts';
import { answerDataRequest, createDataRequest, getDataRequest, listDataRequests, toDataRequest } from './requests.ts';
import { accessLog, findPersonByNik } from './service.ts';

const pdfHeaders = (fileName: string) => ({
  'content-type': 'application/pdf',
  'content-disposition': `inline; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
  'cache-control': 'private, no-store',
});

/**
 * Personal data protection (UU 27/2022): the resident's access log and its printable report,
 * the DPO's look-up by NIK, data-subject requests. See README.md beside this file.
 */
export async function privacyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['privacy'];

  app.get('/api/v1/persons/:id/access-log', {
    config: { permission: 'privacy.access_log' },
    schema: {
      tags,
      description: 'Every processing of the person\'s data, newest first: who (name, role, organization), when, what, why. Includes reads of their household, cases, referrals (a partner\'s too, through an account or a link), documents, letters, exports and prints. For the DPO, the auditor and the officers holding one of the person\'s cases; 404 otherwise.',
      params: IdParams,
      querystring: AccessLogQuery,
      response: { 200: listOf(AccessLogEntry), ...errorResponses },
    },
  }, async (request) => {
    const { items, nextCursor } = await accessLog(deps, ctx(request), request.params.id, request.query);
    return { items, nextCursor };
  });

  app.get('/api/v1/persons/:id/access-log.pdf', {
    config: { permission: 'privacy.access_log' },
    schema: {
      tags,
      description: 'The printable report for the resident: the data held and the access log (the newest 500 events), each action and role by its label. Bahasa Indonesia unless `lang=en`. Audited as a print.',
      params: IdParams, querystring: AccessReportQuery, produces: ['application/pdf'],
    },
  }, async (request, reply) => {
    const { pdf, fileName } = await accessReportPdf(deps, ctx(request), request.params.id, request.query.lang);
    return reply.headers(pdfHeaders(fileName)).send(pdf);
  });

  app.get('/api/v1/privacy/persons', {
    config: { permission: 'privacy.manage' },
    schema: { tags, description: 'The DPO finds a resident by NIK (exact); 404 when there is none in the kabupaten.', querystring: PrivacyPersonQuery, response: { 200: PrivacyPerson, ...errorResponses } },
  }, async (request) => findPersonByNik(deps, ctx(request), request.query.nik));

  app.post('/api/v1/data-requests', {
    config: { permission: 'privacy.manage' },
    schema: {
      tags,
      description: 'Records a data-subject request from any channel. dueAt is 72 hours after receipt for access, correction and restriction; null for the other kinds.',
      body: CreateDataRequest,
      response: { 201: DataRequestCreated, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await createDataRequest(deps, ctx(request), request.body)));

  app.get('/api/v1/data-requests', {
    config: { permission: 'privacy.oversee' },
    schema: { tags, description: 'The DPO\'s worklist: open requests by due time (overdue marked), or closed ones.', querystring: DataRequestListQuery, response: { 200: listOf(DataRequest), ...errorResponses } },
  }, async (request) => listDataRequests(deps, ctx(request), request.query));

  app.get('/api/v1/data-requests/:id', {
    config: { permission: 'privacy.oversee' },
    schema: { tags, params: IdParams, response: { 200: DataRequest, ...errorResponses } },
  }, async (request) => {
    const c = ctx(request);
    const row = await getDataRequest(deps, c, request.params.id);
    await c.auditRead({ action: 'data_request.read', recordType: 'person', recordIds: [row.person_id, row.id], purpose: 'privacy.request' });
    return toDataRequest(row);
  });

  app.post('/api/v1/data-requests/:id/answer', {
    config: { permission: 'privacy.manage' },
    schema: {
      tags,
      description: 'Closes a request: answer (a restriction takes effect, with its reason) or refuse with a ground (art. 15 public-interest law refuses only deletion, objection and consent withdrawal). 409 when already closed.',
      params: IdParams,
      body: AnswerDataRequest,
      response: { 200: DataRequest, ...errorResponses },
    },
  }, async (request) => answerDataRequest(deps, ctx(request), request.params.id, request.body));
}
