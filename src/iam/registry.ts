import type { AnyAction } from './action.ts';
export type { AnyAction } from './action.ts';
import * as actions from './actions/index.ts';

/**
 * The IAM actions by AWS action name. Built from actions/index.ts, the one list of actions:
 * dispatch and permission names (`iam:${name}`) derive from it.
 */

export const iamActions: ReadonlyMap<string, AnyAction> = new Map(
  Object.values(actions as Record<string, AnyAction>).map((action) => [action.name, action]),
);
