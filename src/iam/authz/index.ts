export { authorize, authorizeAction, permissionOf } from './authorize.ts';
export { decideFor, type Decide } from './decision.ts';
export { evaluationRequest, type AuthzRequest } from './request-context.ts';
