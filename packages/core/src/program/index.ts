export * from './eligibility-rule.ts';
export * from './evaluate-rule.ts';
export * from './reasons.ts';
export * from './program.ts';
