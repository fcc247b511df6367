import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AnswerReport, PrepareSubmissionInput, SubmissionExportQuery, SubmissionView } from '@slrt/core';
import { ctx } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { Cursor, errorResponses, IdParams, listOf } from '../../http/schemas.ts';
import { importAnswer } from './answer.ts';
import { exportSubmission, getSubmission, listSubmissionsFor, prepareSubmission, sendSubmission } from './service.ts';

const ANSWER_MAX_BYTES = 10 * 1024 * 1024;


/** National submission batches: prepare, read, export (CSV/XLSX), mark sent, import the answer file. */
export async function proposalSubmissionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['proposals'];

  app.get('/api/v1/proposal-submissions', {
    config: { permission: 'proposals.submit' },
    schema: { tags, querystring: Cursor, response: { 200: listOf(SubmissionView), ...errorResponses } },
  }, async (request) => {
    const c = ctx(request);
    const result = await listSubmissionsFor(deps, c, request.query);
    await c.auditRead({ action: 'proposal_submission.list', recordType: 'proposal_submission', recordIds: result.items.map((s) => s.id), purpose: 'proposals.submit' });
    return result;
  });

  app.post('/api/v1/proposal-submissions', {
    config: { permission: 'proposals.submit' },
    schema: {
      tags,
      body: PrepareSubmissionInput,
      response: { 201: SubmissionView, ...errorResponses },
    },
  }, async (request, reply) => {
    reply.status(201);
    return prepareSubmission(deps, ctx(request), request.body);
  });

  app.get('/api/v1/proposal-submissions/:id', {
    config: { permission: 'proposals.submit' },
    schema: { tags, params: IdParams, response: { 200: SubmissionView, ...errorResponses } },
  }, async (request) => {
    const c = ctx(request);
    const view = await getSubmission(deps, c, request.params.id);
    await c.auditRead({ action: 'proposal_submission.read', recordType: 'proposal_submission', recordIds: [view.id], purpose: 'proposals.submit' });
    return view;
  });

  app.get('/api/v1/proposal-submissions/:id/export', {
    config: { permission: 'proposals.submit' },
    schema: {
      tags, params: IdParams, querystring: SubmissionExportQuery,
      description: 'The batch\'s file in the national layout, as sent. `labels=1`: its readable companion for people instead (the same rows, headers and coded values as labels in `lang`, default Accept-Language).',
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'], response: { ...errorResponses },
    },
  }, async (request, reply) => {
    const c = ctx(request);
    const file = await exportSubmission(deps, c, request.params.id, request.query.format, request.query.labels === '1' ? (request.query.lang ?? c.locale) : null);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'private, no-store')
      // a file, not JSON: no response schema applies to it
      .send(file.body as never);
  });

  app.post('/api/v1/proposal-submissions/:id/send', {
    config: { permission: 'proposals.submit' },
    schema: { tags, params: IdParams, response: { 200: SubmissionView, ...errorResponses } },
  }, async (request) => sendSubmission(deps, ctx(request), request.params.id));

  app.post('/api/v1/proposal-submissions/:id/answer', {
    config: { permission: 'proposals.submit' },
    schema: { tags, consumes: ['multipart/form-data'], params: IdParams, response: { 200: AnswerReport, ...errorResponses } },
  }, async (request) => {
    if (!request.isMultipart()) throw new AppError('unsupported_media', { key: 'error.unsupported_media' });
    const file = await request.file({ limits: { fileSize: ANSWER_MAX_BYTES, files: 1 } });
    if (!file) throw fieldError('file', 'field.required');
    return importAnswer(deps, ctx(request), request.params.id, { filename: file.filename, file: file.file });
  });
}
