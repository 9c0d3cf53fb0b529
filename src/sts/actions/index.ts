/** Every STS action, one line each; the registry is built from this list and nothing else. */
export { AssumeRole } from './assume-role.ts';
export { DecodeAuthorizationMessage } from './decode-authorization-message.ts';
export { GetAccessKeyInfo } from './get-access-key-info.ts';
export { GetCallerIdentity } from './get-caller-identity.ts';
export { GetFederationToken } from './get-federation-token.ts';
export { GetSessionToken } from './get-session-token.ts';
