import { WardenError } from '../../core/index.ts';
import type { ActionDefinition } from '../../iam/action.ts';
import { authorize, decideFor, requestTagKeys } from '../../iam/authz/index.ts';
import type { WireTag } from '../../iam/tags.ts';
import { ROOT_OWNER } from '../../store/port.ts';
import { issueSession, type WireCredentials } from '../issue.ts';
import { federatedUserArn } from '../session-caller.ts';
import {
  checkPackedSize,
  checkPolicyArns,
  checkSessionPolicy,
  checkSessionTags,
  packedPolicySize,
  type PolicyArnInput,
} from '../session-inputs.ts';

export interface GetFederationTokenInput {
  readonly Name: string;
  readonly Policy?: string;
  readonly PolicyArns?: readonly PolicyArnInput[];
  readonly DurationSeconds?: number;
  readonly Tags?: readonly WireTag[];
}

export interface GetFederationTokenOutput {
  readonly Credentials: WireCredentials;
  readonly FederatedUser: { readonly FederatedUserId: string; readonly Arn: string };
  readonly PackedPolicySize: number;
}

const USER_DEFAULT_SECONDS = 43_200;
const ROOT_MAX_SECONDS = 3600;

/**
 * A federated user's session (sts-api.md C.3): the calling user's permissions cut by the session
 * policies passed here (none: no permissions at all). Long-term keys only; needs
 * sts:GetFederationToken on the federated user's ARN, and sts:TagSession to pass tags. The root's
 * sessions are cut to an hour, silently, as AWS documents.
 */
export const GetFederationToken: ActionDefinition<GetFederationTokenInput, GetFederationTokenOutput> = {
  service: 'sts',
  name: 'GetFederationToken',
  resource: (input, ctx) => federatedUserArn(ctx.account, input.Name),
  conditionKeys: (input) => requestTagKeys(input.Tags),
  async run(input, ctx) {
    const { caller } = ctx;
    if (caller.session !== undefined) {
      throw new WardenError('AccessDenied', 'Cannot call GetFederationToken with session credentials');
    }
    if (caller.kind !== 'root' && caller.kind !== 'user')
      throw new Error('a caller without a session is a root or a user');
    checkSessionPolicy(input.Policy);
    const policyArns = await checkPolicyArns(ctx, input.PolicyArns);
    const tags = checkSessionTags(input.Tags);
    const arn = federatedUserArn(ctx.account, input.Name);
    if (tags.length > 0)
      await authorize(caller, 'sts:TagSession', arn, decideFor(ctx), requestTagKeys(input.Tags));
    const packed = packedPolicySize(input.Policy, policyArns, tags);
    checkPackedSize(packed);
    const duration =
      caller.kind === 'root'
        ? Math.min(input.DurationSeconds ?? ROOT_MAX_SECONDS, ROOT_MAX_SECONDS)
        : (input.DurationSeconds ?? USER_DEFAULT_SECONDS);
    const Credentials = await issueSession(
      ctx,
      {
        kind: 'federated-user',
        principalId: caller.kind === 'root' ? ROOT_OWNER : caller.userId,
        sessionName: input.Name,
        ...(input.Policy === undefined ? {} : { policy: input.Policy }),
        policyArns,
        tags,
        transitiveTagKeys: [],
        mfaAuthenticated: false,
      },
      duration,
    );
    return {
      Credentials,
      FederatedUser: { FederatedUserId: `${ctx.account.id}:${input.Name}`, Arn: arn },
      PackedPolicySize: packed,
    };
  },
};
