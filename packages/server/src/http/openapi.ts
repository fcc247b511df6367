import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from './schemas.ts';

/**
 * The OpenAPI document as a partner's developer and an integration reviewer expect it (Redocly's
 * recommended rules, typed clients): every operation with a stable `operationId`, a summary, a
 * tag and its security (session cookie with the CSRF header, or a bearer token; `security: []`
 * on public routes), every response described, downloads typed as binary with their media
 * types, the error envelope once in `components`, nullable enumerations that admit `null`,
 * and `servers` from the deployment's public address.
 */
type Json = Record<string, unknown>;
type RouteLike = { method: string | string[]; url: string; config?: unknown; schema?: unknown };
type Transform = NonNullable<FastifyDynamicSwaggerOptions['transform']>;
type TransformObject = NonNullable<FastifyDynamicSwaggerOptions['transformObject']>;

// The error envelope is a component; every error response references it.
z.globalRegistry.add(ErrorBody, { id: 'Error', description: 'The one error shape: a code, a message in the caller\'s language, and the fields that are wrong.' });

const STATUS_TEXT: Record<string, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted: the work goes on in the background', 204: 'No content',
  400: 'Bad request: a field is missing or invalid (`error.fields` names it)',
  401: 'Not signed in, or the session or token has ended',
  403: 'The caller\'s role may not do this',
  404: 'Not found, or outside the caller\'s area or organization',
  409: 'Conflict with the record\'s current state',
  413: 'The file is too large', 415: 'Unsupported file type', 423: 'Locked', 429: 'Too many requests: wait and try again',
  500: 'Server error', 503: 'Not ready',
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPES = /^application\/(.+\+)?json$/;
const ERROR_REF = { $ref: '#/components/schemas/Error' };

