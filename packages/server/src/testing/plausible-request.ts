import type { RouteEntry } from '../app/app.ts';
import type { OpenApiSampler } from './openapi-sample.ts';
import type { TestClient } from './test-app.ts';

/** Values a schema sample cannot guess (a pattern the handler checks). */
const PLAUSIBLE_BODIES: Record<string, object> = {
  'POST /api/v1/households/:id/enrollments': { program: 'PKH' },
};

/**
 * A request that passes the route's body schema (a sample read from the OpenAPI document, or
 * a small PNG for an upload), so that what answers is the scope check, not validation. For the
 * access matrix and the two-kabupaten test.
 */
export function sendPlausible(sampler: OpenApiSampler, client: TestClient, r: RouteEntry, path: string) {
  // required query parameters (an upload's `kind`) take their sample too
  const required = (sampler.operation(r.method, r.url)?.parameters ?? []).filter((p) => p.in === 'query' && p.required);
  const query = new URLSearchParams(required.map((p): [string, string] => [p.name, String(sampler.sample(p.schema))]));
  const url = required.length ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path;
  if (r.method === 'GET') return client.request(r.method, url);
  const schema = sampler.bodySchema(r.method, r.url);
  const own = PLAUSIBLE_BODIES[`${r.method} ${r.url}`];
  if (schema) return client.request(r.method, url, { ...(sampler.sample(schema, 0, { requiredOnly: true }) as object), ...own });
  // upload routes take multipart (no JSON body schema), as in the fuzz test
  if (/\/(documents|imports|upload|answer)$/.test(r.url)) {
    const boundary = '----slrtmatrix';
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAghMvyQAAAABJRU5ErkJggg==', 'base64');
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
      png, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return client.request(r.method, url, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }
  return client.request(r.method, url, {});
}
