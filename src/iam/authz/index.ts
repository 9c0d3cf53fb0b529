export { authorize, authorizeAction, permissionOf } from './authorize.ts';
export {
  noPoliciesYet,
  type AuthzRequest,
  type Decide,
  type DecidingKind,
  type Verdict,
} from './decision.ts';
export { deniedMessage } from './denied-message.ts';
