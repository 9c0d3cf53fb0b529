export { AccessDeniedError, authorize, authorizeAction, permissionOf } from './authorize.ts';
export { decodeDenial, encodeDenial, ENCODED_MESSAGE_LABEL, type Denial } from './authorization-message.ts';
export { authorizerOf, catalogDocuments, decideFor, decidePrincipal, type Decide } from './decision.ts';
export { Authorizer, type AuthorizerOptions, type CompiledPrincipal } from './authorizer.ts';
export * from './condition-keys.ts';
export type { PrincipalPolicies, SourcedPolicy, SourcePolicyType, PrincipalFacts } from './gather.ts';
export { evaluationRequest, type AuthzRequest } from './request-context.ts';
