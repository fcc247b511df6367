/** What the programs domain lends to others: the ledger's figures for the monthly report; enrolment and exit by an approved proposal. */
export { assistanceOfPeriod } from './assistance-report.ts';
export { currentEnrollmentIn, enrolByProposal, exitByProposal } from './enrollment-proposals.ts';
export { programEntry, todayFor, type CatalogEntry } from './catalog.ts';
export { screenForProgram } from './screening.ts';
