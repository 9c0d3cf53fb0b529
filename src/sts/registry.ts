import type { ActionDefinition } from '../iam/action.ts';
import * as actions from './actions/index.ts';

/** The STS actions by AWS action name, built from actions/index.ts (the one list). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action has its own input/output types
export type AnyAction = ActionDefinition<any, any>;

export const stsActions: ReadonlyMap<string, AnyAction> = new Map(
  Object.values(actions as Record<string, AnyAction>).map((action) => [action.name, action]),
);
