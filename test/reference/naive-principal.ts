/**
 * Principal / NotPrincipal matching for the reference evaluator (IAM User Guide, "AWS JSON policy
 * elements: Principal"), classified by HOW the caller was named, because the same-account rules
 * (spec 7.4) depend on it: naming the exact caller (user with its own keys, role session ARN,
 * federated-user ARN, `*`, a service or identity provider) is a "direct" grant; naming the role of
 * a session, or the IAM user behind a federated session, is limited by boundaries and session
 * policies; naming the account delegates to the account's own identity policies.
 */
import type { RequestPrincipal } from '../../src/policy/types.ts';
import { isObject } from './naive-conditions.ts';

export type GrantClass = 'direct' | 'limited' | 'account';

const STRENGTH: Record<GrantClass, number> = { account: 1, limited: 2, direct: 3 };

export function stronger(a: GrantClass | undefined, b: GrantClass | undefined): GrantClass | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return STRENGTH[a] >= STRENGTH[b] ? a : b;
}

/** How `element` names the caller, or undefined when it does not. */
export function principalClass(element: unknown, p: RequestPrincipal): GrantClass | undefined {
  if (element === '*') return 'direct';
  if (!isObject(element)) return undefined;
  let best: GrantClass | undefined;
  for (const [type, raw] of Object.entries(element)) {
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (typeof value !== 'string') continue;
      best = stronger(best, classOf(type, value, p));
    }
  }
  return best;
}

function classOf(type: string, value: string, p: RequestPrincipal): GrantClass | undefined {
  if (type === 'Service') return p.service === value ? 'direct' : undefined;
  if (type === 'Federated') return p.federatedProvider === value ? 'direct' : undefined;
  if (type !== 'AWS') return undefined;
  return awsClass(value, p);
}

function awsClass(value: string, p: RequestPrincipal): GrantClass | undefined {
  if (value === '*') return 'direct';
  const account = /^\d{12}$/.test(value) ? value : /^arn:[^:]+:iam::(\d{12}):root$/.exec(value)?.[1];
  if (account !== undefined) return p.account === account ? 'account' : undefined;
  if (value === p.arn) return 'direct';
  if (value === p.roleArn || value === p.sourceUserArn) return 'limited';
  if (p.userId !== undefined && (value === p.userId || p.userId.startsWith(`${value}:`))) {
    return p.type === 'AssumedRole' ? 'limited' : 'direct';
  }
  return undefined;
}
