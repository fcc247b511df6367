/** What other domains may read of the users' storage: a user's display name (a case's assignee). */
export { displayNameOf } from './queries.ts';
