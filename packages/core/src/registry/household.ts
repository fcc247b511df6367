import { z } from 'zod';
import type { CodeListName } from './code-lists.ts';
import { codeOf, codeSetOf } from './code-schema.ts';

/** `YYYY-MM`: month and year of the last receipt of a program. */
const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Expected YYYY-MM.' });

/**
 * Housing and asset indicators of a household (Regsosek 2022 family form, items 301-504).
 * Every field is optional: an absent field is unknown, which is not the same as "none"
 * (an empty `assets` set means the household owns none of them).
 */
export const HouseholdIndicatorFields = z.strictObject({
  tenure: codeOf('tenure').optional(),
  landEvidence: codeOf('land_evidence').optional(),
  floorAreaM2: z.number().positive().max(10_000).optional(),
  floor: codeOf('floor').optional(),
  wall: codeOf('wall').optional(),
  roof: codeOf('roof').optional(),
  water: codeOf('water').optional(),
  lighting: codeOf('lighting').optional(),
  powerVa: codeOf('power_va').optional(),
  cookingFuel: codeOf('cooking_fuel').optional(),
  toilet: codeOf('toilet').optional(),
  disposal: codeOf('disposal').optional(),
  programsReceived: codeSetOf('programs_received').optional(),
  programsLastReceived: z.partialRecord(codeOf('programs_received'), YearMonth).optional(),
  assets: codeSetOf('assets').optional(),
  ownsLand: z.boolean().optional(),
  ownsOtherHouse: z.boolean().optional(),
  livestock: z.partialRecord(codeOf('livestock'), z.number().int().min(0).max(100_000)).optional(),
});

/**
 * The indicators above that hold one code, with the list it comes from, in the form's order:
 * what an eligibility rule may test and the local estimate may score.
 */
export const HOUSEHOLD_CODE_INDICATORS = {
  tenure: 'tenure',
  landEvidence: 'land_evidence',
  floor: 'floor',
  wall: 'wall',
  roof: 'roof',
  water: 'water',
  lighting: 'lighting',
  powerVa: 'power_va',
  cookingFuel: 'cooking_fuel',
  toilet: 'toilet',
  disposal: 'disposal',
} as const satisfies Partial<Record<keyof z.infer<typeof HouseholdIndicatorFields>, CodeListName>>;

/** HouseholdIndicatorFields with the rules that tie fields together. */
export const HouseholdIndicators = HouseholdIndicatorFields.superRefine((h, ctx) => {
  // Installed power (307b) is only asked of a metered PLN connection.
  if (h.powerVa !== undefined && h.lighting !== undefined && h.lighting !== 'pln_metered') {
    ctx.addIssue({ code: 'custom', path: ['powerVa'], message: 'Installed power applies only to metered PLN electricity.' });
  }
  for (const program of Object.keys(h.programsLastReceived ?? {})) {
    if (!h.programsReceived?.includes(program)) {
      ctx.addIssue({ code: 'custom', path: ['programsLastReceived', program], message: 'A last receipt needs the program in programsReceived.' });
    }
  }
});
export type HouseholdIndicators = z.infer<typeof HouseholdIndicators>;
