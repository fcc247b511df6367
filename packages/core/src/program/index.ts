export * from './eligibility-rule.ts';
export * from './evaluate-rule.ts';
export * from './reasons.ts';
export * from './program.ts';
export * from './enrollment.ts';
export * from './assistance.ts';
export * from './targeting.ts';
