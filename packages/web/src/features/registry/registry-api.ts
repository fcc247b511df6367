/**
 * The registry's pages: their paths. The API's JSON shapes are core's response schemas
 * (`PersonSummary`, `PersonView`, `HouseholdView`, ... in `@slrt/core`), the same the server answers with.
 */

export const householdPath = (id: string) => `/registri/rumah-tangga/${encodeURIComponent(id)}`;
export const personPath = (id: string) => `/registri/orang/${encodeURIComponent(id)}`;
