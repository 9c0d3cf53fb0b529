import type { AnyAction } from '../iam/action.ts';
export type { AnyAction } from '../iam/action.ts';
import * as actions from './actions/index.ts';

export const stsActions: ReadonlyMap<string, AnyAction> = new Map(
  Object.values(actions as Record<string, AnyAction>).map((action) => [action.name, action]),
);
