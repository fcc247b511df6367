/** What other domains may read of the directory's storage: a service, and services by sector and area. */
export { getService, listServices } from './service-queries.ts';