/** `GET /api/v1/referrals/{id}/fhir` -> `getReferralsIdFhir`: stable as long as the route is. */
function operationIdOf(method: string, url: string): string {
  const words = url.replace(/^\/api(\/v1)?/, '').split(/[/_.\-{}:]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** A route's summary: its own, else the first sentence of its description, else made from the path. */
function summaryOf(method: string, url: string, schema: Json): string {
  if (typeof schema.summary === 'string') return schema.summary;
  const description = typeof schema.description === 'string' ? schema.description : '';
  const first = description.split(/(?<=[.:])\s/)[0]?.replace(/[.:]$/, '');
  if (first && first.length <= 120) return first;
  const path = url.replace(/^\/api\/v1\//, '').replace(/\/:\w+/g, '').split('/').join(' ');
  const verb = { GET: 'Read', POST: 'Submit', PUT: 'Replace', PATCH: 'Change', DELETE: 'Delete' }[method] ?? method;
  return `${verb} ${path}`;
}

const BINARY = z.string().meta({ format: 'binary' });
const EVENT_STREAM = z.string().meta({ description: 'Server-sent events' });

export function createOpenApiTransform(): Transform {
  return (input) => {
    const route = input.route as RouteLike;
    const method = [route.method].flat()[0]!.toUpperCase();
    const url = route.url;
    const config = (route.config ?? {}) as { permission?: string; rateLimit?: unknown };
    const source = { ...((input.schema ?? {}) as Json) };
    const produces = Array.isArray(source.produces) ? (source.produces as string[]) : [];
    delete source.produces;

    // Every response in the content form, with its media types and a description.
    const responses: Json = {};
    for (const [code, r] of Object.entries((source.response as Json | undefined) ?? {})) {
      const described = r && typeof r === 'object' && 'content' in r;
      responses[code] = described ? r : { description: STATUS_TEXT[code] ?? 'Answer', content: mediaOf(produces, r) };
    }
    const files = produces.filter((p) => !JSON_TYPES.test(p));
    if (files.length > 0 && !responses[200]) {
      // a download: the body is the file itself, typed as binary so generated clients read bytes
      responses[200] = {
        description: files.includes('text/event-stream') ? 'The event stream' : 'The file',
        content: Object.fromEntries(files.map((p) => [p, { schema: p === 'text/event-stream' ? EVENT_STREAM : BINARY }])),
      };
    }
    const errors = ['400'];
    if (config.permission !== 'public') errors.push('401', '403');
    if (url.includes(':')) errors.push('404');
    if (config.rateLimit) errors.push('429');
    for (const code of errors) responses[code] ??= { description: STATUS_TEXT[code]!, content: { 'application/json': { schema: ErrorBody } } };
    source.response = responses;

    const out = jsonSchemaTransform({ ...input, schema: source as typeof input.schema });
    const schema = { ...(out.schema as Json) };
    schema.operationId ??= operationIdOf(method, url);
    schema.summary = summaryOf(method, url, schema);
    if (!Array.isArray(schema.tags) || schema.tags.length === 0) schema.tags = [url.split('/')[3] ?? 'api'];
    if (config.permission === 'public') schema.security = [];
    else if (!SAFE.has(method)) schema.security = [{ session: [], csrf: [] }, { bearer: [] }];
    return { ...out, schema };
  };
}

/** A response schema under each JSON media type the route produces (application/json by default). */
function mediaOf(produces: readonly string[], schema: unknown): Json {
  const json = produces.filter((p) => JSON_TYPES.test(p));
  return Object.fromEntries((json.length ? json : ['application/json']).map((p) => [p, { schema }]));
}

/** Walks a JSON value, calling `visit` on every object (depth first). */
function walk(value: unknown, visit: (o: Json) => void) {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value && typeof value === 'object') {
    visit(value as Json);
    Object.values(value).forEach((v) => walk(v, visit));
  }
}

export function createOpenApiTransformObject(opts: { serverUrl: () => string }): TransformObject {
  return (input) => {
    const doc = jsonSchemaTransformObject(input) as Json;
    const errorJson = JSON.stringify((doc.components as { schemas?: Json } | undefined)?.schemas?.Error ?? null);
    walk(doc, (o) => {
      // OpenAPI 3.0: a nullable enumeration must list null, or strict validators reject a real null
      if (o.nullable === true && Array.isArray(o.enum) && !o.enum.includes(null)) o.enum = [...o.enum, null];
      // an inline copy of the error envelope becomes a reference to the component
      const content = o.content as Record<string, { schema?: unknown }> | undefined;
      if (content && typeof content === 'object') {
        for (const media of Object.values(content)) {
          if (media?.schema && JSON.stringify(media.schema) === errorJson) media.schema = ERROR_REF;
        }
      }
    });
    // components only one direction of a schema uses (the input copy of an output shape) go
    const schemas = (doc.components as { schemas?: Json } | undefined)?.schemas ?? {};
    const text = JSON.stringify({ ...doc, components: { ...(doc.components as Json), schemas: {} } });
    for (const name of Object.keys(schemas)) if (!text.includes(`"#/components/schemas/${name}"`)) delete schemas[name];
    const security: Array<Record<string, string[]>> = [{ session: [] }, { bearer: [] }];
    return { ...doc, servers: [{ url: opts.serverUrl(), description: 'This deployment' }], security };
  };
}

export function openApiInfo(): FastifyDynamicSwaggerOptions['openapi'] {
  return {
    openapi: '3.0.3',
    info: {
      title: 'SLRT API',
      description: [
        'Sistem Layanan dan Rujukan Terpadu: the one-door social-protection service of a kabupaten/kota.',
        'Sign in with `POST /api/v1/auth/login` (a session cookie; every change then also sends the `X-CSRF-Token` header from the sign-in answer),',
        'or send a bearer token made for a partner system. Errors share one shape (`components.schemas.Error`).',
      ].join(' '),
      version: '1',
      license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
      contact: { name: 'SLRT', url: 'https://github.com/slrt' },
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'slrt_session', description: 'The session cookie set by sign-in.' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'Sent with every change made with a session (from the sign-in answer).' },
        bearer: { type: 'http', scheme: 'bearer', description: 'A token made by an admin for a partner system (`slrt token create`).' },
      },
    },
  };
}
