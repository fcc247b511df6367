import { createHash, randomInt } from 'node:crypto';
import {
  areaTimeZone, caseDueAt, caseUrgency, DEFAULT_SLA_DAYS, formatTrackingCode, isChild, trackingPeriod, URGENCIES,
  type CaseView, type CreateCaseInput, type SlaDays,
} from '@slrt/core';
import { canonicalJson } from '../audit/audit-event.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { pgErrorCode, PG_UNIQUE_VIOLATION, type Queryable } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { conflict, fieldError } from '../http/errors.ts';
import { createPerson, getPersonInScope } from '../registry/service.ts';
import { insertCase, insertConsents, insertNeeds, nextCaseSerial, selectCaseByClientRequest, selectSlaSettings } from './queries.ts';
import { buildCaseView, caseRowInScope, readCase, recordCaseEvent } from './service.ts';

/** Days to first action by urgency for a kabupaten: its settings over the defaults. */
export async function slaDaysOf(q: Queryable, kabCode: string): Promise<SlaDays> {
  const rows = await selectSlaSettings(q, kabCode);
  const days: Record<string, number> = { ...DEFAULT_SLA_DAYS };
  for (const r of rows) if ((URGENCIES as readonly string[]).includes(r.urgency)) days[r.urgency] = r.days;
  return days as SlaDays;
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

  try {
    const view = await deps.db.transaction(async (tx) => {
      const person = input.personId
        ? await getPersonInScope(tx, ctx, input.personId, { permission: 'cases.create' })
        : await createPerson(tx, ctx, input.newPerson!, { type: 'officer', id: null, reason: 'intake' }, { permission: 'cases.create' });

      // A child's data needs a parent or guardian (UU 27/2022 art. 25): so does their consent.
      if (person.birthDate && isChild(person.birthDate)) {
        const i = input.consents.findIndex((x) => x.givenBy !== 'guardian');
        if (i >= 0) throw fieldError(`consents.${i}.givenBy`, 'case.guardian_required_for_child');
      }

      const now = new Date();
      const urgency = caseUrgency(input.needs, input.fastTrack);
      const dueAt = caseDueAt(now, urgency, await slaDaysOf(tx, kabCode));
      const period = trackingPeriod(now, areaTimeZone(person.villageCode));
      const code = formatTrackingCode(kabCode, period, await nextCaseSerial(tx, kabCode, period));
      const id = newId();
      const target = { id, kabCode, villageCode: person.villageCode };
      const needsRegistryProposal = person.registryStatus === 'not_registered';
      await insertCase(tx, {
        id, kabCode, villageCode: person.villageCode, code, personId: person.id, householdId: person.householdId,
        trackPin: person.nik ? person.nik.slice(-4) : String(randomInt(0, 10_000)).padStart(4, '0'),
        pinFromNik: Boolean(person.nik),
        channel: input.channel, kind: input.kind, fastTrack: input.fastTrack, fastTrackReasons: input.fastTrackReasons,
        complaint: input.complaint, urgency, legalBasis: input.legalBasis, registryStatusAtIntake: person.registryStatus,
        needsRegistryProposal, registeredAt: now, registeredBy: ctx.actor.userId, dueAt, clientRequestId: key, requestHash: key ? hash : null,
      });
      const needs = input.needs.map((n) => ({ ...n, id: newId() }));
      await insertNeeds(tx, target, needs);
      await insertConsents(tx, target, input.consents.map((x) => ({ ...x, id: newId() })), ctx.actor.userId, now);
      await recordCaseEvent(tx, ctx, target, {
        action: 'register', toStatus: 'registered', toLevel: 'village',
        details: {
          channel: input.channel, kind: input.kind, fastTrack: input.fastTrack, urgency, dueAt: dueAt.toISOString(),
          needs: needs.map((n) => n.sector), newPerson: !input.personId, needsRegistryProposal,
        },
      });
      await ctx.auditWrite(tx, {
        action: 'case.create', recordType: 'case', recordIds: [id, person.id],
        details: { code, channel: input.channel, kind: input.kind, needs: needs.length, consents: input.consents.map((x) => x.purpose), legalBasis: input.legalBasis },
      });
      return buildCaseView(tx, ctx, await caseRowInScope(tx, ctx, id, 'cases.create'));
    });
    return { view, replayed: false };
  } catch (err) {
    // two retries raced: the other one created it
    if (key && pgErrorCode(err) === PG_UNIQUE_VIOLATION) {
      const raced = await replay();
      if (raced) return raced;
    }
    throw err;
  }
}
