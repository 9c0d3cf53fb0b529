export * from './errors.ts';
export * from './arn.ts';
export * from './clock.ts';
export * from './ids.ts';
export * from './access-key-ids.ts';
