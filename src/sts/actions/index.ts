/** Every STS action, one line each; the registry is built from this list and nothing else. */
export { GetCallerIdentity } from './get-caller-identity.ts';
