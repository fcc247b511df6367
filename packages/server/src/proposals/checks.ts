import { HouseholdIndicators, PersonFields, PersonInput, type ProposalTargetKind, type ProposalType } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { RequestContext } from '../http/context.ts';
import { conflict, fieldError, fieldErrors, zodIssuesToFields } from '../http/errors.ts';
import { checkKk, checkNik } from '../registry/nik-check.ts';
import type { HouseholdRecord, PersonRecord } from '../registry/service.ts';
import { nikTaken } from './queries.ts';
import { isIndicatorField } from './targets.ts';

/**
 * Checks a proposal's values against the registry before anyone acts on them: NIK and KK numbers
 * of the persons it would create or renumber (errors reject, warnings need a confirmation, a NIK
 * already in the kabupaten is a conflict), and the whole record after the change still holding
 * together. Run when the proposal is entered and again on the facilitator's confirmed values,
 * so that the approval does not stumble on what could have been seen earlier.
 */

interface PersonToCheck {
  field: string;
  nik?: string | undefined;
  kk?: string | undefined;
  birthDate?: string | null | undefined;
  sex?: 'M' | 'F' | undefined;
  except: string | null;
}

function personsOf(type: ProposalType, kind: ProposalTargetKind, changes: Record<string, unknown>, person: PersonRecord | null, prefix: string): PersonToCheck[] {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const sexOf = (v: unknown) => (v === 'M' || v === 'F' ? v : undefined);
  if (kind === 'new_household') {
    const members = Array.isArray(changes.members) ? (changes.members as Array<Record<string, unknown>>) : [];
    return members.map((m, i) => ({ field: `${prefix}members.${i}.nik`, nik: str(m.nik), kk: str(m.kk), birthDate: str(m.birthDate), sex: sexOf(m.sex), except: null }));
  }
  if (kind === 'household' && type === 'new') {
    return [{ field: `${prefix}nik`, nik: str(changes.nik), kk: str(changes.kk), birthDate: str(changes.birthDate), sex: sexOf(changes.sex), except: null }];
  }
  if (kind === 'person' && person && type !== 'deactivate') {
    const touched = ['nik', 'birthDate', 'sex'].some((f) => f in changes);
    if (!touched && !('kk' in changes)) return [];
    return [{
      field: `${prefix}nik`,
      nik: touched ? (str(changes.nik) ?? person.nik ?? undefined) : undefined,
      kk: str(changes.kk),
      birthDate: str(changes.birthDate) ?? person.birthDate,
      sex: sexOf(changes.sex) ?? person.sex,
      except: person.id,
    }];
  }
  return [];
}

/** NIK/KK checks of a proposal's persons (see above). `prefix` names the fields (`changes.`). */
export async function checkNumbers(
  q: Queryable,
  ctx: RequestContext,
  p: { type: ProposalType; kind: ProposalTargetKind; changes: Record<string, unknown>; person: PersonRecord | null; confirmWarnings: readonly string[] },
  prefix: string,
): Promise<void> {
  const seen = new Map<string, string>();
  if (typeof p.changes.kk === 'string' && p.kind === 'new_household') await checkKk(q, p.changes.kk, `${prefix}kk`);
  for (const c of personsOf(p.type, p.kind, p.changes, p.person, prefix)) {
    if (c.kk) await checkKk(q, c.kk, c.field.replace(/nik$/, 'kk'));
    if (!c.nik) continue;
    const alreadyAcknowledged = p.person && c.except === p.person.id && c.nik === p.person.nik ? p.person.nikWarnings : [];
    await checkNik(q, c.nik, { birthDate: c.birthDate ?? null, sex: c.sex ?? null }, { confirmed: p.confirmWarnings, alreadyAcknowledged, locale: ctx.locale, field: c.field });
    if (seen.has(c.nik)) throw fieldError(c.field, 'proposal.nik_repeated', { other: seen.get(c.nik)! });
    seen.set(c.nik, c.field);
    if (await nikTaken(q, ctx.actor.kabCode, c.nik, c.except)) throw conflict('registry.nik_exists');
  }
}

/**
 * The target record after the change must still be valid as a whole (a pregnant man, power
 * installed without a metered connection): fields named with `prefix`.
 */
export function checkMerged(
  p: { type: ProposalType; kind: ProposalTargetKind; changes: Record<string, unknown> },
  target: { person: PersonRecord | null; household: HouseholdRecord | null },
  prefix: string,
): void {
  if (p.type !== 'deactivate' && p.type !== 'move' && p.kind === 'person' && target.person) {
    const merged: Record<string, unknown> = {};
    for (const key of Object.keys(PersonFields.shape)) {
      if (key === 'registryStatus' || key === 'inactiveReason') continue;
      const v = key in p.changes ? p.changes[key] : (target.person as unknown as Record<string, unknown>)[key];
      if (v !== null && v !== undefined) merged[key] = v;
    }
    const r = PersonInput.safeParse(merged);
    if (!r.success) throw fieldErrors(zodIssuesToFields(r.error.issues as never, prefix.replace(/\.$/, '')));
  }
  if (p.type === 'change' && p.kind === 'household' && target.household) {
    const indicators: Record<string, unknown> = { ...target.household.indicators };
    for (const [k, v] of Object.entries(p.changes)) if (isIndicatorField(k)) indicators[k] = v;
    const r = HouseholdIndicators.safeParse(indicators);
    if (!r.success) throw fieldErrors(zodIssuesToFields(r.error.issues as never, prefix.replace(/\.$/, '')));
  }
}
