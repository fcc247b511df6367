import {
  facilitiesIndex, kabCodeOf,
  type Facility, type HistoryEntry, type PuskesosGrade, type PuskesosProfile, type PuskesosProfileInput,
} from '@slrt/core';
import type { z } from 'zod';
import type { PuskesosGradesInput } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { conflict, fieldError } from '../http/errors.ts';
import * as q from './queries.ts';
import { profileOrNotFound, recordChange } from './scope.ts';

/**
 * The Puskesos profile: read (`puskesos.read`, scoped), change (`puskesos.write`: the village's
 * koordinator or the kabupaten), approve (`puskesos.approve`: the village head), and the
 * history of every change. Grades and their criteria are the kabupaten's data.
 */

function toFacility(r: q.FacilityRow): Facility {
  return { item: r.item as Facility['item'], condition: r.condition, source: r.source as Facility['source'], note: r.note, confirmedAt: r.confirmed_at };
}

function toProfile(r: q.ProfileRow, grades: readonly q.GradeRow[], facilities: readonly q.FacilityRow[]): PuskesosProfile {
  const grade = grades.find((g) => g.code === r.grade_code) ?? null;
  const items = facilities.filter((f) => f.village_code === r.village_code).map(toFacility);
  return {
    villageCode: r.village_code,
    villageName: r.village_name,
    kecamatanCode: r.kecamatan_code,
    kecamatanName: r.kecamatan_name,
    status: r.status,
    grade: grade ? { code: grade.code, name: grade.name, rank: grade.rank, criteria: grade.criteria } : null,
    legalBasis: r.legal_basis_number ? { number: r.legal_basis_number, date: r.legal_basis_date } : null,
    host: r.host,
    openingHours: r.opening_hours,
    address: r.address,
    phone: r.phone,
    location: r.latitude !== null && r.longitude !== null ? { latitude: r.latitude, longitude: r.longitude } : null,
    population: r.population,
    facilities: items,
    facilitiesIndex: facilitiesIndex(items),
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
    approval: r.approved_version !== null && r.approved_at ? { version: r.approved_version, at: r.approved_at.toISOString(), byName: r.approved_by_name ?? '' } : null,
    approvedCurrent: r.approved_version === r.version,
  };
}

async function viewOf(q0: Queryable, row: q.ProfileRow): Promise<PuskesosProfile> {
  const [grades, facilities] = [await q.selectGrades(q0, row.kab_code), await q.selectFacilities(q0, [row.village_code])];
  return toProfile(row, grades, facilities);
}

export async function getProfile(deps: Deps, ctx: RequestContext, villageCode: string): Promise<PuskesosProfile> {
  return viewOf(deps.db, await profileOrNotFound(deps.db, ctx, 'puskesos.read', villageCode));
}

type ProfileValues = Record<q.ProfileColumn, unknown>;

function valuesOf(r: q.ProfileRow): ProfileValues {
  return {
    status: r.status, grade_code: r.grade_code, legal_basis_number: r.legal_basis_number, legal_basis_date: r.legal_basis_date,
    host: r.host, opening_hours: r.opening_hours, address: r.address, phone: r.phone, latitude: r.latitude, longitude: r.longitude,
    population: r.population,
  };
}

function valuesFrom(input: PuskesosProfileInput): ProfileValues {
  return {
    status: input.status, grade_code: input.gradeCode ?? null, legal_basis_number: input.legalBasisNumber || null,
    legal_basis_date: input.legalBasisDate ?? null, host: input.host ?? null, opening_hours: input.openingHours || null,
    address: input.address || null, phone: input.phone ?? null, latitude: input.latitude ?? null, longitude: input.longitude ?? null,
    population: input.population ?? null,
  };
}

/** Field -> {from, to} for the fields that differ. */
function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, to] of Object.entries(after)) {
    const from = before[k] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to ?? null)) out[k] = { from, to: to ?? null };
  }
  return out;
}

/**
 * Replaces the profile (and the facilities inventory when given), in one transaction: one
 * history line with every field that changed, one audit event. A `version` older than the
 * stored one is a 409 (someone else saved in between); nothing changed answers as it is.
 */
export async function putProfile(deps: Deps, ctx: RequestContext, villageCode: string, input: PuskesosProfileInput): Promise<PuskesosProfile> {
  if ((input.latitude == null) !== (input.longitude == null)) throw fieldError(input.latitude == null ? 'latitude' : 'longitude', 'field.required');
  if (input.facilities && new Set(input.facilities.map((f) => f.item)).size !== input.facilities.length) throw fieldError('facilities', 'puskesos.facility_twice');
  await deps.db.transaction(async (tx) => {
    const row = await profileOrNotFound(tx, ctx, 'puskesos.write', villageCode, true);
    if (input.version !== undefined && input.version !== row.version) throw conflict('puskesos.stale_version', { version: row.version });
    if (input.gradeCode && !(await q.selectGrades(tx, row.kab_code)).some((g) => g.code === input.gradeCode)) throw fieldError('gradeCode', 'field.invalid_value', { options: (await q.selectGrades(tx, row.kab_code)).map((g) => g.code).join(', ') });
    const before = valuesOf(row);
    const after = valuesFrom(input);
    const changes: Record<string, unknown> = diff(before, after);
    if (input.facilities) {
      const old = new Map((await q.selectFacilities(tx, [villageCode])).map((f) => [f.item, f]));
      const facilityChanges: Record<string, unknown> = {};
      for (const f of input.facilities) {
        const was = old.get(f.item);
        const next = { condition: f.condition, source: f.source ?? null, note: f.note || null };
        const d = diff(was ? { condition: was.condition, source: was.source, note: was.note } : {}, next);
        if (Object.keys(d).length === 0) continue;
        facilityChanges[f.item] = d;
        await q.upsertFacility(tx, row.kab_code, villageCode, { item: f.item, ...next });
      }
      if (Object.keys(facilityChanges).length) changes.facilities = facilityChanges;
    }
    if (Object.keys(changes).length === 0) {
      ctx.noPersonalData(); // the same profile again: nothing written, and a profile names no resident
      return;
    }
    const version = await q.updateProfile(tx, villageCode, after, ctx.actor.userId);
    await recordChange(tx, ctx, row, { entity: 'profile', action: 'update', changes: { ...changes, version: { from: row.version, to: version } } });
    await ctx.auditWrite(tx, { action: 'puskesos.update', recordType: 'puskesos', recordIds: [], details: { village: villageCode, fields: Object.keys(changes), version } });
  });
  return viewOf(deps.db, await profileOrNotFound(deps.db, ctx, 'puskesos.read', villageCode));
}

