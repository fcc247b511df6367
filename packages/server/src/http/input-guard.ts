import type { FastifyInstance } from 'fastify';
import { fieldErrors, type Msg } from './errors.ts';

/**
 * Text that no field of the system may hold, refused at the edge for every route: a NUL
 * character (PostgreSQL text and jsonb cannot store it) and a lone UTF-16 surrogate (no
 * UTF-8 form; `"\ud800"` is valid JSON). One hook for the body, the query and the path,
 * before the route's own validation, so that a new route is covered without a line of its
 * own; the answer is the usual 400 naming the field.
 */

const MAX_DEPTH = 32;

/** True for text that can be stored and sent back as it came. */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && s.isWellFormed();
}

/** The first field (dotted path) holding text that cannot be stored, or null. */
function badTextField(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path || 'body';
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || Buffer.isBuffer(value)) return null;
  for (const [key, v] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    if (!isStorableText(key)) return field;
    const bad = badTextField(v, field, depth + 1);
    if (bad !== null) return bad;
  }
  return null;
}

export const invalidTextMsg = (field: string): Msg => ({ key: 'field.invalid_text', params: { field } });

export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const field = badTextField(request.params) ?? badTextField(request.query) ?? badTextField(request.body);
    if (field !== null) throw fieldErrors({ [field]: invalidTextMsg(field) });
  });
}
