import type { Tables } from './schema.generated.ts';

/**
 * Row types for query modules, derived from the generated schema types (schema.generated.ts,
 * `npm run db:types`) rather than declared by hand: a column renamed or retyped by a migration
 * then fails the typecheck at every query that reads it.
 *
 *   Cols<'persons', 'id' | 'nik'>                        SELECT p.id, p.nik FROM persons p
 *   Cols<'persons', 'id'> & Joined<Cols<'areas', 'name'>> ... LEFT JOIN areas ...
 *   Cols<'cases', 'id'> & { village_name: Col<'areas', 'name'> }   v.name AS village_name
 */

/** A count computed in the query (`SELECT count(*)::int AS n`): no table to take its type from. */
export interface Count { n: number }

/** A truth computed in the query (`SELECT EXISTS (...) AS ok`). */
export interface Exists { ok: boolean }

/** A whole row of table `T`. */
export type Row<T extends keyof Tables> = Tables[T];

/** The columns `K` of table `T`. */
export type Cols<T extends keyof Tables, K extends keyof Tables[T]> = Pick<Tables[T], K>;

/** The type of column `K` of table `T` (for a column read under another name). */
export type Col<T extends keyof Tables, K extends keyof Tables[T]> = Tables[T][K];

/** `R` with the columns `K` not null: the query's WHERE (`nik = ANY($1)`) or an inner join rules the null out. */
export type NotNull<R, K extends keyof R> = Omit<R, K> & { [P in K]: NonNullable<R[P]> };

/** The names read beside a row of a village (`JOIN areas v ON v.code = x.village_code JOIN areas k ON k.code = v.parent_code`). */
export interface VillageNames { village_name: Col<'areas', 'name'>; kecamatan_code: Col<'areas', 'code'>; kecamatan_name: Col<'areas', 'name'> }

/** Columns read through an outer join: each may be null. */
export type Joined<R> = { [K in keyof R]: R[K] | null };

type CamelKey<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelKey<T>>}` : S;

/** A row with its keys in camelCase (`full_name` -> `fullName`): a record as the service hands it around. */
export type Camel<R> = { [K in keyof R as K extends string ? CamelKey<K> : K]: R[K] };

/**
 * `R` with the columns of `O` retyped: the shape of a JSON column where the code relies on one (the
 * database does not check it; shapes from @slrt/core may go in JSON_SHAPES in schema-types.ts).
 */
export type With<R, O> = Omit<R, keyof O> & O;

/** Columns read inside a JSON value (`json_agg`, `json_build_object`): a timestamptz arrives as its ISO text. */
export type InJson<R> = { [K in keyof R]: R[K] extends Date ? string : Date extends R[K] ? Exclude<R[K], Date> | string : R[K] };
