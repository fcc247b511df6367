import { composeKk, composeNik, kabCodeOf, type HouseholdIndicators, type Locale } from '@slrt/core';
import { Actor } from '../access/actor.ts';
import { grantsOf, toGrants } from '../auth/queries.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { recordRoutes, type ScopeFixture } from '../testing/record-routes.ts';
import type { Queryable } from '../db/database.ts';
import type { Cols } from '../db/rows.ts';
import { newId } from '../db/ids.ts';
import { insertFamily, insertHousehold, insertPerson } from './queries.ts';
import { insertImport } from './imports/import-queries.ts';
import type { RegistryStatus } from './records.ts';

/**
 * Small typed builders for tests of any domain: registry records straight into the database,
 * as an import would leave them (no audit, no history). Numbers are valid by the NIK rules and
 * unique within a process (serials 5000-9999; the synthetic population uses 1-4999).
 *
 *   const h = await aHousehold(t.deps.db, { village: CINUNUK, desil: 2 });
 *   const p = await aPerson(t.deps.db, { household: h, fullName: 'Siti Aminah', sex: 'F' });
 */

export const CINUNUK = '32.04.05.2004';
export const SOREANG = '32.04.37.2001';
/** Another village of Kec. Cileunyi: inside the supervisor's area, outside Cinunuk's officers. */
export const CILEUNYI_WETAN = '32.04.05.2002';
/** A village of another kecamatan (Dayeuhkolot), outside Cileunyi's supervisor. */
export const DAYEUHKOLOT = '32.04.12.2002';

let serial = 5000 + Math.floor(Math.random() * 2500);
const nextSerial = () => {
  serial = serial >= 9999 ? 5000 : serial + 1;
  return serial;
};

const kecamatanOf = (village: string) => village.split('.').slice(0, 3).join('.');

export interface BuiltHousehold {
  id: string;
  familyId: string;
  kk: string;
  villageCode: string;
  kabCode: string;
}

export async function aHousehold(
  q: Queryable,
  opts: {
    village?: string;
    address?: string;
    rt?: string;
    rw?: string;
    indicators?: HouseholdIndicators;
    desil?: number;
    desilSource?: string;
    desilDate?: string;
    kk?: string;
  } = {},
): Promise<BuiltHousehold> {
  const villageCode = opts.village ?? CINUNUK;
  const kabCode = kabCodeOf(villageCode);
  const id = newId();
  await insertHousehold(q, {
    id, kabCode, villageCode, address: opts.address ?? 'Jl. Percobaan No. 1', rt: opts.rt ?? '001', rw: opts.rw ?? '002',
    indicators: opts.indicators ?? {},
  });
  if (opts.desil !== undefined) {
    await q.query('UPDATE households SET desil = $2, desil_source = $3, desil_date = $4 WHERE kab_code = $5 AND id = $1', [
      id, opts.desil, opts.desilSource ?? 'DTSEN', opts.desilDate ?? '2025-10-01', kabCode,
    ]);
  }
  const kk = opts.kk ?? composeKk({ kecamatanCode: kecamatanOf(villageCode), recordedDate: '2016-03-14', serial: nextSerial() });
  const familyId = newId();
  await insertFamily(q, { id: familyId, kabCode, villageCode, householdId: id, kk }, { type: 'seed', id: 'test' });
  return { id, familyId, kk, villageCode, kabCode };
}

export interface BuiltPerson {
  id: string;
  nik: string | null;
  kk: string;
  fullName: string;
  birthDate: string;
  sex: 'M' | 'F';
  householdId: string;
  familyId: string;
  villageCode: string;
}

