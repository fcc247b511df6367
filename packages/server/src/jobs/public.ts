/** What domains use of the job queue: enqueue a job (its handler is listed in app/background.ts). */
export { enqueueJob, pruneFinishedJobs, type JobRow } from './queries.ts';
