import { areaLevel, isWithinArea, normalizeAreaCode, normalizePersonName, type PersonSearchPage } from '@slrt/core';
import { subjectsOf } from '../audit/audit-event.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { fieldError } from '../http/errors.ts';
import { restrictionsForSearch } from '../privacy/service.ts';
import { kabupatenOf } from './persons.ts';
import { listByArea, searchByName, searchByNumber, villageOfNik, type SearchFilter } from './search-queries.ts';
import { toPersonSummary } from './views.ts';

export interface PersonSearchQuery {
  nik?: string | undefined;
  kk?: string | undefined;
  q?: string | undefined;
  /** A kecamatan or village code (dotted or digits); the kabupaten code is allowed and adds nothing. */
  area?: string | undefined;
  birthYear?: number | undefined;
  cursor?: string | undefined;
  limit: number;
}

const encode = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode(cursor: string | undefined, shape: Array<'string' | 'number'>): unknown[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === shape.length && parsed.every((v, i) => typeof v === shape[i])) {
      const id = parsed.at(-1);
      if (typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) return parsed;
    }
  } catch {
    // falls through to the field error
  }
  throw fieldError('cursor', 'field.invalid');
}

/**
 * Person search, scoped to the caller's area for registry.read: exact NIK, exact KK, name
 * (typo-tolerant, ranked), or everyone of an area. Lists mask NIK and KK. Every returned
 * person is recorded in one audit event for the request.
 */
export async function searchPersons(deps: Deps, ctx: RequestContext, query: PersonSearchQuery): Promise<PersonSearchPage> {
  const kabupaten = kabupatenOf(ctx);
  const filter: SearchFilter = { kabCode: ctx.actor.kabCode, birthYear: query.birthYear };
  if (query.area !== undefined) {
    const code = normalizeAreaCode(query.area);
    const level = code ? areaLevel(code) : null;
    if (!code || !level || level === 'province' || !isWithinArea(code, kabupaten)) throw fieldError('area', 'registry.area_invalid');
    if (level === 'kecamatan' || level === 'village') filter.area = { level, code };
  }

  let result: PersonSearchPage;
  let mode: string;
  if (query.nik !== undefined || query.kk !== undefined) {
    const column = query.nik !== undefined ? 'nik' : 'kk';
    const value = (query.nik ?? query.kk ?? '').trim();
    if (!/^\d{16}$/.test(value)) throw fieldError(column, `${column}.length`, { length: value.length });
    const after = decode(query.cursor, ['string']);
    const rows = await searchByNumber(deps.db, ctx.actor, filter, column, value, { limit: query.limit, afterId: after?.[0] as string | undefined });
    const page = rows.slice(0, query.limit);
    result = { items: page.map(toPersonSummary), nextCursor: rows.length > query.limit && page.length ? encode([page.at(-1)!.id]) : null };
    mode = column;
    if (column === 'nik' && page.length === 0 && !filter.area) {
      // issue 12: a resident registered in another village is not a dead end; say where (the village's name, nothing else)
      const other = await villageOfNik(deps.db, ctx.actor.kabCode, value);
      if (other && !ctx.actor.coversArea('registry.read', other.code)) result.elsewhere = { villageCode: other.code, villageName: other.name };
    }
  } else if (query.q !== undefined) {
    const q = normalizePersonName(query.q);
    if (q.replace(/ /g, '').length < 3) throw fieldError('q', 'registry.query_too_short');
    const after = decode(query.cursor, ['number', 'string']);
    // kabupaten-wide, a name search reads the replica when there is one; within a kecamatan or
    // a village (the office's own, where a resident was just registered) the primary
    const rows = await searchByName(filter.area ? deps.db : deps.replica, ctx.actor, filter, q, {
      limit: query.limit, after: after ? { score: after[0] as number, id: after[1] as string } : undefined,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    result = {
      items: page.map((p) => ({ ...toPersonSummary(p), score: p.score })),
      nextCursor: rows.length > query.limit && last ? encode([last.score, last.id]) : null,
    };
    mode = 'name';
  } else if (filter.area !== undefined) {
    const after = decode(query.cursor, ['string', 'string']);
    const rows = await listByArea(deps.db, ctx.actor, filter, { limit: query.limit, after: after ? { name: after[0] as string, id: after[1] as string } : undefined });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    result = { items: page.map(toPersonSummary), nextCursor: rows.length > query.limit && last ? encode([last.nameNorm, last.id]) : null };
    mode = 'area';
  } else {
    throw fieldError('q', 'registry.search_needs_criterion');
  }

  // A restricted person (UU 27/2022 art. 41) is left out, except for the officers holding their
  // case, who see why. The page may come out shorter; its cursor stays valid.
  const restricted = await restrictionsForSearch(deps, ctx, result.items.map((p) => p.id));
  if (restricted.hidden.size > 0 || restricted.reasons.size > 0) {
    result = {
      ...result,
      items: result.items.filter((p) => !restricted.hidden.has(p.id)).map((p) => {
        const reason = restricted.reasons.get(p.id);
        return reason === undefined ? p : { ...p, restrictionReason: reason };
      }),
    };
  }

  await ctx.auditRead({
    action: 'person.search', recordType: 'person', recordIds: result.items.map((p) => p.id), purpose: 'registry.search',
    details: {
      mode, count: result.items.length, ...(result.elsewhere ? { elsewhere: result.elsewhere.villageCode } : {}), ...(filter.area ? { area: filter.area.code } : {}), ...(query.birthYear ? { birthYear: query.birthYear } : {}),
      ...subjectsOf(result.items.map((p) => ({ personId: p.id, householdId: p.householdId }))),
    },
  });
  return result;
}
