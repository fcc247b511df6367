import { z } from 'zod';
import type { Locale } from './i18n/locale.ts';

/** The shape of every list: `{ items, nextCursor }`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** The query of a page of a list: `cursor` from the last answer's `nextCursor`, `limit` at most 200. */
export const PageQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

/** The query of an aggregate over an area: `area`, a code inside the caller's scope (default: the caller's own). */
export const AreaQuery = z.object({ area: z.string().max(20).optional() });
export type AreaQuery = z.input<typeof AreaQuery>;

/** A `lang` query parameter: the language of a file made for people (a link cannot send Accept-Language). */
export const LangParam = z.enum(['id', 'en'] as const satisfies readonly Locale[]);

/** The file format of an export: CSV (RFC 4180 with BOM) or XLSX. */
export const ExportFormat = z.enum(['csv', 'xlsx']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The one error shape of the API: `{ error: { code, message, fields? } }`. */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }).loose(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A 202 answer: the id of the job the request queued (an import, a duplicate run). */
export const AcceptedJob = z.object({ id: z.uuid() });
export type AcceptedJob = z.infer<typeof AcceptedJob>;

/** The answer of an action that has nothing else to say (`{ ok: true }`). */
export const Ok = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof Ok>;
