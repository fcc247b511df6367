/**
 * One validation problem of one field as a translatable message: what the server answers in
 * `error.fields` and what the web shows while the officer types, from the same schemas. The
 * `{field}` parameter is the field's path here; the web puts the label the screen shows in
 * its place (an officer never reads `newPerson.nik`).
 */
export interface FieldMsg {
  key: string;
  params?: Record<string, string | number>;
}

/** The parts of a zod issue (or of an ajv-like validation error) that the messages use. */
export type ZodIssueLike = {
  code: string; path: PropertyKey[]; expected?: unknown; minimum?: unknown; maximum?: unknown; values?: unknown[]; keys?: string[];
  input?: unknown; format?: string; message?: string; params?: Record<string, unknown>; origin?: string;
};

/** The string and number parameters a custom refinement passes along (e.g. a NIK's length). */
function customParams(params: Record<string, unknown> | undefined): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params ?? {}).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));
}

/** A schema's own message is a catalog key (`nik.length`, `person.birth_date_future`): no spaces, a dot. */
function isCatalogKey(message: string | undefined): message is string {
  return !!message && message.includes('.') && !message.includes(' ');
}

/** Maps one zod issue to a translatable field message. */
export function issueToMsg(issue: ZodIssueLike, field: string): FieldMsg {
  // a rule that names its own message (a refinement, a regex with a reason) says best what is wrong
  if (isCatalogKey(issue.message)) return { key: issue.message, params: { ...customParams(issue.params), field } };
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === ''
        ? { key: 'field.required', params: { field } }
        : { key: 'field.invalid_type', params: { field, expected: String(issue.expected) } };
    case 'too_small':
      // an empty text where one is needed is a missing answer, not a short one
      return (issue.origin === 'string' && issue.input === '') || (issue.input === undefined && Number(issue.minimum) === 1)
        ? { key: 'field.required', params: { field } }
        : { key: issue.origin === 'string' ? 'field.too_short' : 'field.too_small', params: { field, minimum: String(issue.minimum) } };
    case 'too_big':
      return { key: issue.origin === 'string' ? 'field.too_long' : 'field.too_big', params: { field, maximum: String(issue.maximum) } };
    case 'invalid_value':
      return { key: 'field.invalid_value', params: { field, options: (issue.values ?? []).join(', ') } };
    case 'invalid_format':
      return { key: 'field.invalid_format', params: { field } };
    case 'unrecognized_keys':
      return { key: 'field.unknown', params: { field: (issue.keys ?? []).join(', ') } };
    default:
      return { key: 'field.invalid', params: { field } };
  }
}

/** Every field's first problem, by its dotted path (`needs.0.request`). */
export function zodIssuesToFields(issues: readonly ZodIssueLike[], prefix = ''): Record<string, FieldMsg> {
  const fields: Record<string, FieldMsg> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    const field = prefix && path ? `${prefix}.${path}` : path || prefix || (issue.keys?.join(',') ?? '_');
    if (!fields[field]) fields[field] = issueToMsg(issue, field);
  }
  return fields;
}
