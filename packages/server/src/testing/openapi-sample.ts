import type { FastifyInstance } from 'fastify';

/**
 * Plausible request bodies read from the OpenAPI document the route schemas produce: the fuzz
 * test changes one field at a time from them, and the access matrix sends them so that an
 * outsider's request passes the body schema and meets the scope check.
 */
export type Schema = {
  type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; const?: unknown; format?: string;
  anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; $ref?: string; minLength?: number; minimum?: number; required?: string[]; default?: unknown;
};
export type Operation = { parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Schema }>; requestBody?: { content?: Record<string, { schema?: Schema }> } };
type OpenApiDoc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

export const FAKE_ID = '01900000-0000-7000-8000-000000000000';

export class OpenApiSampler {
  private readonly doc: OpenApiDoc;
  private readonly components: Record<string, Schema>;
  constructor(app: FastifyInstance) {
    this.doc = app.swagger() as OpenApiDoc;
    this.components = this.doc.components?.schemas ?? {};
  }

  /** The operation of a route as registered (`/api/v1/cases/:id`). */
  operation(method: string, url: string): Operation | undefined {
    return this.doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
  }

  /** The JSON body schema of a route, if it takes one. */
  bodySchema(method: string, url: string): Schema | undefined {
    return this.operation(method, url)?.requestBody?.content?.['application/json']?.schema;
  }

  resolve(s: Schema | undefined): Schema {
    if (!s) return {};
    if (s.$ref) return this.resolve(this.components[s.$ref.split('/').at(-1)!]);
    if (s.allOf?.length === 1) return this.resolve(s.allOf[0]);
    const alt = s.anyOf ?? s.oneOf;
    if (alt) return this.resolve(alt.find((a) => this.resolve(a).type !== 'null') ?? alt[0]);
    return s;
  }

  typeOf(s: Schema): string {
    return [s.type ?? (s.properties ? 'object' : 'string')].flat().find((x) => x !== 'null') ?? 'string';
  }

  /**
   * A plausible value of the schema: ids are FAKE_ID, dates in 2020, text of the minimum
   * length; with `requiredOnly`, optional properties are left out (their defaults apply).
   */
  sample(raw: Schema | undefined, depth = 0, opts: { requiredOnly?: boolean } = {}): unknown {
    const s = this.resolve(raw);
    if (s.const !== undefined) return s.const;
    if (s.enum?.length) return s.enum[0];
    if (s.default !== undefined) return s.default;
    switch (this.typeOf(s)) {
      case 'object':
        return depth > 4 ? {} : Object.fromEntries(Object.entries(s.properties ?? {})
          .filter(([k]) => !opts.requiredOnly || (s.required ?? []).includes(k))
          .map(([k, v]) => [k, this.sample(v, depth + 1, opts)]));
      case 'array':
        return depth > 4 ? [] : [this.sample(s.items, depth + 1, opts)];
      case 'integer':
      case 'number':
        return s.minimum ?? 1;
      case 'boolean':
        return true;
      default:
        if (s.format === 'uuid') return FAKE_ID;
        if (s.format === 'date') return '2020-01-01';
        if (s.format === 'date-time') return '2020-01-01T00:00:00.000Z';
        return 'x'.repeat(Math.max(3, s.minLength ?? 0));
    }
  }
}
