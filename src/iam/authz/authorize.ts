import { WardenError } from '../../core/index.ts';
import { accessDeniedMessage } from '../../policy/index.ts';
import type { ActionContext, ActionDefinition, Caller, ConditionKeys } from '../action.ts';
import type { Denial } from './authorization-message.ts';
import { decideFor, type Decide } from './decision.ts';

/**
 * AccessDenied from the policy engine, with the decision behind it: the edge turns it into the
 * encoded authorization message that session callers get (authorization-message.ts).
 */
export class AccessDeniedError extends WardenError {
  constructor(
    message: string,
    readonly denial: Denial,
  ) {
    super('AccessDenied', message);
  }
}

/**
 * The one authorization function every IAM and STS action goes through, before it runs.
 * Throws AccessDenied in AWS's words; returns when the call is allowed.
 *
 * - A null resource means AWS requires no permission (sts:GetCallerIdentity): always allowed.
 * - The account root may do everything (there are no SCPs in a single Warden account).
 * - Anyone else is decided by `decide`: the caller's policies through the policy engine.
 */
export async function authorize(
  caller: Caller,
  permission: string,
  resource: string | null,
  decide: Decide,
  keys?: ConditionKeys,
): Promise<void> {
  if (resource === null || caller.kind === 'root') return;
  const decision = await decide({ caller, permission, resource, ...(keys === undefined ? {} : { keys }) });
  if (decision.effect === 'Allow') return;
  throw new AccessDeniedError(accessDeniedMessage(caller.arn, permission, resource, decision), {
    caller,
    permission,
    resource,
    ...(keys === undefined ? {} : { keys }),
    decision,
  });
}

/** `iam:CreateUser` for the CreateUser action. */
export const permissionOf = (action: Pick<ActionDefinition<never, unknown>, 'service' | 'name'>): string =>
  `${action.service}:${action.name}`;

/**
 * What the server calls between decoding the input and running the action, inside the request's
 * transaction: works out the action's resource ARN(s) and condition keys (which may need the
 * store) and authorizes each resource; the first denied one answers.
 */
export async function authorizeAction<I>(
  action: ActionDefinition<I, unknown>,
  input: I,
  ctx: ActionContext,
  decide: Decide = decideFor(ctx),
): Promise<void> {
  if (action.resource === null) return;
  if (ctx.caller.kind === 'root') return noteRoot(action, input, ctx);
  const resources = await action.resource(input, ctx);
  const keys = action.conditionKeys === undefined ? undefined : await action.conditionKeys(input, ctx);
  for (const resource of typeof resources === 'string' ? [resources] : resources) {
    await authorize(ctx.caller, permissionOf(action), resource, decide, keys);
  }
}

/** The root passes unchecked; the event log still records what it acted on. */
async function noteRoot<I>(
  action: ActionDefinition<I, unknown>,
  input: I,
  ctx: ActionContext,
): Promise<void> {
  const listener = ctx.onDecision;
  if (listener === undefined || action.resource === null) return;
  const resources = await action.resource(input, ctx);
  for (const resource of typeof resources === 'string' ? [resources] : resources) {
    listener({ permission: permissionOf(action), resource, decision: 'root' });
  }
}
