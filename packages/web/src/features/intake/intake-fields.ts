import { CreateCaseInput, t as coreT, validateNik, zodIssuesToFields, type FieldMsg, type Locale } from '@slrt/core';
import { subjectOf } from '../../ui/field-label.ts';
import { stepOfField, toCreateCase, type IntakeDraft } from './intake-draft.ts';

/** Where a field of the intake sits on screen: the control to focus and its label's message key. */
export interface IntakeField {
  id: string;
  label: IntakeLabelKey;
}

type IntakeLabelKey =
  | 'resident.nikOptional' | 'resident.fullName' | 'resident.sex' | 'resident.birthDate' | 'resident.birthPlace'
  | 'resident.village' | 'resident.address' | 'resident.rt' | 'resident.rw' | 'resident.title'
  | 'service.channel' | 'service.kind' | 'service.fastTrackReasons'
  | 'needs.complaint' | 'needs.sector' | 'needs.urgency' | 'needs.request' | 'needs.list'
  | 'consent.legalBasis' | 'consent.statement' | 'consent.givenBy' | 'consent.guardianName' | 'consent.record';

const FIXED: Record<string, IntakeField> = {
  personId: { id: 'resident-mode-nik', label: 'resident.title' },
  'newPerson.nik': { id: 'new-nik', label: 'resident.nikOptional' },
  'newPerson.fullName': { id: 'new-name', label: 'resident.fullName' },
  'newPerson.sex': { id: 'new-sex', label: 'resident.sex' },
  'newPerson.birthDate': { id: 'new-birth-date', label: 'resident.birthDate' },
  'newPerson.birthPlace': { id: 'new-birth-place', label: 'resident.birthPlace' },
  'newPerson.household.villageCode': { id: 'new-village', label: 'resident.village' },
  'newPerson.household.address': { id: 'new-address', label: 'resident.address' },
  'newPerson.household.rt': { id: 'new-rt', label: 'resident.rt' },
  'newPerson.household.rw': { id: 'new-rw', label: 'resident.rw' },
  channel: { id: 'channel', label: 'service.channel' },
  kind: { id: 'kind', label: 'service.kind' },
  fastTrackReasons: { id: 'fast-track-reasons', label: 'service.fastTrackReasons' },
  complaint: { id: 'complaint', label: 'needs.complaint' },
  needs: { id: 'need-0-sector', label: 'needs.list' },
  legalBasis: { id: 'legal-basis', label: 'consent.legalBasis' },
  consents: { id: 'consent-record', label: 'consent.record' },
  'consents.0.statement': { id: 'consent-statement', label: 'consent.statement' },
  'consents.0.givenBy': { id: 'consent-given-by', label: 'consent.givenBy' },
  'consents.0.guardianName': { id: 'guardian-name', label: 'consent.guardianName' },
};

const NEED_FIELD = /^needs\.(\d+)\.(sector|urgency|request)$/;

/** The control and label of a field path the server or the check names; null for one the screen does not show. */
export function intakeFieldOf(path: string): IntakeField | null {
  const fixed = FIXED[path];
  if (fixed) return fixed;
  const need = NEED_FIELD.exec(path);
  if (need) return { id: `need-${need[1]}-${need[2]}`, label: `needs.${need[2] as 'sector' | 'urgency' | 'request'}` };
  return null;
}

/**
 * The intake checked with the server's own schema (`CreateCaseInput` of @slrt/core: NIK,
 * dates, lengths, choices), field by field, before anything is sent. The paths are the ones
 * the server would answer with, so the same label and step serve both.
 */
export function checkIntake(draft: IntakeDraft): Record<string, FieldMsg> {
  const r = draft.resident;
  if (!r || r.mode === 'elsewhere') return {};
  const parsed = CreateCaseInput.safeParse(toCreateCase(draft));
  const fields = parsed.success ? {} : zodIssuesToFields(parsed.error.issues as never);
  // the resident is chosen on step 1 with its own message; the schema's "one or the other" is that
  delete fields.personId;
  return fields;
}

/**
 * What the NIK says against the birth date and sex typed (the server's warnings, without the
 * region list it alone holds), as sentences; empty when they agree or the NIK is not whole.
 */
export function nikWarnings(draft: IntakeDraft, locale: Locale): string[] {
  const r = draft.resident;
  if (r?.mode !== 'new' || r.person.nik.length !== 16) return [];
  const expected = { ...(r.person.birthDate ? { birthDate: r.person.birthDate } : {}), ...(r.person.sex ? { sex: r.person.sex } : {}) };
  return validateNik(r.person.nik, expected, { locale }).warnings.map((w) => w.message);
}

/** A check's message in the officer's language, naming the field by its label on screen. */
export function describeIssue(msg: FieldMsg, label: string, locale: Locale): string {
  const text = coreT(locale, msg.key, { ...msg.params, field: subjectOf(label) });
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The first step holding one of these fields (the officer is sent there, not to step 1). */
export function firstStepOf(paths: readonly string[]): number | null {
  return paths.length ? Math.min(...paths.map(stepOfField)) : null;
}

/** Of the fields with a problem, the one shown first on its step (document order of the ids). */
export function firstFieldOn(step: number, paths: readonly string[]): IntakeField | null {
  const order = Object.keys(FIXED);
  const onStep = paths.filter((p) => stepOfField(p) === step).sort((a, b) => rank(a, order) - rank(b, order));
  for (const p of onStep) {
    const field = intakeFieldOf(p);
    if (field) return field;
  }
  return null;
}

function rank(path: string, order: string[]): number {
  const need = NEED_FIELD.exec(path);
  if (need) return order.indexOf('needs') + 0.01 * (Number(need[1]) * 3 + ['sector', 'urgency', 'request'].indexOf(need[2] ?? ''));
  const i = order.indexOf(path);
  return i < 0 ? order.length : i;
}