export async function aPerson(
  q: Queryable,
  opts: {
    household?: BuiltHousehold;
    village?: string;
    fullName?: string;
    sex?: 'M' | 'F';
    birthDate?: string;
    /** A given NIK, or null for a person without one. Default: a valid NIK for the birth date and sex. */
    nik?: string | null;
    relationship?: string;
    registryStatus?: RegistryStatus;
    inactiveReason?: string;
    desil?: number;
    desilDate?: string;
    pregnant?: boolean;
    disability?: Record<string, string>;
    chronicIllnesses?: string[];
    healthInsurance?: string[];
  } = {},
): Promise<BuiltPerson> {
  const household = opts.household ?? (await aHousehold(q, { village: opts.village ?? CINUNUK }));
  const sex = opts.sex ?? 'F';
  const birthDate = opts.birthDate ?? '1984-06-21';
  const nik = opts.nik === undefined
    ? composeNik({ kecamatanCode: kecamatanOf(household.villageCode), birthDate, sex, serial: nextSerial() })
    : opts.nik;
  const id = newId();
  const fullName = opts.fullName ?? 'Siti Aminah';
  await insertPerson(q, {
    id, kabCode: household.kabCode, villageCode: household.villageCode, householdId: household.id, familyId: household.familyId,
    nik, kk: household.kk, fullName, sex, birthDate, relationship: opts.relationship ?? 'head',
    registryStatus: opts.registryStatus ?? 'registered', inactiveReason: opts.inactiveReason,
    desil: opts.desil, desilSource: opts.desil !== undefined ? 'DTSEN' : undefined,
    desilDate: opts.desil !== undefined ? (opts.desilDate ?? '2025-10-01') : undefined,
    pregnant: opts.pregnant, disability: opts.disability, chronicIllnesses: opts.chronicIllnesses, healthInsurance: opts.healthInsurance,
  });
  return { id, nik, kk: household.kk, fullName, birthDate, sex, householdId: household.id, familyId: household.familyId, villageCode: household.villageCode };
}

/**
 * A request context for calling registry services directly in a test, as a demo user
 * (`puskesos.cinunuk`): the actor from the database, audit into the real audit log.
 */
export async function contextAs(deps: Deps, username: string, locale: Locale = 'en'): Promise<RequestContext> {
  const { rows } = await deps.db.query<Cols<'users', 'id' | 'username' | 'display_name' | 'kab_code'>>(
    'SELECT id, username, display_name, kab_code FROM users WHERE username = $1', [username],
  );
  const user = rows[0];
  if (!user) throw new Error(`no user ${username}`);
  const actor = new Actor({
    userId: user.id, username: user.username, displayName: user.display_name, kabCode: user.kab_code,
    grants: toGrants(await grantsOf(deps.db, user.id)), via: 'session',
  });
  const auditContext = { kabCode: user.kab_code, actorId: user.id, actorName: user.username, actorRoles: actor.roles.join(','), clientAddr: 'test', requestId: null };
  return {
    actor,
    locale,
    auditContext,
    auditWrite: (tx, input) => deps.auditLog.record(tx, auditContext, input),
    auditRead: (input) => deps.auditLog.recordRead(auditContext, input),
    noPersonalData: () => undefined,
  };
}

/**
 * Scope fixtures of the registry's routes for the access matrix (testing/scope-fixtures.ts):
 * a Cinunuk record for every route with a record parameter.
 */
export const REGISTRY_SCOPE_FIXTURES: Record<string, ScopeFixture> = {
  ...recordRoutes('/api/v1/persons/:id', ['history'], async (t) => ({ id: (await aPerson(t.deps.db, { village: CINUNUK })).id })),
  ...recordRoutes('/api/v1/households/:id', ['history'], async (t) => ({ id: (await aHousehold(t.deps.db, { village: CINUNUK })).id })),
  '/api/v1/families/:id': async (t) => ({ id: (await aHousehold(t.deps.db, { village: CINUNUK })).familyId }),
  // Imports belong to the kabupaten (registry.import is a kabupaten permission).
  ...recordRoutes('/api/v1/registry/imports/:id', ['headers', 'resume', 'errors.csv'], async (t) => ({ id: await aFinishedImport(t.deps.db) })),
};

/** A finished import record of Kabupaten Bandung (no file). */
async function aFinishedImport(q: Queryable): Promise<string> {
  const id = newId();
  const ctx = { kabCode: '3204', actorId: null, actorName: 'test', actorRoles: 'operator', clientAddr: 'test', requestId: null };
  await insertImport(q, { id, kabCode: '3204', fileName: 'dtks.csv', storedPath: '/nonexistent', format: 'csv', mapping: {}, options: { header: ['nik'] }, createdBy: null, createdByName: 'test', auditContext: ctx });
  await q.query(`UPDATE registry_imports SET status = 'done', rows_total = 0 WHERE id = $1`, [id]);
  return id;
}

/** A multipart/form-data body for `client.request('POST', url, body, { 'content-type': ... })`. */
export function multipartBody(fields: Record<string, string>, file?: { field?: string; name: string; content: Buffer | string; type?: string }) {
  const boundary = `----slrt${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
