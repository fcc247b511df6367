export * from './jaro-winkler.ts';
export * from './person-name.ts';
export * from './comparisons.ts';
export * from './fellegi-sunter.ts';
export * from './blocking.ts';
export * from './link-records.ts';
export * from './linkage-api.ts';
export * from './train.ts';
