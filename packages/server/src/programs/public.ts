/** What the programs domain lends to others: the ledger's figures for the monthly report. */
export { assistanceOfPeriod } from './assistance-report.ts';
