/**
 * What other domains may use of the case's storage besides its service (dependency-cruiser's
 * no-foreign-queries rule): a referral's step moves its need and writes the case's timeline.
 */
export { insertCaseEvent, selectCaseUnscoped, updateNeedStatus } from './queries.ts';
