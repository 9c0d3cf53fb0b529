export * from './types.ts';
export * from './ast.ts';
export { parsePolicy, type ParseResult, POLICY_VERSIONS } from './parse.ts';
export { splitOperator, BASE_OPERATORS, type OperatorName } from './parse-condition.ts';
export { validatePolicy, awsPolicyError, type ValidationResult, type ValidateOptions } from './validate.ts';
export * from './size.ts';
export { principalValues } from './validate-principals.ts';
export { AWS_MESSAGES } from './validate-messages.ts';
export { compilePolicy, compilePolicyText, type CompiledPolicy, type CompileResult } from './compile.ts';
export { evaluate, type EvaluateOptions } from './evaluate.ts';
export { OPERATORS, OPERATOR_NAMES, parseOperatorName, type OperatorEntry } from './conditions/registry.ts';
export { compileGlob, matchGlob, type Glob } from './match-glob.ts';
export { compileArnPattern, matchArn, type ArnPattern } from './match-arn.ts';
export { accessDeniedMessage } from './access-denied.ts';
export { lintPolicy, checkPolicy } from './lint.ts';
export { catalogFromData, type PolicyCatalog, type CatalogData, type ServiceData } from './catalog.ts';
export {
  iamDataCatalogSource,
  servicesMentioned,
  type CatalogSource,
  type IamDataApi,
} from './catalog-iam-data.ts';
export type { ConditionKeyData, ConditionKeyType } from './catalog.ts';
export {
  ERROR_CODES,
  WARNING_CODES,
  type ErrorDiagnosticCode,
  type WarningDiagnosticCode,
} from './validate-codes.ts';
export { mergePolicies } from './compile-merge.ts';
export { PolicyCache, type PolicyCacheOptions } from './compile-cache.ts';
