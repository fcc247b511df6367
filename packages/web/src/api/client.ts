import { DEFAULT_LOCALE } from '@slrt/core';
import type { Locale } from '@slrt/core';
import { translate } from '../i18n/catalog.ts';

export const API_BASE = '/api/v1';

/**
 * A failed API call. `message` is already in the UI language (the server localizes by
 * Accept-Language; network failures are localized here). `fields` maps a field path
 * (`username`, `roles.0.areaCode`) to its message.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Readonly<Record<string, string>>;
  /** What else the error answer carried (a 409's `personId`, `elsewhere`): the outbox shows it beside what was typed. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

/** A page of a list, as every list endpoint answers. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

interface ClientState {
  csrfToken: string | null;
  locale: Locale;
  onUnauthorized: (() => void) | null;
}

const state: ClientState = { csrfToken: null, locale: DEFAULT_LOCALE, onUnauthorized: null };

/** Set by the session (CSRF token, what to do when the session ends) and the locale provider. */
export function configureApi(options: Partial<ClientState>): void {
  Object.assign(state, options);
}

/** What the web needs of a core schema to read a value through it (zod's `safeParse`). */
interface FieldSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/**
 * A URL parameter read through the core schema of the query field it feeds
 * (`queryField(CaseListQuery.shape.sector, useSearchParam('sektor'))`): its value when the schema
 * takes it, else `undefined`, so the query sent is one the server's schema accepts.
 */
export function queryField<T>(schema: FieldSchema<T>, value: string | null | undefined): T | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface RequestOptions {
  query?: Query;
  /** Sent as JSON, or as multipart when a `FormData` (a file upload). */
  body?: unknown;
  signal?: AbortSignal;
  /** An `Idempotency-Key`: a resend with the same key is applied once (the outbox's steps). */
  idempotencyKey?: string;
  /** `Accept: application/json`; a download (CSV, PDF) leaves it out. */
  json?: boolean;
}

/** Normalizes `roles[0].areaCode` and `roles/0/areaCode` to `roles.0.areaCode`. */
function normalizeFieldPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\//, '').replace(/\//g, '.');
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page): fall through to the generic message.
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const fields: Record<string, string> = {};
    if (error.fields && typeof error.fields === 'object') {
      for (const [key, value] of Object.entries(error.fields as Record<string, unknown>)) {
        if (typeof value === 'string') fields[normalizeFieldPath(key)] = value;
      }
    }
    const { code, message, fields: _fields, ...details } = error as Record<string, unknown>;
    return new ApiError(response.status, code as string, message as string, fields, details);
  }
  return new ApiError(
    response.status,
    `http_${response.status}`,
    translate(state.locale, 'common', 'error.unexpected', { status: response.status }),
  );
}

/**
 * Sends one request: session cookie, `Accept-Language`, and on every non-GET request the
 * `X-CSRF-Token` header. Resolves with the response once it is a success; rejects with
 * `ApiError` (an abort is passed on as it is). A 401 on anything but the auth endpoints means
 * the session ended.
 */
async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': state.locale };
  if (options.json) headers.Accept = 'application/json';
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', translate(state.locale, 'common', 'error.network'));
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !path.startsWith('/auth/')) state.onUnauthorized?.();
    throw error;
  }
  return response;
}

/** Calls the API with JSON both ways; resolves with the JSON body (undefined for 204). */
async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, { ...options, json: true });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, idempotencyKey?: string) => apiRequest<T>('POST', path, { body: body ?? {}, idempotencyKey }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, { body }),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};

/**
 * For what is not JSON both ways: a file upload (`FormData` body, sent as multipart) or a
 * download (CSV, PDF). Same cookie, language, CSRF token and error handling as `api`;
 * resolves with the response for the caller to read (`.json()`, `.blob()`).
 */
export function apiFetch(method: Method, path: string, options: { query?: Query; body?: FormData | object } = {}): Promise<Response> {
  return send(method, path, options);
}

/** Bytes sent of an upload, as the browser reports them. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions {
  onProgress?: (p: UploadProgress) => void;
  signal?: AbortSignal;
}

/**
 * Posts one file as multipart `file` with the same cookie, language, CSRF token and errors as
 * `apiFetch`, reporting the bytes sent. XMLHttpRequest, not fetch: Chromium reports no upload
 * progress for fetch, and a streamed request body (to count bytes ourselves) needs HTTP/2, which
 * the server does not speak. Rejects with an `AbortError` when `signal` aborts.
 */
export function apiUpload<T>(path: string, query: Query, file: Blob, fileName: string, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const { signal } = options;
    if (signal?.aborted) return reject(new DOMException('Upload aborted', 'AbortError'));
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    xhr.open('POST', buildUrl(path, query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', state.locale);
    if (state.csrfToken) xhr.setRequestHeader('X-CSRF-Token', state.csrfToken);
    xhr.upload.onprogress = (e) => options.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    xhr.onerror = () => reject(new ApiError(0, 'network', translate(state.locale, 'common', 'error.network')));
    xhr.onload = () => {
      signal?.removeEventListener('abort', onAbort);
      const response = new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' } });
      if (xhr.status >= 200 && xhr.status < 300) {
        response.json().then((body) => resolve(body as T), reject);
        return;
      }
      if (xhr.status === 401) state.onUnauthorized?.();
      toApiError(response).then(reject, reject);
    };
    const form = new FormData();
    form.append('file', file, fileName);
    xhr.send(form);
  });
}

/** Follows `nextCursor` to the end (for short lists such as a kecamatan's villages). */
export async function fetchAll<T>(path: string, query?: Query, signal?: AbortSignal, maxPages = 50): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const result: Page<T> = await api.get<Page<T>>(path, { ...query, cursor }, signal);
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return translate(state.locale, 'common', 'error.unexpected', { status: '?' });
}
