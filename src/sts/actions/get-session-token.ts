import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../../iam/action.ts';
import { ROOT_OWNER } from '../../store/port.ts';
import { issueSession, type WireCredentials } from '../issue.ts';
import { checkMfa } from '../mfa-check.ts';

export interface GetSessionTokenInput {
  readonly DurationSeconds?: number;
  readonly SerialNumber?: string;
  readonly TokenCode?: string;
}

/** IAM users: 12 hours by default (up to 36, the model's range); the root: at most one hour. */
const USER_DEFAULT_SECONDS = 43_200;
const ROOT_MAX_SECONDS = 3600;

/**
 * Temporary credentials for the caller itself (sts-api.md C.2): needs no permission, only
 * long-term keys. With SerialNumber and TokenCode the session is MFA-authenticated
 * (aws:MultiFactorAuthPresent true, aws:MultiFactorAuthAge counting from now); without, it may not
 * call IAM. The root's sessions are cut to an hour, silently, as AWS documents.
 */
export const GetSessionToken: ActionDefinition<GetSessionTokenInput, { Credentials: WireCredentials }> = {
  service: 'sts',
  name: 'GetSessionToken',
  resource: null,
  async run(input, ctx) {
    const { caller } = ctx;
    if (caller.session !== undefined) {
      throw new WardenError('AccessDenied', 'Cannot call GetSessionToken with session credentials');
    }
    if (caller.kind !== 'root' && caller.kind !== 'user')
      throw new Error('a caller without a session is a root or a user');
    const mfaTime = await checkMfa(ctx, input.SerialNumber, input.TokenCode);
    const duration =
      caller.kind === 'root'
        ? Math.min(input.DurationSeconds ?? ROOT_MAX_SECONDS, ROOT_MAX_SECONDS)
        : (input.DurationSeconds ?? USER_DEFAULT_SECONDS);
    const Credentials = await issueSession(
      ctx,
      {
        kind: 'session-token',
        principalId: caller.kind === 'root' ? ROOT_OWNER : caller.userId,
        policyArns: [],
        tags: [],
        transitiveTagKeys: [],
        mfaAuthenticated: mfaTime !== undefined,
        ...(mfaTime === undefined ? {} : { mfaAuthTime: mfaTime }),
      },
      duration,
    );
    return { Credentials };
  },
};
