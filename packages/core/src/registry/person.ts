import { z } from 'zod';
import { ageInYears, compareYmd, parseYmd, ymdOf } from './calendar-date.ts';
import { codeOf, codeSetOf } from './code-schema.ts';
import { validateKk, validateNik } from './nik.ts';

/** A calendar date `YYYY-MM-DD` that exists (no 30 February). */
export const IsoDate = z.string().refine((s) => parseYmd(s) !== null, { message: 'field.date_invalid' });
export type IsoDate = z.infer<typeof IsoDate>;

/** A birth date: a real date, not after today (the rule sits on the field, so a form checks it as the officer leaves it). */
export const BirthDate = IsoDate.refine((s) => {
  const birth = parseYmd(s);
  return !birth || compareYmd(birth, ymdOf(new Date())) <= 0;
}, { message: 'person.birth_date_future' });

/**
 * A NIK, text of 16 digits. Only errors reject it; warnings (unknown region, mismatch with the
 * recorded birth date or sex) are for the officer and are computed by the caller with
 * `validateNik(nik, expected)`.
 */
export const Nik = z.string().superRefine((nik, ctx) => {
  // the message is the catalog key of the rule that failed (nik.length, nik.not_digits, nik.invalid_date, ...), in the officer's language
  for (const issue of validateNik(nik).errors) {
    ctx.addIssue({ code: 'custom', message: issue.code.replace('_', '.'), params: { issue: issue.code, length: nik.length, code: nik.slice(0, 2) } });
  }
});
export type Nik = z.infer<typeof Nik>;

export const KkNumber = z.string().superRefine((kk, ctx) => {
  for (const issue of validateKk(kk).errors) {
    ctx.addIssue({ code: 'custom', message: issue.code.replace('_', '.'), params: { issue: issue.code, length: kk.length, code: kk.slice(0, 2) } });
  }
});
export type KkNumber = z.infer<typeof KkNumber>;

/** A family member as the registry records it (Regsosek person block plus our own status). */
export const PersonFields = z.strictObject({
  /** Absent for people met at the Puskesos who have no NIK yet. */
  nik: Nik.optional(),
  kk: KkNumber.optional(),
  fullName: z.string().trim().min(1).max(200),
  sex: z.enum(['M', 'F']),
  birthPlace: z.string().trim().min(1).max(100).optional(),
  birthDate: BirthDate.optional(),
  relationship: codeOf('relationship').optional(),
  maritalStatus: codeOf('marital_status').optional(),
  presence: codeOf('presence').optional(),
  pregnant: z.boolean().optional(),
  documentsHeld: codeSetOf('documents_held').optional(),
  schoolParticipation: codeOf('school_participation').optional(),
  educationLevel: codeOf('education_level').optional(),
  workStatus: codeOf('work_status').optional(),
  workSector: codeOf('work_sector').optional(),
  /** Washington Group: domain -> severity; a domain left out was not asked. */
  disability: z.partialRecord(codeOf('disability_domain'), codeOf('disability_severity')).optional(),
  chronicIllnesses: codeSetOf('chronic_illness').optional(),
  healthInsurance: codeSetOf('health_insurance').optional(),
  /** Holds a PIP/KIP (school assistance) card. */
  pipKip: z.boolean().optional(),
  dukcapilMatch: codeOf('dukcapil_match').optional(),
  registryStatus: codeOf('registry_status').optional(),
  inactiveReason: codeOf('inactive_reason').optional(),
});

/** PersonFields with the rules that tie fields together. Extend PersonFields, not this. */
export const PersonInput = PersonFields.superRefine((p, ctx) => {
  if (p.pregnant === true && p.sex !== 'F') {
    ctx.addIssue({ code: 'custom', path: ['pregnant'], message: 'Only a woman can be recorded as pregnant.' });
  }
  if (p.registryStatus === 'inactive' && p.inactiveReason === undefined) {
    ctx.addIssue({ code: 'custom', path: ['inactiveReason'], message: 'An inactive person needs a reason.' });
  }
  if (p.inactiveReason !== undefined && p.registryStatus !== 'inactive') {
    ctx.addIssue({ code: 'custom', path: ['inactiveReason'], message: 'A reason is only recorded for an inactive person.' });
  }
});
export type PersonInput = z.infer<typeof PersonInput>;

/**
 * Fields holding "specific" personal data under UU 27/2022 art. 4: health data (pregnancy,
 * chronic illness, health insurance, which also reveals PBI status) and disability. They are
 * shown only to roles that need them and are candidates for encryption at rest. The person
 * record holds no financial data; a bank or KKS account number added later belongs here.
 * Children's data is specific as a whole: see `isChild`.
 */
export const SPECIFIC_PERSON_FIELDS = ['pregnant', 'chronicIllnesses', 'healthInsurance', 'disability'] as const satisfies readonly (keyof PersonInput)[];
export type SpecificPersonField = (typeof SPECIFIC_PERSON_FIELDS)[number];

export const SPECIFIC_PERSON_FIELD_CATEGORY: Readonly<Record<SpecificPersonField, 'health' | 'disability'>> = {
  pregnant: 'health',
  chronicIllnesses: 'health',
  healthInsurance: 'health',
  disability: 'disability',
};

/**
 * Fields the population-administration law (UU 24/2013 art. 84) protects as personal data of
 * the civil registry, with penalties for unauthorised access: masked by default, audited.
 */
export const ADMINDUK_PROTECTED_PERSON_FIELDS = ['nik', 'kk', 'birthDate', 'disability'] as const satisfies readonly (keyof PersonInput)[];

export function isSpecificPersonField(field: string): field is SpecificPersonField {
  return (SPECIFIC_PERSON_FIELDS as readonly string[]).includes(field);
}

/** Age of majority for data protection and child protection (UU 35/2014): under 18. */
export const CHILD_AGE_LIMIT = 18;

/**
 * True when the person is a child on `today`, making all of their data specific personal data
 * that needs a parent or guardian (UU 27/2022 arts. 4, 25). Throws on a malformed date: a
 * stored birth date is always `YYYY-MM-DD`.
 */
export function isChild(birthDate: string, today: Date = new Date()): boolean {
  const birth = parseYmd(birthDate);
  if (!birth) throw new RangeError('birthDate must be a real date as YYYY-MM-DD');
  return ageInYears(birth, ymdOf(today)) < CHILD_AGE_LIMIT;
}

/**
 * A name as the registry search compares it: uppercase, runs of white space collapsed, trimmed.
 * The same rule as the `persons.name_norm` generated column.
 */
export function normalizePersonName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toUpperCase();
}
