export * from './types.ts';
export * from './ast.ts';
export { parsePolicy, type ParseResult, POLICY_VERSIONS } from './parse.ts';
export { splitOperator, BASE_OPERATORS, type OperatorName } from './parse-condition.ts';
