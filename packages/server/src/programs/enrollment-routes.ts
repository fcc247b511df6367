import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  EnrollInput, Enrollment, EnrollmentImportError, EnrollmentImportFields, EnrollmentImportStatus, ExitInput, HouseholdEnrollments, ProgramCodeParams as CodeParams,
} from '@slrt/core';
import { ctx } from '../http/context.ts';
import { fieldErrors, zodIssuesToFields } from '../http/errors.ts';
import { errorResponses, IdParams, listOf } from '../http/schemas.ts';
import { newUploadPath, receiveUpload } from '../registry/service.ts';
import { enrollHousehold, exitEnrollment, householdEnrollments } from './enrollment.ts';
import { enrollmentImportErrors, enrollmentImportErrorsCsv, getEnrollmentImport, importEnrollments } from './enrollment-import.ts';


/** Enrollment: a household's programs (current and past), manual enroll and exit, list imports. */
export async function enrollmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['programs'];

  app.get('/api/v1/households/:id/enrollments', {
    config: { permission: 'registry.read' },
    schema: { tags, description: 'The household\'s programs: current ones first, then past ones with their end and reason.', params: IdParams, response: { 200: HouseholdEnrollments, ...errorResponses } },
  }, async (request) => householdEnrollments(deps, ctx(request), request.params.id));

  app.post('/api/v1/households/:id/enrollments', {
    config: { permission: 'programs.enroll' },
    schema: { tags, description: 'Enrolls the household (or one member, for person-level programs) in a program.', params: IdParams, body: EnrollInput, response: { 201: Enrollment, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return enrollHousehold(deps, ctx(request), request.params.id, request.body);
  });

  app.post('/api/v1/enrollments/:id/exit', {
    config: { permission: 'programs.enroll' },
    schema: { tags, description: 'Ends an enrollment with a reason; it stays in the household\'s history.', params: IdParams, body: ExitInput, response: { 200: Enrollment, ...errorResponses } },
  }, async (request) => exitEnrollment(deps, ctx(request), request.params.id, request.body));

  app.post('/api/v1/programs/:code/enrollment-imports', {
    config: { permission: 'programs.enroll' },
    schema: {
      tags, consumes: ['multipart/form-data'],
      description: 'A beneficiary list of the program for a period: multipart `file` (CSV or XLSX with an NIK or KK column), `period`, optional `startedOn`. Applied whole or not at all; unmatched rows are reported.',
      params: CodeParams, response: { 201: EnrollmentImportStatus, ...errorResponses },
    },
  }, async (request, reply) => {
    const c = ctx(request);
    const upload = newUploadPath(deps, 'enrollments');
    const { fileName, fields } = await receiveUpload(request, upload.file);
    const parsed = EnrollmentImportFields.safeParse(fields);
    if (!parsed.success) throw fieldErrors(zodIssuesToFields(parsed.error.issues as never));
    reply.status(201);
    return importEnrollments(deps, c, request.params.code, { file: upload.file, fileName }, parsed.data);
  });

  app.get('/api/v1/enrollment-imports/:id', {
    config: { permission: 'programs.enroll' },
    schema: { tags, params: IdParams, response: { 200: EnrollmentImportStatus, ...errorResponses } },
  }, async (request) => getEnrollmentImport(deps, ctx(request), request.params.id));

  app.get('/api/v1/enrollment-imports/:id/errors', {
    config: { permission: 'programs.enroll' },
    schema: { tags, params: IdParams, response: { 200: listOf(EnrollmentImportError), ...errorResponses } },
  }, async (request) => ({ items: await enrollmentImportErrors(deps, ctx(request), request.params.id), nextCursor: null }));

  app.get('/api/v1/enrollment-imports/:id/errors.csv', {
    config: { permission: 'programs.enroll' },
    schema: { tags, params: IdParams, produces: ['text/csv'] },
  }, async (request, reply) => reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="enrollment-errors-${request.params.id}.csv"`)
    .header('cache-control', 'private, no-store')
    .send(await enrollmentImportErrorsCsv(deps, ctx(request), request.params.id)));
}
