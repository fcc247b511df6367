/** The area lookups every domain may use: an area with its parents, the villages of a kabupaten, a kabupaten's name. */
export { getAreaWithParents, kabupatenName, villagesOf } from './queries.ts';
