import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AreaQuery, AttendanceInput, CompetenciesInput, HandoverInput, HandoverList, HandoverSignInput, HandoverView, InvitationQuery, OfficerInput,
  OfficerList, OfficerUpdate, OfficerView, PuskesosAccountList, SessionInput, SessionList, SessionView, TrainingGapList, TrainingInput, TrainingList, TrainingView,
  VillageCodeParams,
} from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses, IdParams } from '../http/schemas.ts';
import { invitationFile } from './invitations.ts';
import { addOfficer, createHandover, listAccounts, listHandovers, listOfficers, myHandovers, signHandover, updateOfficer } from './people.ts';
import { addSession, addTraining, listSessions, listTrainings, putAttendance, putCompetencies, trainingGaps } from './training.ts';

/** The people of a Puskesos (officers, handovers) and training (catalog, sessions, gaps, invitations). */
export async function puskesosPeopleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['puskesos'];
  const params = VillageCodeParams;

  app.get('/api/v1/puskesos/handovers/mine', {
    config: { permission: 'authenticated' },
    schema: { tags, description: 'Handovers naming the signed-in user as the incoming party: what a new koordinator inherited.', response: { 200: HandoverList, ...errorResponses } },
  }, async (request) => ({ items: await myHandovers(deps, ctx(request)), nextCursor: null }));

  app.get('/api/v1/puskesos/:villageCode/officers', {
    config: { permission: 'puskesos.staff' },
    schema: { tags, params, response: { 200: OfficerList, ...errorResponses } },
  }, async (request) => listOfficers(deps, ctx(request), request.params.villageCode));

  app.post('/api/v1/puskesos/:villageCode/officers', {
    config: { permission: 'puskesos.write' },
    schema: { tags, params, body: OfficerInput, response: { 201: OfficerView, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return addOfficer(deps, ctx(request), request.params.villageCode, request.body);
  });

  app.get('/api/v1/puskesos/:villageCode/accounts', {
    config: { permission: 'puskesos.write' },
    schema: { tags, description: 'User accounts an officer of the village may be linked to: a role on the village or its kecamatan (audited).', params, response: { 200: PuskesosAccountList, ...errorResponses } },
  }, async (request) => ({ items: await listAccounts(deps, ctx(request), request.params.villageCode), nextCursor: null }));

  app.patch('/api/v1/puskesos-officers/:id', {
    config: { permission: 'puskesos.write' },
    schema: { tags, params: IdParams, body: OfficerUpdate, response: { 200: OfficerView, ...errorResponses } },
  }, async (request) => updateOfficer(deps, ctx(request), request.params.id, request.body));

  app.get('/api/v1/puskesos/:villageCode/handovers', {
    config: { permission: 'puskesos.staff' },
    schema: { tags, params, response: { 200: HandoverList, ...errorResponses } },
  }, async (request) => ({ items: await listHandovers(deps, ctx(request), request.params.villageCode), nextCursor: null }));

  app.post('/api/v1/puskesos/:villageCode/handovers', {
    config: { permission: 'puskesos.write' },
    schema: { tags, description: 'A handover record produced from the data (open cases, open referrals, pending usulan, equipment, budget).', params, body: HandoverInput, response: { 201: HandoverView, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return createHandover(deps, ctx(request), request.params.villageCode, request.body);
  });

  app.post('/api/v1/puskesos-handovers/:id/sign', {
    config: { permission: 'puskesos.write' },
    schema: { tags, params: IdParams, body: HandoverSignInput, response: { 200: HandoverView, ...errorResponses } },
  }, async (request) => signHandover(deps, ctx(request), request.params.id, request.body.party, request.body.name));

  app.get('/api/v1/trainings', {
    config: { permission: 'puskesos.read' },
    schema: { tags, response: { 200: TrainingList, ...errorResponses } },
  }, async (request) => ({ items: await listTrainings(deps, ctx(request)), nextCursor: null }));

  app.post('/api/v1/trainings', {
    config: { permission: 'puskesos.configure' },
    schema: { tags, body: TrainingInput, response: { 201: TrainingView, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return addTraining(deps, ctx(request), request.body);
  });

  app.put('/api/v1/trainings/competencies', {
    config: { permission: 'puskesos.configure' },
    schema: { tags, description: 'The trainings each position needs.', body: CompetenciesInput, response: { 200: TrainingList, ...errorResponses } },
  }, async (request) => ({ items: await putCompetencies(deps, ctx(request), request.body), nextCursor: null }));

  app.get('/api/v1/trainings/gaps', {
    config: { permission: 'puskesos.staff' },
    schema: { tags, description: 'Active officers of an area lacking a training their position needs.', querystring: AreaQuery, response: { 200: TrainingGapList, ...errorResponses } },
  }, async (request) => ({ ...(await trainingGaps(deps, ctx(request), request.query.area)), nextCursor: null }));

  app.get('/api/v1/training-sessions', {
    config: { permission: 'puskesos.read' },
    schema: { tags, response: { 200: SessionList, ...errorResponses } },
  }, async (request) => ({ items: await listSessions(deps, ctx(request)), nextCursor: null }));

  app.post('/api/v1/trainings/:id/sessions', {
    config: { permission: 'puskesos.configure' },
    schema: { tags, params: IdParams, body: SessionInput, response: { 201: SessionView, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return addSession(deps, ctx(request), request.params.id, request.body);
  });

  app.put('/api/v1/training-sessions/:id/attendance', {
    config: { permission: 'puskesos.configure' },
    schema: { tags, params: IdParams, body: AttendanceInput, response: { 200: SessionView, ...errorResponses } },
  }, async (request) => putAttendance(deps, ctx(request), request.params.id, request.body));

  app.get('/api/v1/trainings/:id/invitations', {
    config: { permission: 'puskesos.staff' },
    schema: { tags, description: 'Officers of the area who lack this training: the invitation list (json, pdf or xlsx).', params: IdParams, querystring: InvitationQuery, response: { 200: TrainingGapList, ...errorResponses } },
  }, async (request, reply) => {
    const c = ctx(request);
    const { format, area } = request.query;
    const gaps = await trainingGaps(deps, c, area, request.params.id);
    if (format === 'json') return { ...gaps, nextCursor: null };
    const file = await invitationFile(deps, c, request.params.id, gaps, format);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(file.body as never);
  });
}
