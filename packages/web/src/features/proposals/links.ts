// Where the registry's pages live (its feature owns the paths), and where a proposal's page is.
export { householdPath, personPath } from '../registry/registry-api.ts';

export const proposalPath = (id: string) => `/usulan/${encodeURIComponent(id)}`;
