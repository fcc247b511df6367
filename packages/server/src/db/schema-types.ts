import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Queryable } from './database.ts';

/**
 * Row types generated from the migrated schema (issue 20 item 3): one interface per table, each
 * column with the type the driver hands back (see type-parsers.ts) and `| null` where the column
 * is nullable. A text column whose CHECK lists its values (`status IN ('open', 'closed')`) gets
 * the union of those values. Query modules derive their row types from these (`Cols<'persons',
 * 'id' | 'nik'>` in rows.ts) instead of declaring them by hand.
 *
 * `npm run db:types` migrates a fresh embedded database and writes the file; schema-types.test.ts
 * (both engines) and `npm run lint` fail when the committed file differs from a fresh generation.
 */

export const SCHEMA_TYPES_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema.generated.ts');

/** Column type (pg_type.typname) -> TypeScript, as type-parsers.ts and the drivers deliver them. */
const SCALARS: Record<string, string> = {
  text: 'string', varchar: 'string', bpchar: 'string', uuid: 'string', name: 'string', inet: 'string', citext: 'string',
  int2: 'number', int4: 'number', int8: 'number', numeric: 'number', float4: 'number', float8: 'number', oid: 'number',
  bool: 'boolean',
  date: 'string',
  timestamptz: 'Date', timestamp: 'Date',
  json: 'unknown', jsonb: 'unknown',
  bytea: 'Uint8Array',
};

/**
 * The shape of a JSON column, where the code relies on one: a claim the database does not check,
 * written here once instead of at every query that reads the column. Others are `unknown`.
 */
const JSON_SHAPES: Record<string, string> = {
  'households.indicators': 'HouseholdIndicators',
  'persons.disability': 'Record<string, string>',
};
/** The types of @slrt/core that JSON_SHAPES names. */
const CORE_TYPES = ['HouseholdIndicators'];

interface ColumnInfo {
  table: string;
  column: string;
  type: string;
  elem: string | null;
  not_null: boolean;
}

/** `CHECK ((col = ANY (ARRAY['a'::text, 'b'::text])))`, the form PostgreSQL gives `col IN ('a', 'b')`. */
const VALUE_LIST = /^CHECK \(\((\w+) = ANY \(ARRAY\[(.+)\]\)\)\)$/;
const LISTED_VALUE = /^'((?:[^']|'')*)'::(?:text|bpchar|character varying)$/;

function listedValues(def: string): { column: string; values: string[] } | null {
  const m = VALUE_LIST.exec(def);
  if (!m) return null;
  const values: string[] = [];
  for (const item of m[2]!.split(', ')) {
    const v = LISTED_VALUE.exec(item);
    if (!v) return null;
    values.push(v[1]!.replaceAll("''", "'"));
  }
  return { column: m[1]!, values };
}

function pascal(name: string): string {
  return name.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function tsType(c: ColumnInfo, listed: string[] | undefined): string {
  const key = `${c.table}.${c.column}`;
  let t: string;
  if (JSON_SHAPES[key]) t = JSON_SHAPES[key];
  else if (listed) t = listed.map((v) => `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`).join(' | ');
  else if (c.elem !== null) {
    const e = SCALARS[c.elem];
    if (!e) throw new Error(`schema-types: no TypeScript type for ${key} (${c.elem}[]); add it to SCALARS`);
    t = `${e}[]`;
  } else {
    const s = SCALARS[c.type];
    if (!s) throw new Error(`schema-types: no TypeScript type for ${key} (${c.type}); add it to SCALARS`);
    t = s;
  }
  return c.not_null || t === 'unknown' ? t : `${t} | null`;
}

/** The text of schema.generated.ts for the schema `q` is connected to (tables of `public`). */
export async function generateSchemaTypes(q: Queryable): Promise<string> {
  const { rows: columns } = await q.query<ColumnInfo>(
    `SELECT c.relname AS table, a.attname AS column, t.typname AS type, e.typname AS elem, a.attnotnull AS not_null
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
  );
  const { rows: checks } = await q.query<{ table: string; def: string }>(
    `SELECT c.relname AS table, pg_get_constraintdef(k.oid) AS def
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT c.relispartition AND k.contype = 'c' AND cardinality(k.conkey) = 1
      ORDER BY c.relname, k.conname`,
  );
  const { rows: version } = await q.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');

  const listed = new Map<string, string[]>();
  for (const k of checks) {
    const l = listedValues(k.def);
    const key = l && `${k.table}.${l.column}`;
    if (l && key && !listed.has(key)) listed.set(key, l.values);
  }

  const tables = new Map<string, ColumnInfo[]>();
  for (const c of columns) tables.set(c.table, [...(tables.get(c.table) ?? []), c]);

  const out: string[] = [
    '// Generated by `npm run db:types` from the schema after migration',
    `// ${String(version[0]?.v ?? 0).padStart(4, '0')} (packages/server/src/db/schema-types.ts). Do not edit: add a migration and regenerate.`,
    '// Types as the driver delivers them (db/type-parsers.ts): bigint and numeric -> number,',
    "// date -> 'YYYY-MM-DD' string, timestamptz -> Date; `| null` where the column is nullable.",
    `import type { ${CORE_TYPES.join(', ')} } from '@slrt/core';`,
    '',
  ];
  for (const [table, cols] of tables) {
    out.push(`interface ${pascal(table)}Row {`);
    for (const c of cols) out.push(`  ${c.column}: ${tsType(c, listed.get(`${table}.${c.column}`))};`);
    out.push('}', '');
  }
  out.push('/** Every table of the schema, by name: `Tables[\'persons\']` is a row of `persons`. */', 'export interface Tables {');
  for (const table of tables.keys()) out.push(`  ${table}: ${pascal(table)}Row;`);
  out.push('}', '');
  return out.join('\n');
}

async function main(check: boolean): Promise<void> {
  const { openPglite } = await import('./pglite.ts');
  const { migrate } = await import('./migrate.ts');
  const db = await openPglite(null);
  try {
    await migrate(db);
    const text = await generateSchemaTypes(db);
    const committed = fs.existsSync(SCHEMA_TYPES_FILE) ? fs.readFileSync(SCHEMA_TYPES_FILE, 'utf8') : '';
    if (check) {
      if (text !== committed) {
        console.error(`${path.relative(process.cwd(), SCHEMA_TYPES_FILE)} is not current with the migrations: run \`npm run db:types\` and commit it`);
        process.exitCode = 1;
      }
    } else if (text !== committed) {
      fs.writeFileSync(SCHEMA_TYPES_FILE, text);
      console.log(`wrote ${path.relative(process.cwd(), SCHEMA_TYPES_FILE)}`);
    }
  } finally {
    await db.close();
  }
}

if (import.meta.main) await main(process.argv.includes('--check'));
