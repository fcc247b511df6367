/** The letter record as other domains receive it from the letters service (a case's letters). */
export type { LetterRow } from './queries.ts';
