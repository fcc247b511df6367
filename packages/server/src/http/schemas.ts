import { z } from 'zod';
import { ErrorBody } from '@slrt/core';

/** Lists and errors have one wire shape, declared in core (server, web and tests read it). */
export { ErrorBody, listOf, Ok, PageQuery as Cursor } from '@slrt/core';

/** Standard error responses, so each route's OpenAPI lists them. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
} as const;

export const IdParams = z.object({ id: z.uuid() });
