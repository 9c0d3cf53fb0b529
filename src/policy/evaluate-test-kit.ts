/** Test helpers for the evaluator: policies from statement objects, principals, requests. */
import { compilePolicyText, type CompiledPolicy } from './compile.ts';
import { evaluate, type EvaluateOptions } from './evaluate.ts';
import type {
  ContextValue,
  Decision,
  EvaluationRequest,
  PolicyKind,
  PolicySet,
  RequestPrincipal,
} from './types.ts';

export const ACCOUNT = '111111111111';
export const OTHER = '222222222222';

let counter = 0;

/** Compiles statements into a policy of `kind` (2012-10-17 unless `version` says otherwise). */
export function policy(
  kind: PolicyKind,
  statements: object[],
  version: string | null = '2012-10-17',
): CompiledPolicy {
  const text = JSON.stringify(
    version === null ? { Statement: statements } : { Version: version, Statement: statements },
  );
  const compiled = compilePolicyText(text, `${kind}-${++counter}`, kind);
  if (!compiled.ok) throw new Error(`test policy does not parse: ${JSON.stringify(compiled.diagnostics)}`);
  return compiled.policy;
}

export const allow = (action: string | string[], resource: string | string[] = '*', extra: object = {}) => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});
export const deny = (action: string | string[], resource: string | string[] = '*', extra: object = {}) => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
  ...extra,
});
/** A resource-side statement (no Resource needed in trust policies). */
export const grant = (principal: unknown, action: string | string[], extra: object = {}) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: action,
  ...extra,
});

export const user = (name: string, account = ACCOUNT): RequestPrincipal => ({
  type: 'User',
  arn: `arn:aws:iam::${account}:user/${name}`,
  account,
  userId: `AIDA${name.toUpperCase()}`,
});

export const roleSession = (role: string, session: string, account = ACCOUNT): RequestPrincipal => ({
  type: 'AssumedRole',
  arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
  account,
  roleArn: `arn:aws:iam::${account}:role/${role}`,
  userId: `AROA${role.toUpperCase()}:${session}`,
});

export const federatedUser = (name: string, sourceUser: string, account = ACCOUNT): RequestPrincipal => ({
  type: 'FederatedUser',
  arn: `arn:aws:sts::${account}:federated-user/${name}`,
  account,
  sourceUserArn: `arn:aws:iam::${account}:user/${sourceUser}`,
  userId: `${account}:${name}`,
});

export const root = (account = ACCOUNT): RequestPrincipal => ({
  type: 'Account',
  arn: `arn:aws:iam::${account}:root`,
  account,
  userId: account,
});

export const service = (name: string): RequestPrincipal => ({
  type: 'Service',
  arn: name,
  account: '',
  service: name,
});

export function request(
  principal: RequestPrincipal,
  action: string,
  resource = '*',
  context: Record<string, ContextValue> = {},
  resourceAccount?: string,
): EvaluationRequest {
  const base = { principal, action, resource, context };
  return resourceAccount === undefined ? base : { ...base, resourceAccount };
}

/** `[effect, decidedBy]` in both the fast and the explain mode (they must agree). */
export function outcome(policies: PolicySet<CompiledPolicy>, req: EvaluationRequest): [string, string] {
  const fast = evaluate(policies, req);
  const explained = evaluate(policies, req, { explain: true } satisfies EvaluateOptions);
  if (fast.effect !== explained.effect || fast.decidedBy !== explained.decidedBy) {
    throw new Error(
      `fast ${fast.effect}/${fast.decidedBy} differs from explain ${explained.effect}/${explained.decidedBy}`,
    );
  }
  return [fast.effect, fast.decidedBy];
}

export function explain(policies: PolicySet<CompiledPolicy>, req: EvaluationRequest): Decision {
  return evaluate(policies, req, { explain: true });
}
