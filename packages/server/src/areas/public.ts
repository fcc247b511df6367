/**
 * The area lookups every domain may use: an area with its parents, the villages of a kabupaten,
 * a kabupaten's name, the kabupaten and kecamatan codes.
 */
export { getAreaWithParents, kabupatenName, regionCodes, villagesOf } from './queries.ts';
