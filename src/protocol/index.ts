/** The AWS Query wire (IAM 2010-05-08, STS 2011-06-15): form decoding, XML rendering, SigV4. */
export { type ServiceName, hasOperation, serviceOfAction, apiVersion, isUnsignedOperation } from './model.ts';
export { decodeInput } from './decode-input.ts';
export { renderResult } from './render-result.ts';
export { renderError, type WireError } from './render-error.ts';
export {
  type SignedRequest,
  type VerifiedRequest,
  type SecretLookup,
  type SigV4Verifier,
  type VerifyOptions,
  hasAuthentication,
  verifySignature,
  createSigV4Verifier,
} from './sigv4/verify.ts';
export {
  type SigningCredentials,
  type SignInput,
  type PresignInput,
  signRequest,
  presignUrl,
} from './sigv4/sign.ts';
