import {
  officerActiveOn,
  type AttendanceInput, type CompetenciesInput, type SessionInput, type TrainingGap, type TrainingInput, type TrainingView, areaToday } from '@slrt/core';
import type { z } from 'zod';
import { newId } from '../db/ids.ts';
import type { Queryable } from '../db/database.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { conflict, fieldError, notFound } from '../http/errors.ts';
import { pgErrorCode, PG_UNIQUE_VIOLATION } from '../db/database.ts';
import { resolveArea } from './area.ts';
import { selectOfficersIn, type OfficerRow } from './people-queries.ts';
import * as tq from './training-queries.ts';

/**
 * Training and competency: the catalog (kabupaten, province, ministry, partner), sessions with
 * attendance, the trainings each position needs, and the gaps: active officers who attended
 * no session of a training their position needs. The supervisor sees the gaps of the
 * kecamatan; a kabupaten manager plans a session and prints the invitation list.
 */


export async function listTrainings(deps: Deps, ctx: RequestContext): Promise<TrainingView[]> {
  const kab = ctx.actor.kabCode;
  const [trainings, comps] = [await tq.selectTrainings(deps.db, kab), await tq.selectCompetencies(deps.db, kab)];
  return trainings.map((t) => ({ ...t, requiredFor: comps.filter((c) => c.training_id === t.id).map((c) => c.position as TrainingView['requiredFor'][number]) }));
}

export async function addTraining(deps: Deps, ctx: RequestContext, input: z.infer<typeof TrainingInput>): Promise<TrainingView> {
  const row: tq.TrainingRow = { id: newId(), ...input };
  await deps.db.transaction(async (tx) => {
    try {
      await tq.insertTraining(tx, ctx.actor.kabCode, row);
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw conflict('puskesos.training_exists');
      throw err;
    }
    await ctx.auditWrite(tx, { action: 'training.create', recordType: 'training', recordIds: [row.id], details: { title: row.title } });
  });
  return { ...row, requiredFor: [] };
}

export async function putCompetencies(deps: Deps, ctx: RequestContext, input: z.infer<typeof CompetenciesInput>): Promise<TrainingView[]> {
  const known = new Set((await tq.selectTrainings(deps.db, ctx.actor.kabCode)).map((t) => t.id));
  input.positions.forEach((p, i) => p.trainingIds.forEach((id, j) => {
    if (!known.has(id)) throw fieldError(`positions.${i}.trainingIds.${j}`, 'field.invalid_value', { options: '-' });
  }));
  await deps.db.transaction(async (tx) => {
    for (const p of input.positions) await tq.replaceCompetencies(tx, ctx.actor.kabCode, p.position, [...new Set(p.trainingIds)]);
    await ctx.auditWrite(tx, { action: 'training.competencies', recordType: 'training', recordIds: [], details: { positions: input.positions.map((p) => p.position) } });
  });
  return listTrainings(deps, ctx);
}

export async function addSession(deps: Deps, ctx: RequestContext, trainingId: string, input: z.infer<typeof SessionInput>) {
  const kab = ctx.actor.kabCode;
  if (!(await tq.selectTraining(deps.db, kab, trainingId))) throw notFound();
  if (!ctx.actor.coversArea('puskesos.configure', input.areaCode)) throw fieldError('areaCode', 'field.invalid_value', { options: ctx.actor.areasFor('puskesos.configure').join(', ') });
  const id = newId();
  await deps.db.transaction(async (tx) => {
    await tq.insertSession(tx, kab, { id, training_id: trainingId, starts_on: input.startsOn, place: input.place, area_code: input.areaCode, created_by: ctx.actor.userId });
    await ctx.auditWrite(tx, { action: 'training.session.create', recordType: 'training_session', recordIds: [id], details: { trainingId, startsOn: input.startsOn } });
  });
  const row = await tq.selectSession(deps.db, kab, id);
  if (!row) throw notFound();
  return toSession(row);
}

const toSession = (r: tq.SessionRow) => ({ id: r.id, trainingId: r.training_id, trainingTitle: r.training_title, startsOn: r.starts_on, place: r.place, areaCode: r.area_code, attendees: r.attendees, attendeeIds: r.attendee_ids });

