export * from './proposal-state.ts';
export * from './proposal.ts';
export * from './verification.ts';
export * from './round.ts';
export * from './proposal-view.ts';
export * from './submission-layout.ts';
export * from './proposal-fields.ts';
export * from './proposal-requests.ts';
