import { WardenError } from '../core/index.ts';
import type { ActionContext } from '../iam/action.ts';
import { verifyMfaCode } from '../iam/mfa.ts';
import { ROOT_OWNER } from '../store/port.ts';

/**
 * SerialNumber + TokenCode of AssumeRole and GetSessionToken: the code must be right for an MFA
 * device assigned to the caller (an IAM user, or the root), and is consumed (never accepted twice).
 * Returns the time of authentication, or undefined when no MFA was given.
 */
export async function checkMfa(
  ctx: ActionContext,
  serialNumber: string | undefined,
  tokenCode: string | undefined,
): Promise<Date | undefined> {
  if (serialNumber === undefined && tokenCode === undefined) return undefined;
  if (serialNumber === undefined || tokenCode === undefined) {
    throw new WardenError('AccessDenied', 'MultiFactorAuthentication failed, unable to validate MFA code.');
  }
  const { caller } = ctx;
  const owner = caller.kind === 'root' ? ROOT_OWNER : caller.kind === 'user' ? caller.userId : undefined;
  const now = ctx.clock.now();
  const device = await ctx.store.mfaDevices.get(serialNumber);
  // Only the caller's own device counts; a code is checked (and consumed) only then.
  const result =
    owner !== undefined && device?.assignee === owner
      ? await verifyMfaCode(ctx, serialNumber, tokenCode, now)
      : { ok: false as const };
  if (!result.ok) {
    throw new WardenError(
      'AccessDenied',
      'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
    );
  }
  return now;
}
