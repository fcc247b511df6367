import { createHash, randomInt } from 'node:crypto';
import {
  areaTimeZone, caseDueAt, caseUrgency, DEFAULT_SLA_DAYS, fastTrackProblems, formatTrackingCode, isChild, localDateIn, TRACKING_CODE_ALPHABET, TRACKING_CODE_LENGTH, trackingCodeFromIndices, trackingPeriod, URGENCIES,
  type CaseView, type CreateCaseInput, type NeedInput, type SlaDays,
} from '@slrt/core';
import type { Actor } from '../access/actor.ts';
import { canonicalJson, subjectsOf } from '../audit/audit-event.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { pgErrorCode, PG_UNIQUE_VIOLATION, type Db, type Queryable, type Tx } from '../db/database.ts';
import { RESYNC } from '../db/notify.ts';
import { newId } from '../db/ids.ts';
import { conflict, fieldError, notFound } from '../http/errors.ts';
import { createPerson } from '../registry/service.ts';
import { kabupatenName } from '../areas/public.ts';
import { toCaseView } from './case-view.ts';
import {
  insertIntake, selectCaseByClientRequest, selectIntakePerson, selectSlaSettings, type CaseRow, type IntakePerson, type NewIntake,
} from './queries.ts';
import { selectHouseholdMembers } from './need-queries.ts';
import { readCase } from './service.ts';

/** Days to first action by urgency for a kabupaten: its settings over the defaults. */
export async function slaDaysOf(q: Queryable, kabCode: string): Promise<SlaDays> {
  const rows = await selectSlaSettings(q, kabCode);
  const days: Record<string, number> = { ...DEFAULT_SLA_DAYS };
  for (const r of rows) if ((URGENCIES as readonly string[]).includes(r.urgency)) days[r.urgency] = r.days;
  return days as SlaDays;
}

/** A fresh random tracking code for the resident (crypto-strong; uniqueness is the table's). */
function newTrackingCode(): string {
  return trackingCodeFromIndices(Array.from({ length: TRACKING_CODE_LENGTH }, () => randomInt(0, TRACKING_CODE_ALPHABET.length)));
}

/**
 * The SLA days as intake reads them: kept a minute per database and kabupaten, since they change
 * a few times a year and every intake needs them. A change empties the entry in every server
 * process once it commits (`forgetSlaDays`, through the database's notification channel).
 */
const SLA_CACHE_MS = 60_000;
const SLA_TOPIC = 'cache.sla_days';
const slaCache = new WeakMap<Db, Map<string, { days: SlaDays; until: number }>>();

function slaCacheOf(db: Db) {
  let byKab = slaCache.get(db);
  if (!byKab) {
    const entries = new Map<string, { days: SlaDays; until: number }>();
    db.notify.subscribe(SLA_TOPIC, (kab) => {
      if (kab === RESYNC) entries.clear();
      else entries.delete(kab);
    });
    slaCache.set(db, (byKab = entries));
  }
  return byKab;
}

async function cachedSlaDays(db: Db, kabCode: string): Promise<SlaDays> {
  const byKab = slaCacheOf(db);
  const hit = byKab.get(kabCode);
  if (hit && hit.until > Date.now()) return hit.days;
  const days = await slaDaysOf(db, kabCode);
  byKab.set(kabCode, { days, until: Date.now() + SLA_CACHE_MS });
  return days;
}

/** Every process forgets the kabupaten's SLA days once `q` commits. */
export function forgetSlaDays(q: Tx | Db, kabCode: string): Promise<void> {
  return q.notify.publish(q, SLA_TOPIC, kabCode);
}

