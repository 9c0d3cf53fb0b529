/** AWS's texts for authentication failures (spec §4.3), in one place. */
import { WardenError } from '../../core/index.ts';

export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export const missingAuthentication = (): WardenError =>
  new WardenError('MissingAuthenticationToken', 'Request is missing Authentication Token');

export const invalidClientTokenId = (): WardenError =>
  new WardenError('InvalidClientTokenId', 'The security token included in the request is invalid.');

export const signatureMismatch = (message = SIGNATURE_MISMATCH): WardenError =>
  new WardenError('SignatureDoesNotMatch', message);

export const incomplete = (message: string): WardenError => new WardenError('IncompleteSignature', message);

/** `20220127T001427Z`, the basic ISO-8601 form AWS prints in skew messages. */
export const basicIso = (date: Date): string => date.toISOString().replace(/[-:]|\.\d{3}/g, '');

export function signatureExpired(signedAt: Date, earliest: Date, now: Date, minutes: number): WardenError {
  return signatureMismatch(
    `Signature expired: ${basicIso(signedAt)} is now earlier than ${basicIso(earliest)} (${basicIso(now)} - ${minutes} min.)`,
  );
}

export function signatureNotYetCurrent(
  signedAt: Date,
  latest: Date,
  now: Date,
  minutes: number,
): WardenError {
  return signatureMismatch(
    `Signature not yet current: ${basicIso(signedAt)} is still later than ${basicIso(latest)} (${basicIso(now)} + ${minutes} min.)`,
  );
}
