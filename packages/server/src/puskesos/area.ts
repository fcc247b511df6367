import { areaLevel, normalizeAreaCode, type Permission } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { RequestContext } from '../http/context.ts';
import { fieldError, notFound } from '../http/errors.ts';
import { selectArea, type AreaRow } from './queries.ts';

/**
 * The area a kabupaten/kecamatan view is asked for (`?area=`, dotted or not), or the caller's
 * widest area for `permission`. Malformed: 400 naming `area`; unknown or outside the scope: 404.
 */
export async function resolveArea(q: Queryable, ctx: RequestContext, permission: Permission, input: string | undefined): Promise<AreaRow> {
  let code: string | undefined;
  if (input === undefined || input.trim() === '') {
    code = ctx.actor.areasFor(permission).sort((a, b) => a.length - b.length || (a < b ? -1 : 1))[0];
  } else {
    const normalized = normalizeAreaCode(input);
    if (!normalized || !areaLevel(normalized)) throw fieldError('area', 'field.invalid_format');
    code = normalized;
  }
  if (!code || !ctx.actor.coversArea(permission, code)) throw notFound();
  const area = await selectArea(q, code);
  if (!area || area.level === 'province') throw notFound();
  return area;
}
