import { z } from 'zod';
import { HouseholdIndicatorFields } from './household.ts';
import { KkNumber, PersonFields } from './person.ts';
import type { NikIssueCode } from './nik.ts';

/**
 * Request shapes of the registry API, shared by the server (validation) and the web (forms).
 */

/** NIK warnings an officer may confirm explicitly; the confirmation is kept in the history. */
export const CONFIRMABLE_NIK_WARNINGS = [
  'nik_region_unknown', 'nik_province_retired', 'nik_birth_date_mismatch', 'nik_sex_mismatch',
] as const satisfies readonly NikIssueCode[];
export const ConfirmWarnings = z.array(z.enum(CONFIRMABLE_NIK_WARNINGS)).max(CONFIRMABLE_NIK_WARNINGS.length);

const Text = (max: number) => z.string().trim().min(1).max(max);

/** A new dwelling, when a person joins no existing household. */
export const NewHouseholdInput = z.strictObject({
  villageCode: z.string().max(20),
  address: Text(300).optional(),
  rt: z.string().trim().regex(/^\d{1,3}$/, 'field.digits_only').optional(),
  rw: z.string().trim().regex(/^\d{1,3}$/, 'field.digits_only').optional(),
  indicators: HouseholdIndicatorFields.optional(),
});
export type NewHouseholdInput = z.infer<typeof NewHouseholdInput>;

/**
 * A resident not (yet) in the national data, with where they live: an existing household or
 * family, or a new household. A KK number that exists already joins that family.
 */
export const CreatePersonInput = PersonFields.extend({
  householdId: z.uuid().optional(),
  familyId: z.uuid().optional(),
  household: NewHouseholdInput.optional(),
  confirmWarnings: ConfirmWarnings.optional(),
});
export type CreatePersonInput = z.infer<typeof CreatePersonInput>;

type PersonFieldsT = z.infer<typeof PersonFields>;
/** A partial change to a person: null clears an optional field; `familyId` moves the person. */
export type PersonChanges = { [K in keyof PersonFieldsT]?: PersonFieldsT[K] | null } & { familyId?: string };
const REQUIRED_PERSON_FIELDS = new Set(['fullName', 'sex', 'registryStatus']);
export const PersonChanges = z.strictObject({
  ...Object.fromEntries(
    Object.entries(PersonFields.shape).map(([k, v]) => {
      const inner = (v as z.ZodType & { unwrap?: () => z.ZodType }).unwrap?.() ?? v;
      return [k, REQUIRED_PERSON_FIELDS.has(k) ? inner.optional() : inner.nullable().optional()];
    }),
  ),
  familyId: z.uuid().optional(),
}) as unknown as z.ZodType<PersonChanges>;

export const HouseholdChanges = z.strictObject({
  villageCode: z.string().max(20).optional(),
  address: Text(300).nullable().optional(),
  rt: z.string().trim().regex(/^\d{1,3}$/, 'field.digits_only').nullable().optional(),
  rw: z.string().trim().regex(/^\d{1,3}$/, 'field.digits_only').nullable().optional(),
  indicators: HouseholdIndicatorFields.optional(),
  desil: z.number().int().min(1).max(10).nullable().optional(),
  desilSource: Text(100).nullable().optional(),
  desilDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
});
export type HouseholdChanges = z.infer<typeof HouseholdChanges>;

/** Why a KK number changes (nik.md): moving, death of the head, divorce, split, correction. */
export const KK_CHANGE_REASONS = ['moved', 'head_deceased', 'divorce', 'split', 'correction', 'new_card'] as const;

export const FamilyChanges = z.strictObject({
  kk: KkNumber.nullable().optional(),
  kkReason: z.enum(KK_CHANGE_REASONS).optional(),
  householdId: z.uuid().optional(),
});
export type FamilyChanges = z.infer<typeof FamilyChanges>;

/** An officer's edit through the API: what changes, on which version, and why. */
export const RegistryEdit = <T extends z.ZodType>(changes: T) =>
  z.strictObject({
    changes,
    expectedVersion: z.number().int().positive(),
    reason: Text(500),
    confirmWarnings: ConfirmWarnings.optional(),
  });

/**
 * Where a NIK searched for lives when it is outside the caller's area but inside the kabupaten
 * (issue 12): the village only, no other personal data.
 */
export const PersonElsewhere = z.object({ villageCode: z.string(), villageName: z.string() });
export type PersonElsewhere = z.infer<typeof PersonElsewhere>;

/**
 * What an officer can do for a resident registered in another village (issue 12): record the
 * keluhan at their own Puskesos (`POST /cases/here-for-resident`), at the Puskesos of the
 * resident's village (`POST /cases/at-resident-village`), or ask that village to transfer the
 * resident's open case (`POST /cases/transfer-requests`), or propose the resident's move (pindah)
 * to the officer's village (`POST /proposals`, type `move` with the NIK).
 */
export const RESIDENT_ELSEWHERE_ACTIONS = ['start_case_here', 'start_case_at_resident_village', 'request_transfer', 'propose_move'] as const;

/**
 * `GET /persons`: by NIK, by KK, or by name (`q`, fuzzy) with the area and birth year to narrow it.
 * At most 100 a page.
 */
export const PersonSearchQuery = z.object({
  nik: z.string().max(32).optional(),
  kk: z.string().max(32).optional(),
  q: z.string().max(200).optional(),
  area: z.string().max(20).optional(),
  birthYear: z.coerce.number().int().min(1880).max(2200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type PersonSearchQuery = z.input<typeof PersonSearchQuery>;