function requestHash(input: CreateCaseInput): string {
  const { clientRequestId: _ignored, ...rest } = input;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/**
 * Registers a case at the one door (front office, or a facilitator in the field): the
 * resident (found, or captured now: a person not in the national data, flagged for a
 * registry proposal), channel, kind, fast track, complaint, needs, legal basis and consents.
 * Idempotent by `idempotencyKey` (or `clientRequestId`): a retry answers the first case
 * (`replayed`), the same key with a different body answers 409.
 */
export async function createCase(
  deps: Deps,
  ctx: RequestContext,
  input: CreateCaseInput,
  idempotencyKey: string | null,
  opts: {
    anywhereInKabupaten?: boolean;
    /** The Puskesos recording the case when it is not the resident's own village (issue 12: "start it here anyway"). */
    atVillage?: { code: string; name: string; kecamatanCode: string; kecamatanName: string };
    onCreated?: (tx: Tx, c: { id: string; code: string; kabCode: string; villageCode: string; villageName: string }) => Promise<void>;
  } = {},
): Promise<{ view: CaseView; replayed: boolean }> {
  if (idempotencyKey && input.clientRequestId && idempotencyKey !== input.clientRequestId) {
    throw fieldError('clientRequestId', 'case.idempotency_key_differs');
  }
  const key = idempotencyKey ?? input.clientRequestId ?? null;
  const hash = requestHash(input);
  const kabCode = ctx.actor.kabCode;

  const replay = async () => {
    const existing = key ? await selectCaseByClientRequest(deps.db, kabCode, key) : null;
    if (!existing) return null;
    if (existing.request_hash !== hash) throw conflict('case.idempotency_mismatch');
    return { view: await readCase(deps, ctx, existing.id), replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  // read before the transaction: PGlite has one connection, and the days are usually cached
  const sla = await cachedSlaDays(deps.db, kabCode);
  const kabName = await cachedKabupatenName(deps.db, kabCode);
  try {
    const inserted = await deps.db.transaction((tx) => insertCaseIn(tx, ctx, input, { sla, key, hash, opts }));
    // the answer is built from what was inserted, after COMMIT: no read-back under the locks
    return { view: intakeView({ ...inserted, kabName }, ctx.actor), replayed: false };
  } catch (err) {
    // two retries raced: the other one created it
    if (key && pgErrorCode(err) === PG_UNIQUE_VIOLATION) {
      const raced = await replay();
      if (raced) return raced;
    }
    throw err;
  }
}

type CreateCaseOpts = Parameters<typeof createCase>[4] & {};

/**
 * The case itself, inside the caller's transaction: the resident, the needs with who they are
 * for, the tracking code, consents and timeline, and the audit event. `sla` is read before the
 * transaction (`slaDaysFor`): PGlite has one connection.
 */
async function insertCaseIn(tx: Tx, ctx: RequestContext, input: CreateCaseInput, p: { sla: SlaDays; key: string | null; hash: string; opts: CreateCaseOpts }) {
  const { sla, key, hash, opts } = p;
  const kabCode = ctx.actor.kabCode;
  const found = input.personId ? await selectIntakePerson(tx, ctx.actor, input.personId, { anywhereInKabupaten: opts.anywhereInKabupaten ?? false }) : null;
  if (input.personId && !found) throw notFound();
  const resident: IntakePerson = found
    ?? await createPerson(tx, ctx, input.newPerson!, { type: 'officer', id: null, reason: 'intake' }, { permission: 'cases.create', fieldPrefix: 'newPerson.' });
  // the case lives at the recording Puskesos: the resident's village unless told otherwise
  const here = opts.atVillage;
  const person: IntakePerson = here ? { ...resident, villageCode: here.code, villageName: here.name, kecamatanCode: here.kecamatanCode, kecamatanName: here.kecamatanName } : resident;

  // A child's data needs a parent or guardian (UU 27/2022 art. 25): so does their consent.
  if (person.birthDate && isChild(person.birthDate)) {
    const i = input.consents.findIndex((x) => x.givenBy !== 'guardian');
    if (i >= 0) throw fieldError(`consents.${i}.givenBy`, 'case.guardian_required_for_child');
  }

  const now = new Date();
  // the fast track's reasons against the record (issue 12): a contradiction needs a typed override, which is kept
  const problems = fastTrackProblems(input.fastTrackReasons, { birthDate: person.birthDate, sex: person.sex, disability: person.disability }, localDateIn(now, areaTimeZone(person.villageCode)));
  const first = problems[0];
  if (first && !input.fastTrackOverride) throw fieldError(`fastTrackReasons.${first.index}`, first.key);
  const urgency = caseUrgency(input.needs, input.fastTrack);
  const dueAt = caseDueAt(now, urgency, sla);
  const period = trackingPeriod(now, areaTimeZone(person.villageCode));
  const id = newId();
  const needsRegistryProposal = person.registryStatus === 'not_registered';
  const needs = await needsWithPersons(tx, input.needs, person);
  const intake: NewIntake = {
    id, kabCode, villageCode: person.villageCode, period, personId: person.id, householdId: person.householdId,
    trackPin: person.nik ? person.nik.slice(-4) : String(randomInt(0, 10_000)).padStart(4, '0'),
    pinFromNik: Boolean(person.nik),
    trackingCode: newTrackingCode(),
    channel: input.channel, kind: input.kind, fastTrack: input.fastTrack, fastTrackReasons: input.fastTrackReasons,
    complaint: input.complaint, urgency, legalBasis: input.legalBasis, registryStatusAtIntake: person.registryStatus,
    needsRegistryProposal, registeredAt: now, registeredBy: ctx.actor.userId, registeredByName: ctx.actor.displayName, dueAt,
    clientRequestId: key, requestHash: key ? hash : null,
    needs,
    consents: input.consents.map((x) => ({ ...x, id: newId(), givenAt: (x.givenAt ? new Date(x.givenAt) : now).toISOString() })),
    event: {
      id: newId(),
      details: {
        channel: input.channel, kind: input.kind, fastTrack: input.fastTrack, urgency, dueAt: dueAt.toISOString(),
        needs: needs.map((n) => n.sector), newPerson: !input.personId, needsRegistryProposal,
        ...(here ? { residentVillageCode: resident.villageCode, residentVillageName: resident.villageName } : {}),
        ...(problems.length ? { fastTrackOverride: input.fastTrackOverride, fastTrackContradicted: problems.map((p) => input.fastTrackReasons[p.index]) } : {}),
      },
    },
  };
  // the case, its needs, consents, timeline and tracking serial, after every read (see insertIntake)
  const { code, serial, at } = await insertIntake(tx, intake);
  if (code !== formatTrackingCode(kabCode, period, serial)) throw new RangeError(`tracking code ${code} for serial ${serial}`);
  await ctx.auditWrite(tx, {
    action: 'case.create', recordType: 'case', recordIds: [id, person.id],
    details: {
      code, channel: input.channel, kind: input.kind, needs: needs.length, consents: input.consents.map((x) => x.purpose), legalBasis: input.legalBasis,
      ...subjectsOf([{ personId: person.id, householdId: person.householdId }]),
    },
  });
  await opts.onCreated?.(tx, { id, code, kabCode, villageCode: person.villageCode, villageName: person.villageName });
  return { intake, person, code, at };
}

/** The SLA days a case of the kabupaten is registered with (cached); read before the transaction that registers cases. */
export function slaDaysFor(deps: Deps, kabCode: string): Promise<SlaDays> {
  return cachedSlaDays(deps.db, kabCode);
}

/**
 * Registers a case inside the caller's transaction (a bulk action registering several at once,
 * issue 15: the targeting lists), without idempotency key: the caller's request carries one.
 */
export async function createCaseIn(tx: Tx, ctx: RequestContext, input: CreateCaseInput, sla: SlaDays): Promise<{ id: string; code: string; personId: string; villageCode: string; needIds: string[] }> {
  const { intake, code } = await insertCaseIn(tx, ctx, input, { sla, key: null, hash: requestHash(input), opts: {} });
  return { id: intake.id, code, personId: intake.personId, villageCode: intake.villageCode, needIds: intake.needs.map((n) => n.id) };
}

/**
 * Each need with who it is for: the case's person unless `personId` names another member of
 * the same household (400 on `needs.<i>.personId` otherwise).
 */
async function needsWithPersons(tx: Tx, needs: readonly NeedInput[], person: IntakePerson) {
  const members = await selectHouseholdMembers(tx, person.householdId, needs.flatMap((n) => (n.personId && n.personId !== person.id ? [n.personId] : [])));
  return needs.map((n, i) => {
    const personId = n.personId ?? person.id;
    const personName = personId === person.id ? person.fullName : members.get(personId);
    if (personName === undefined) throw fieldError(`needs.${i}.personId`, 'case.need_person_not_in_household');
    return { sector: n.sector, urgency: n.urgency, request: n.request, id: newId(), personId, personName };
  });
}

// area names are reference data: read once per kabupaten and process
const KABUPATEN_NAMES = new Map<string, string>();
async function cachedKabupatenName(q: Queryable, kabCode: string): Promise<string> {
  const known = KABUPATEN_NAMES.get(kabCode);
  if (known !== undefined) return known;
  const name = await kabupatenName(q, kabCode);
  KABUPATEN_NAMES.set(kabCode, name);
  return name;
}

/** The view of a case just registered, as GET /cases/:id would read it back. */
function intakeView(r: { intake: NewIntake; person: IntakePerson; code: string; at: Date; kabName: string }, actor: Actor): CaseView {
  const { intake: c, person: p } = r;
  const row: CaseRow = {
    id: c.id, kab_code: c.kabCode, village_code: c.villageCode, village_name: p.villageName, kecamatan_code: p.kecamatanCode,
    kecamatan_name: p.kecamatanName, kabupaten_code: `${c.kabCode.slice(0, 2)}.${c.kabCode.slice(2)}`, kabupaten_name: r.kabName, code: r.code, person_id: p.id, household_id: c.householdId, track_pin: c.trackPin, tracking_code: c.trackingCode,
    pin_from_nik: c.pinFromNik, status: 'registered', level: 'village', channel: c.channel, kind: c.kind, fast_track: c.fastTrack,
    fast_track_reasons: [...c.fastTrackReasons], complaint: c.complaint, urgency: c.urgency, legal_basis: c.legalBasis,
    registry_status_at_intake: c.registryStatusAtIntake, needs_registry_proposal: c.needsRegistryProposal, registry_proposal_id: null,
    registered_at: c.registeredAt, registered_by: c.registeredBy, registered_by_name: c.registeredByName, due_at: c.dueAt,
    first_action_at: null, assigned_to: null, assigned_to_name: null, assigned_at: null, recommendation: null, decision: null,
    decision_notes: null, decided_at: null, decided_by: null, decided_by_name: null, escalated_at: null, close_reason: null,
    closed_at: null, resolved_at: null, client_request_id: c.clientRequestId, request_hash: c.requestHash, updated_at: c.registeredAt,
    person_name: p.fullName, person_nik: p.nik, person_sex: p.sex, person_birth_date: p.birthDate, person_registry_status: p.registryStatus,
  };
  return toCaseView(row, {
    needs: c.needs.map((n, i) => ({
      id: n.id, case_id: c.id, position: i + 1, sector: n.sector, urgency: n.urgency, request: n.request, status: 'open',
      status_note: null, recommendation: null, person_id: n.personId, person_name: n.personName, returned_at: null, updated_at: r.at,
      level: null, decision: null, decision_notes: null, decided_at: null, decided_by: null, decided_by_name: null,
    })),
    events: [{
      id: c.event.id, at: r.at, actor_id: c.registeredBy, actor_name: c.registeredByName, action: 'register', from_status: null,
      to_status: 'registered', from_level: null, to_level: 'village', details: c.event.details,
    }],
    // in the order selectConsents reads them (recorded together, then by id)
    consents: [...c.consents].sort((a, b) => (a.id < b.id ? -1 : 1)).map((x) => ({
      id: x.id, purpose: x.purpose, statement: x.statement, method: x.method, given_at: new Date(x.givenAt), given_by: x.givenBy,
      guardian_name: x.guardianName ?? null, guardian_relationship: x.guardianRelationship ?? null, recorded_by: c.registeredBy,
      recorded_by_name: c.registeredByName, withdrawn_at: null,
    })),
    documents: [],
    letters: [],
  }, actor);
}
