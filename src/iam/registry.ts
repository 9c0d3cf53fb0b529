import type { ActionDefinition } from './action.ts';
import * as actions from './actions/index.ts';

/**
 * The IAM actions by AWS action name. Built from actions/index.ts, the one list of actions:
 * dispatch and permission names (`iam:${name}`) derive from it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action has its own input/output types
export type AnyAction = ActionDefinition<any, any>;

export const iamActions: ReadonlyMap<string, AnyAction> = new Map(
  Object.values(actions as Record<string, AnyAction>).map((action) => [action.name, action]),
);
