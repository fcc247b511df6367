import { z } from 'zod';
import { IsoDate } from '../registry/person.ts';

/** Wire shapes of enrollment (who receives what) and its imports. */

export const Enrollment = z.object({
  id: z.uuid(),
  program: z.string(),
  programName: z.string(),
  householdId: z.uuid(),
  personId: z.uuid().nullable(),
  personName: z.string().nullable(),
  period: z.string().nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  sourceType: z.enum(['import', 'officer', 'seed', 'proposal']),
  createdBy: z.string().nullable(),
  endedBy: z.string().nullable(),
});
export type Enrollment = z.infer<typeof Enrollment>;

/** A household's programs: current ones, then the past (history). */
export const HouseholdEnrollments = z.object({
  items: z.array(Enrollment),
  nextCursor: z.string().nullable(),
});
export type HouseholdEnrollments = z.infer<typeof HouseholdEnrollments>;

export const EnrollInput = z.strictObject({
  program: z.string().regex(/^[A-Z][A-Z0-9_]{1,19}$/),
  personId: z.uuid().nullable().default(null),
  startedOn: IsoDate.optional(),
  period: z.string().trim().min(1).max(20).nullable().default(null),
});
export type EnrollInput = z.infer<typeof EnrollInput>;

export const ExitInput = z.strictObject({
  reason: z.string().trim().min(3).max(500),
  endedOn: IsoDate.optional(),
});
export type ExitInput = z.infer<typeof ExitInput>;

/** The form fields beside the file of `POST /programs/:code/enrollment-imports`. */
export const EnrollmentImportFields = z.object({ period: z.string().trim().min(1).max(20), startedOn: IsoDate.optional() });
export type EnrollmentImportFields = z.input<typeof EnrollmentImportFields>;

export const EnrollmentImportStatus = z.object({
  id: z.uuid(),
  program: z.string(),
  period: z.string(),
  fileName: z.string(),
  idColumn: z.enum(['nik', 'kk', 'both']),
  totalRows: z.number().int(),
  enrolled: z.number().int(),
  alreadyEnrolled: z.number().int(),
  errorRows: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type EnrollmentImportStatus = z.infer<typeof EnrollmentImportStatus>;

export const EnrollmentImportError = z.object({
  rowNo: z.number().int(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
  value: z.string().nullable(),
});
export type EnrollmentImportError = z.infer<typeof EnrollmentImportError>;
