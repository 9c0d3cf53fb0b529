import { WardenError } from '../core/index.ts';
import type { Caller } from '../iam/action.ts';
import { invalidToken } from './session-caller.ts';

/**
 * What temporary credentials may not call at all, whatever the policies say (sts-api.md B.4, the
 * User Guide's "Comparing the AWS STS API operations"):
 * - GetSessionToken credentials: no IAM API unless MFA was supplied when they were obtained (AWS
 *   answers InvalidClientTokenId, as reported in SDK issue threads); of STS only AssumeRole and
 *   GetCallerIdentity;
 * - GetFederationToken credentials: no IAM API; of STS only GetCallerIdentity.
 * GetSessionToken and GetFederationToken themselves answer their own verified message for every
 * kind of session, so they pass here.
 */
const OWN_MESSAGE = new Set(['GetSessionToken', 'GetFederationToken']);

export function checkSessionRestrictions(caller: Caller, service: 'iam' | 'sts', action: string): void {
  const session = caller.session;
  if (session === undefined || session.kind === 'assumed-role' || OWN_MESSAGE.has(action)) return;
  if (session.kind === 'session-token') {
    if (service === 'iam' && !session.mfaAuthenticated) throw invalidToken();
    if (service === 'sts' && action !== 'AssumeRole' && action !== 'GetCallerIdentity')
      throw refused(caller, action);
    return;
  }
  if (service === 'iam' || action !== 'GetCallerIdentity') throw refused(caller, `${service}:${action}`);
}

const refused = (caller: Caller, action: string): WardenError =>
  new WardenError(
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: ${action.includes(':') ? action : `sts:${action}`} with session credentials`,
  );
