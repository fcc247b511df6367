import { z } from 'zod';
import { listOf } from '../wire.ts';
import type { AreaLevel } from './area-code.ts';

const Level = z.enum(['province', 'kabupaten', 'kecamatan', 'village'] as const satisfies readonly AreaLevel[]);

/** `GET /areas?parent=`: the areas directly under `parent` (the provinces when it is left out), by code. */
export const AreaListQuery = z.object({
  parent: z.string().max(20).optional(),
  q: z.string().max(100).optional(),
  cursor: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type AreaListQuery = z.input<typeof AreaListQuery>;

/** An area in a list. */
export const AreaItem = z.object({ code: z.string(), name: z.string(), level: Level, parentCode: z.string().nullable() });
export type AreaItem = z.infer<typeof AreaItem>;

export const AreaPage = listOf(AreaItem);
export type AreaPage = z.infer<typeof AreaPage>;

/** `GET /areas/:code`: one area with its ancestors, the province first. */
export const AreaDetail = AreaItem.extend({ parents: z.array(z.object({ code: z.string(), name: z.string(), level: Level })) });
export type AreaDetail = z.infer<typeof AreaDetail>;
