export { authorize, authorizeAction, permissionOf } from './authorize.ts';
export { decideFor, type AuthzRequest, type Decide } from './decision.ts';
export { evaluationRequest } from './request-context.ts';
