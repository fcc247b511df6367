/** The area lookups every domain may use: an area with its parents, the villages of a kabupaten. */
export { getAreaWithParents, villagesOf } from './queries.ts';
