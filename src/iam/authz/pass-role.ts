import type { RoleRecord } from '../../store/port.ts';
import type { ActionContext } from '../action.ts';
import { roleArn } from '../arns.ts';
import { authorize } from './authorize.ts';
import { resourceTagKeys } from './condition-keys.ts';
import { decideFor, type Decide } from './decision.ts';

/** What a role is handed to, for `iam:PassedToService` and `iam:AssociatedResourceArn`. */
export interface PassedTo {
  /** The service principal that will use the role, e.g. `ec2.amazonaws.com`. */
  readonly service: string;
  /** The resource the role is associated with, e.g. an EC2 instance ARN. */
  readonly associatedResourceArn?: string;
}

/**
 * `iam:PassRole`: handing a role to something that will act with it (AddRoleToInstanceProfile,
 * registering a workload) needs this permission on the role, through the one authorization
 * function, as AWS requires of the caller. AccessDenied in AWS's words otherwise; the root passes.
 */
export async function authorizePassRole(
  ctx: ActionContext,
  role: RoleRecord,
  to: PassedTo,
  decide: Decide = decideFor(ctx),
): Promise<void> {
  await authorize(ctx.caller, 'iam:PassRole', roleArn(ctx.account, role.path, role.roleName), decide, {
    ...resourceTagKeys(role.tags),
    'iam:PassedToService': to.service,
    ...(to.associatedResourceArn === undefined
      ? {}
      : { 'iam:AssociatedResourceArn': to.associatedResourceArn }),
  });
}

/**
 * What AddRoleToInstanceProfile passes: the role goes to EC2, for any instance of the account (AWS
 * documents that a policy restricting this call must use `arn:aws:ec2:*:ACCOUNT:instance/*`).
 */
export const instanceProfilePassedTo = (ctx: Pick<ActionContext, 'account'>): PassedTo => ({
  service: 'ec2.amazonaws.com',
  associatedResourceArn: `arn:${ctx.account.partition}:ec2:*:${ctx.account.id}:instance/*`,
});
