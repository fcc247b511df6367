import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { t, localeFromAcceptLanguage, issueToMsg, zodIssuesToFields, type FieldMsg, type Locale, type ZodIssueLike } from '@slrt/core';
import type { ZodError } from 'zod';

/** A message to translate at send time: a catalog key and its parameters. */
export type Msg = FieldMsg;

export { zodIssuesToFields };

/** The error codes of the API and their HTTP statuses, in one place. */
const ERROR_STATUS = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  payload_too_large: 413,
  unsupported_media: 415,
  locked: 423,
  rate_limited: 429,
  database_busy: 503,
  internal: 500,
} as const satisfies Record<string, number>;
export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * The one error type services throw. Its message (and each field's) is a catalog key,
 * translated by Accept-Language when sent: `{ error: { code, message, fields? } }`.
 */
/**
 * What a refusal tells the caller about a resident (the village of a resident of another village):
 * recorded in the audit trail like a read when the error is answered (the app's error handler),
 * since the refused transaction's own events are rolled back.
 */
export interface Disclosure {
  action: string;
  recordType: string;
  recordIds: readonly string[];
  purpose: string;
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly msg: Msg;
  readonly fields?: Record<string, Msg>;
  readonly extra?: Record<string, unknown>;
  /** Personal data the answer discloses, audited when it is sent (never rendered). */
  disclosed?: Disclosure;
  constructor(code: ErrorCode, msg: Msg, fields?: Record<string, Msg>, extra?: Record<string, unknown>) {
    super(msg.key);
    this.code = code;
    this.msg = msg;
    if (fields) this.fields = fields;
    if (extra) this.extra = extra;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = () => new AppError('not_found', { key: 'error.not_found' });
export const forbidden = () => new AppError('forbidden', { key: 'error.forbidden' });
export const unauthenticated = () => new AppError('unauthenticated', { key: 'error.unauthenticated' });
export const conflict = (key = 'error.conflict', params?: Msg['params'], extra?: Record<string, unknown>) =>
  new AppError('conflict', { key, ...(params ? { params } : {}) }, undefined, extra);

/** A field-level validation error: `fieldError('nik', 'nik.nik_length')`. */
export function fieldError(field: string, key: string, params: Msg['params'] = {}): AppError {
  return new AppError('validation', { key: 'error.validation' }, { [field]: { key, params: { field, ...params } } });
}
export function fieldErrors(fields: Record<string, Msg>): AppError {
  return new AppError('validation', { key: 'error.validation' }, fields);
}

/**
 * A workflow action that the current status does not allow: 409 listing what is allowed now.
 */
export function invalidTransition(action: string, status: string, allowed: readonly string[]): AppError {
  return new AppError(
    'invalid_transition',
    { key: 'error.transition', params: { action, status, allowed: allowed.join(', ') || '-' } },
    undefined,
    { status, allowedActions: [...allowed] },
  );
}

/** Validates with a zod schema in a service, throwing a field-named 400. */
export function parseOrThrow<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } }, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw fieldErrors(zodIssuesToFields(r.error.issues as unknown as ZodIssueLike[]));
}

function render(locale: Locale, err: AppError) {
  const body: { code: ErrorCode; message: string; fields?: Record<string, string> } & Record<string, unknown> = {
    code: err.code,
    message: t(locale, err.msg.key, err.msg.params),
  };
  if (err.fields) {
    body.fields = Object.fromEntries(Object.entries(err.fields).map(([f, m]) => [f, t(locale, m.key, m.params)]));
  }
  if (err.extra) Object.assign(body, err.extra);
  return { error: body };
}

// busboy's and @fastify/multipart's words for a body that is not a whole multipart form
const MULTIPART_BROKEN = /^(Unexpected end of (form|file|multipart data)|Multipart: Boundary not found|Malformed part header|Malformed urlencoded form)/i;
const MULTIPART_CODES = new Set(['FST_INVALID_MULTIPART_CONTENT_TYPE', 'FST_PROTO_VIOLATION', 'FST_NO_FORM_DATA']);

/** A truncated or boundary-less multipart body: the client's fault, a 400 naming the file. */
function isMalformedMultipart(request: FastifyRequest, error: FastifyError): boolean {
  if (!String(request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/')) return false;
  return MULTIPART_CODES.has(error.code) || MULTIPART_BROKEN.test(error.message);
}

/** Turns anything thrown into the one error shape. 5xx details never reach the client. */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const locale = localeFromAcceptLanguage(request.headers['accept-language']);
  let appError: AppError;
  if (error instanceof AppError) {
    appError = error;
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext;
    const fields: Record<string, Msg> = {};
    for (const v of error.validation) {
      const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
      const field = path || where || 'body';
      if (!fields[field]) {
        fields[field] = issueToMsg({ ...(v.params as object), code: v.keyword, path: [], message: v.message } as ZodIssueLike, field);
      }
    }
    appError = fieldErrors(fields);
  } else if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
    appError = new AppError('internal', { key: 'error.internal' });
  } else {
    const fe = error as FastifyError;
    const status = fe.statusCode ?? 500;
    if (isMalformedMultipart(request, fe)) {
      appError = fieldErrors({ file: { key: 'field.multipart_malformed', params: { field: 'file' } } });
    } else if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE' || status === 413) {
      appError = new AppError('payload_too_large', { key: 'error.payload_too_large' });
    } else if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
      appError = new AppError('unsupported_media', { key: 'error.unsupported_media' });
    } else if (status === 404) {
      appError = notFound();
    } else if (status === 429) {
      appError = new AppError('rate_limited', { key: 'error.rate_limited' });
    } else if (status >= 400 && status < 500) {
      // malformed JSON and the like: the body as a whole is the field
      appError = fieldErrors({ body: { key: 'field.invalid', params: { field: 'body' } } });
    } else {
      request.log.error({ err: error }, 'unhandled error');
      appError = new AppError('internal', { key: 'error.internal' });
    }
  }
  if (appError.status >= 500 && error instanceof AppError) request.log.error({ err: error }, appError.code);
  const retryAfter = appError.extra?.retryAfterSeconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.status(appError.status).send(render(locale, appError));
}