/** The village head approves the profile as it stands (the version they saw; an older one is a 409). */
export async function approveProfile(deps: Deps, ctx: RequestContext, villageCode: string, version: number): Promise<PuskesosProfile> {
  await deps.db.transaction(async (tx) => {
    const row = await profileOrNotFound(tx, ctx, 'puskesos.approve', villageCode, true);
    if (version !== row.version) throw conflict('puskesos.stale_version', { version: row.version });
    if (row.approved_version === row.version) {
      ctx.noPersonalData(); // approved already: nothing written, and a profile names no resident
      return;
    }
    await q.markApproved(tx, villageCode, version, ctx.actor.userId, ctx.actor.displayName);
    await recordChange(tx, ctx, row, { entity: 'profile', action: 'approve', changes: { version } });
    await ctx.auditWrite(tx, { action: 'puskesos.approve', recordType: 'puskesos', recordIds: [], details: { village: villageCode, version } });
  });
  return viewOf(deps.db, await profileOrNotFound(deps.db, ctx, 'puskesos.read', villageCode));
}

export async function listHistory(deps: Deps, ctx: RequestContext, villageCode: string, limit: number, cursor: string | undefined): Promise<{ items: HistoryEntry[]; nextCursor: string | null }> {
  await profileOrNotFound(deps.db, ctx, 'puskesos.read', villageCode);
  const before = cursor && /^[0-9a-f-]{36}$/.test(cursor) ? cursor : null;
  const rows = await q.selectHistory(deps.db, villageCode, limit + 1, before);
  const items = rows.slice(0, limit).map((r) => ({ id: r.id, entity: r.entity, entityId: r.entity_id, action: r.action, changes: r.changes, at: r.at.toISOString(), byName: r.by_name }));
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export async function listGrades(deps: Deps, ctx: RequestContext): Promise<PuskesosGrade[]> {
  return q.selectGrades(deps.db, ctx.actor.kabCode);
}

/** Replaces the kabupaten's grades; a grade still given to a Puskesos may not be removed (409). */
export async function putGrades(deps: Deps, ctx: RequestContext, input: z.infer<typeof PuskesosGradesInput>): Promise<PuskesosGrade[]> {
  const codes = input.grades.map((g) => g.code);
  if (new Set(codes).size !== codes.length) throw fieldError('grades', 'puskesos.grade_twice');
  await deps.db.transaction(async (tx) => {
    const used = await q.gradesInUse(tx, ctx.actor.kabCode);
    const dropped = used.filter((c) => !codes.includes(c));
    if (dropped.length) throw conflict('puskesos.grade_in_use', { grades: dropped.join(', ') });
    for (const g of input.grades) await q.upsertGrade(tx, ctx.actor.kabCode, g);
    await q.deleteGradesExcept(tx, ctx.actor.kabCode, codes);
    await ctx.auditWrite(tx, { action: 'puskesos.grades', recordType: 'puskesos', recordIds: [], details: { grades: codes } });
  });
  return q.selectGrades(deps.db, ctx.actor.kabCode);
}

/** The default grading a kabupaten starts from (pratama, madya, utama), changed as data. */
const DEFAULT_GRADES: readonly q.GradeRow[] = [
  { code: 'utama', name: 'Utama', rank: 1, criteria: ['Memenuhi SOP layanan', 'Sekretariat dan administrasi baik', 'Gedung sendiri dengan ruang tunggu', 'Kendaraan operasional'] },
  { code: 'madya', name: 'Madya', rank: 2, criteria: ['Memenuhi SOP layanan', 'Ruang layanan tersedia', 'Koordinator, front office dan back office terisi'] },
  { code: 'pratama', name: 'Pratama', rank: 3, criteria: ['SK Kepala Desa tentang pembentukan Puskesos', 'Koordinator ditetapkan'] },
];

/** A kabupaten without grades gets the default ones (start-up and demo). */
export async function ensureDefaultGrades(q0: Queryable, kabDotted: string): Promise<void> {
  const kab = kabCodeOf(kabDotted);
  if ((await q.selectGrades(q0, kab)).length > 0) return;
  for (const g of DEFAULT_GRADES) await q.upsertGrade(q0, kab, g);
}
