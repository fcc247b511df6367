/**
 * What other domains may use of the case's storage besides its service (dependency-cruiser's
 * no-foreign-queries rule): a referral's step moves its need and writes the case's timeline.
 */
export { selectCaseUnscoped, touchCase } from './queries.ts';
export { insertCaseEvent } from './event-queries.ts';
export { lockNeedStatus, updateNeedStatus } from './need-queries.ts';