export async function listSessions(deps: Deps, ctx: RequestContext) {
  return (await tq.selectSessions(deps.db, ctx.actor.kabCode)).map(toSession);
}

/** Who attended a session (replaces the list); every officer must be of the kabupaten. */
export async function putAttendance(deps: Deps, ctx: RequestContext, sessionId: string, input: z.infer<typeof AttendanceInput>) {
  const kab = ctx.actor.kabCode;
  if (!(await tq.selectSession(deps.db, kab, sessionId))) throw notFound();
  const ids = [...new Set(input.officerIds)];
  const found = new Set(await tq.officersOfKab(deps.db, kab, ids));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw fieldError(`officerIds.${missing}`, 'field.invalid_value', { options: '-' });
  await deps.db.transaction(async (tx) => {
    await tq.replaceAttendance(tx, kab, sessionId, ids);
    await ctx.auditWrite(tx, { action: 'training.attendance', recordType: 'training_session', recordIds: [sessionId, ...ids], details: { attendees: ids.length } });
  });
  const row = await tq.selectSession(deps.db, kab, sessionId);
  if (!row) throw notFound();
  return toSession(row);
}

/** Per officer: the titles of trainings attended, and of required ones not attended. */
export async function trainingRecords(q: Queryable, kabCode: string, officers: ReadonlyArray<Pick<OfficerRow, 'id' | 'position'>>): Promise<Map<string, { done: string[]; missing: string[] }>> {
  const [trainings, comps, attended] = [await tq.selectTrainings(q, kabCode), await tq.selectCompetencies(q, kabCode), await tq.attendedBy(q, officers.map((o) => o.id))];
  const title = new Map(trainings.map((t) => [t.id, t.title]));
  const out = new Map<string, { done: string[]; missing: string[] }>();
  for (const o of officers) {
    const done = new Set(attended.filter((a) => a.officer_id === o.id).map((a) => a.training_id));
    const required = comps.filter((c) => c.position === o.position).map((c) => c.training_id);
    out.set(o.id, {
      done: [...done].map((id) => title.get(id) ?? id).sort(),
      missing: required.filter((id) => !done.has(id)).map((id) => title.get(id) ?? id).sort(),
    });
  }
  return out;
}

/** Active officers of the area lacking a required training (optionally only `trainingId`). */
export async function trainingGaps(deps: Deps, ctx: RequestContext, areaInput: string | undefined, trainingId?: string): Promise<{ area: { code: string; name: string }; items: TrainingGap[] }> {
  const area = await resolveArea(deps.db, ctx, 'puskesos.staff', areaInput);
  const officers = (await selectOfficersIn(deps.db, ctx.actor, 'puskesos.staff', area.code)).filter((o) => officerActiveOn({ startDate: o.start_date, endDate: o.end_date }, areaToday(area.code)));
  const kab = ctx.actor.kabCode;
  const [trainings, comps, attended] = [await tq.selectTrainings(deps.db, kab), await tq.selectCompetencies(deps.db, kab), await tq.attendedBy(deps.db, officers.map((o) => o.id))];
  const title = new Map(trainings.map((t) => [t.id, t.title]));
  const items: TrainingGap[] = [];
  for (const o of officers) {
    const done = new Set(attended.filter((a) => a.officer_id === o.id).map((a) => a.training_id));
    const missing = comps
      .filter((c) => c.position === o.position && !done.has(c.training_id) && (!trainingId || c.training_id === trainingId))
      .map((c) => ({ trainingId: c.training_id, title: title.get(c.training_id) ?? '' }));
    if (missing.length) items.push({ officerId: o.id, name: o.name, position: o.position, villageCode: o.village_code, villageName: o.village_name, kecamatanCode: o.kecamatan_code, kecamatanName: o.kecamatan_name, missing });
  }
  await ctx.auditRead({ action: 'training.gaps.read', recordType: 'puskesos_officer', recordIds: items.map((i) => i.officerId), purpose: 'puskesos.training', details: { area: area.code, trainingId: trainingId ?? null } });
  return { area: { code: area.code, name: area.name }, items };
}

export async function trainingTitle(deps: Deps, ctx: RequestContext, trainingId: string): Promise<string> {
  const t = await tq.selectTraining(deps.db, ctx.actor.kabCode, trainingId);
  if (!t) throw notFound();
  return t.title;
}
