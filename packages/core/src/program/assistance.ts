import { z } from 'zod';
import { IsoDate } from '../registry/person.ts';
import { ProgramCode } from './program.ts';
import { ShownCountValue } from '../stats/shown-count.ts';

/** Wire shapes of the assistance ledger: deliveries, the duplicate warning, totals. */

export const ASSISTANCE_CATEGORIES = ['food', 'cash', 'health', 'education', 'housing', 'disability_aid', 'business_capital', 'other'] as const;
export const FUNDING_SOURCES = ['apbn', 'apbd_province', 'apbd_kabupaten', 'dana_desa', 'csr', 'baznas_zakat', 'community', 'other'] as const;
export const ASSISTANCE_FORMS = ['cash', 'goods', 'service'] as const;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const AssistanceInput = z.strictObject({
  /** The receiving household; for a partner, taken from the referral instead. */
  householdId: z.uuid().nullable().default(null),
  personId: z.uuid().nullable().default(null),
  referralId: z.uuid().nullable().default(null),
  caseId: z.uuid().nullable().default(null),
  program: ProgramCode.nullable().default(null),
  category: z.enum(ASSISTANCE_CATEGORIES),
  form: z.enum(ASSISTANCE_FORMS),
  item: Text(200).nullable().default(null),
  quantity: z.number().positive().max(1_000_000).nullable().default(null),
  unit: Text(30).nullable().default(null),
  valueIdr: z.number().int().min(0).max(10_000_000_000).nullable().default(null),
  fundingSource: z.enum(FUNDING_SOURCES),
  deliveredOn: IsoDate,
  note: Text(1000).nullable().default(null),
});
export type AssistanceInput = z.infer<typeof AssistanceInput>;

export const AssistanceDelivery = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  villageCode: z.string(),
  personId: z.uuid().nullable(),
  personName: z.string().nullable(),
  program: z.string().nullable(),
  organizationName: z.string().nullable(),
  category: z.enum(ASSISTANCE_CATEGORIES),
  form: z.enum(ASSISTANCE_FORMS),
  item: z.string().nullable(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
  valueIdr: z.number().nullable(),
  fundingSource: z.enum(FUNDING_SOURCES),
  deliveredOn: z.string(),
  period: z.string(),
  referralId: z.uuid().nullable(),
  caseId: z.uuid().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  createdAt: z.string(),
});
export type AssistanceDelivery = z.infer<typeof AssistanceDelivery>;

/** The same household received the same kind of assistance from another source in the period. */
export const DuplicateAssistanceWarning = z.object({
  code: z.literal('duplicate_assistance'),
  message: z.string(),
  others: z.array(z.object({
    id: z.uuid(), fundingSource: z.string(), program: z.string().nullable(), organizationName: z.string().nullable(), deliveredOn: z.string(),
  })),
});
export type DuplicateAssistanceWarning = z.infer<typeof DuplicateAssistanceWarning>;

/** What recording a delivery would warn about, asked before saving it. */
export const AssistanceCheck = z.object({ warnings: z.array(DuplicateAssistanceWarning) });
export type AssistanceCheck = z.infer<typeof AssistanceCheck>;

export const AssistanceRecorded = z.object({ delivery: AssistanceDelivery, warnings: z.array(DuplicateAssistanceWarning) });
export type AssistanceRecorded = z.infer<typeof AssistanceRecorded>;

const PeriodCode = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Expected YYYY-MM.' });
export const AssistanceTotalsQuery = z.object({ area: z.string().max(20).optional(), from: PeriodCode.optional(), to: PeriodCode.optional() });

const TotalRow = z.object({ key: z.string(), label: z.string(), count: ShownCountValue, households: ShownCountValue, valueIdr: z.number() });
export const AssistanceTotals = z.object({
  area: z.object({ code: z.string(), name: z.string() }),
  from: z.string().nullable(),
  to: z.string().nullable(),
  total: TotalRow,
  bySource: z.array(TotalRow),
  byProgram: z.array(TotalRow),
  byArea: z.array(TotalRow),
  byPeriod: z.array(TotalRow),
  duplicates: ShownCountValue,
  /** True when small counts are suppressed (readers without personal-data access). */
  suppressed: z.boolean(),
});
export type AssistanceTotals = z.infer<typeof AssistanceTotals>;
