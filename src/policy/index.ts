export * from './types.ts';
export * from './ast.ts';
export { parsePolicy, type ParseResult, POLICY_VERSIONS } from './parse.ts';
export { splitOperator, BASE_OPERATORS, type OperatorName } from './parse-condition.ts';
export { validatePolicy, awsPolicyError, type ValidationResult, type ValidateOptions } from './validate.ts';
export * from './size.ts';
export { principalValues } from './validate-principals.ts';
export { AWS_MESSAGES } from './validate-messages.ts';
