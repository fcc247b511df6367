import { expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { failureOf } from './outbox-rules.ts';

const error = (status: number, code = 'x') => new ApiError(status, code, 'message');

it('keeps an item waiting when the server was not reached or cannot answer now', () => {
  for (const status of [0, 401, 429, 500, 502, 503, 504]) expect(failureOf(error(status)), String(status)).toBe('later');
});

it('shows a changed record (409, 412) to the officer as a conflict, and a refusal as refused', () => {
  expect(failureOf(error(409, 'conflict'))).toBe('conflict');
  expect(failureOf(error(412))).toBe('conflict');
  for (const status of [400, 403, 404, 422]) expect(failureOf(error(status)), String(status)).toBe('refused');
  expect(failureOf(new TypeError('bad'))).toBe('refused');
});
