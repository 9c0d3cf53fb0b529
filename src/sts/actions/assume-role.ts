import type { ActionDefinition } from '../../iam/action.ts';
import { authorize, decideFor } from '../../iam/authz/index.ts';
import type { WireTag } from '../../iam/tags.ts';
import { compilePolicyText } from '../../policy/index.ts';
import {
  chainSourceIdentity,
  chainTags,
  notAuthorized,
  refuseRoot,
  roleOfArn,
  roleSessionDuration,
  trustKeys,
} from '../assume-role-checks.ts';
import { assumeRoleSides } from '../assume-role-sides.ts';
import { issueSession, type WireCredentials } from '../issue.ts';
import { checkMfa } from '../mfa-check.ts';
import { assumedRoleArn } from '../session-caller.ts';
import {
  checkPackedSize,
  checkPolicyArns,
  checkSessionPolicy,
  checkSessionTags,
  packedPolicySize,
  type PolicyArnInput,
} from '../session-inputs.ts';

export interface AssumeRoleInput {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  readonly PolicyArns?: readonly PolicyArnInput[];
  readonly Policy?: string;
  readonly DurationSeconds?: number;
  readonly Tags?: readonly WireTag[];
  readonly TransitiveTagKeys?: readonly string[];
  readonly ExternalId?: string;
  readonly SerialNumber?: string;
  readonly TokenCode?: string;
  readonly SourceIdentity?: string;
}

export interface AssumeRoleOutput {
  readonly Credentials: WireCredentials;
  readonly AssumedRoleUser: { readonly AssumedRoleId: string; readonly Arn: string };
  readonly PackedPolicySize?: number;
  readonly SourceIdentity?: string;
}

/**
 * A role session (sts-api.md C.1). Authorized inside `run` rather than by the generic step: the
 * decision needs the role's trust policy as the resource side (a trust policy naming the caller
 * suffices in the same account; naming only the account needs the caller's own sts:AssumeRole),
 * plus sts:TagSession for tags and sts:SetSourceIdentity for a source identity.
 */
export const AssumeRole: ActionDefinition<AssumeRoleInput, AssumeRoleOutput> = {
  service: 'sts',
  name: 'AssumeRole',
  resource: null,
  async run(input, ctx) {
    const { caller } = ctx;
    refuseRoot(caller);
    checkSessionPolicy(input.Policy);
    // Across accounts ctx.store is never used: each side has its own transaction (the sides' file).
    const sides = await assumeRoleSides(ctx, input.RoleArn);
    if (sides === undefined) throw notAuthorized(caller, input.RoleArn);
    const { policyArns, role } = await sides.onRoleSide(async (roleCtx) => ({
      policyArns: await checkPolicyArns(roleCtx, input.PolicyArns),
      role: await roleOfArn(roleCtx, input.RoleArn),
    }));
    const requestTags = checkSessionTags(input.Tags);
    const transitive = input.TransitiveTagKeys ?? [];
    const { tags, transitiveTagKeys } = chainTags(caller, requestTags, transitive);
    const packed = packedPolicySize(input.Policy, policyArns, tags);
    checkPackedSize(packed);
    const sourceIdentity = chainSourceIdentity(caller, input.SourceIdentity);

    const trust =
      role && compilePolicyText(role.assumeRolePolicyDocument, `trust\u0000${role.roleId}`, 'trust');
    if (role === undefined || trust?.ok !== true) throw notAuthorized(caller, input.RoleArn);
    // The caller's side: its MFA device, and its own policies with the trust policy (across
    // accounts both must allow, and an explicit deny in either wins: evaluate's rules).
    const mfaTime = await sides.onCallerSide(async (callerCtx) => {
      const mfa = await checkMfa(callerCtx, input.SerialNumber, input.TokenCode);
      const keys = trustKeys({
        sessionName: input.RoleSessionName,
        externalId: input.ExternalId,
        sourceIdentity: input.SourceIdentity,
        tags: requestTags,
        transitiveTagKeys: transitive,
        mfaNow: mfa !== undefined,
      });
      const decide = decideFor(callerCtx, [trust.policy], sides.crossAccount ? sides.roleAccount : undefined);
      await authorize(caller, 'sts:AssumeRole', input.RoleArn, decide, keys);
      if (requestTags.length > 0 || transitive.length > 0) {
        await authorize(caller, 'sts:TagSession', input.RoleArn, decide, keys);
      }
      if (input.SourceIdentity !== undefined) {
        await authorize(caller, 'sts:SetSourceIdentity', input.RoleArn, decide, keys);
      }
      return mfa;
    });

    const chained = caller.session !== undefined;
    const duration = roleSessionDuration(input.DurationSeconds, role, chained);
    const mfaAuthTime =
      mfaTime ?? (caller.session?.mfaAuthenticated === true ? caller.session.mfaAuthTime : undefined);
    return sides.onRoleSide(async (roleCtx) => {
      // Across accounts the role was read in an earlier transaction: it must still be there.
      if (sides.crossAccount && (await roleCtx.store.roles.getById(role.roleId)) === undefined)
        throw notAuthorized(caller, input.RoleArn);
      const Credentials = await issueSession(
        roleCtx,
        {
          kind: 'assumed-role',
          principalId: role.roleId,
          roleArn: input.RoleArn,
          sessionName: input.RoleSessionName,
          ...(input.Policy === undefined ? {} : { policy: input.Policy }),
          policyArns,
          tags,
          transitiveTagKeys,
          ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
          mfaAuthenticated: mfaTime !== undefined || caller.session?.mfaAuthenticated === true,
          ...(mfaAuthTime === undefined ? {} : { mfaAuthTime }),
          ...(chained ? { chainedFrom: caller.accessKeyId } : {}),
        },
        duration,
      );
      const shaped = input.Policy !== undefined || policyArns.length > 0 || tags.length > 0;
      return {
        Credentials,
        AssumedRoleUser: {
          AssumedRoleId: `${role.roleId}:${input.RoleSessionName}`,
          Arn: assumedRoleArn(roleCtx.account, role.roleName, input.RoleSessionName),
        },
        ...(shaped ? { PackedPolicySize: packed } : {}),
        ...(sourceIdentity === undefined ? {} : { SourceIdentity: sourceIdentity }),
      };
    });
  },
};
