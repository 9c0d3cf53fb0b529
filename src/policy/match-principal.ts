/**
 * `Principal` / `NotPrincipal` of resource-based and trust policies. Matching answers not just
 * "does it name the caller" but HOW, because the same-account rules depend on it (spec 7.4):
 *  - Direct: the exact caller (an IAM user with its own keys, a role session ARN, a federated-user
 *    ARN, `*`, a service or identity provider): not cut by implicit denies anywhere.
 *  - Limited: the role of a role session, or the IAM user behind a federated session: stands in for
 *    an identity-policy allow but is still cut by boundaries and session policies.
 *  - Account: the account (`123456789012` or its root ARN): delegation; the identity policies of
 *    that account must allow.
 * No partial wildcards: only the bare `*` is a wildcard in principals.
 */
import type { PrincipalBlock } from './ast.ts';
import type { RequestPrincipal } from './types.ts';

// Frozen so that the optimizer can fold these loads into constants in the hot loops.
export const Grant = Object.freeze({ None: 0, Account: 1, Limited: 2, Direct: 3 } as const);
export type Grant = (typeof Grant)[keyof typeof Grant];

export interface CompiledPrincipal {
  readonly any: boolean;
  /** AWS values that are ARNs (user, role, session, federated user, ...). */
  readonly arns: ReadonlySet<string>;
  /** Accounts named by id or root ARN. */
  readonly accounts: ReadonlySet<string>;
  /** Unique ids (`AIDA...`, `AROA...`). */
  readonly ids: ReadonlySet<string>;
  readonly services: ReadonlySet<string>;
  readonly federated: ReadonlySet<string>;
}

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ARN = /^arn:[^:]+:iam::(\d{12}):root$/;

export function compilePrincipal(block: PrincipalBlock): CompiledPrincipal {
  const out = { any: false, arns: new Set<string>(), accounts: new Set<string>(), ids: new Set<string>() };
  const services = new Set<string>();
  const federated = new Set<string>();
  if (block.wildcard) return { ...out, any: true, services, federated };
  for (const entry of block.entries) {
    for (const value of entry.values) {
      if (entry.type === 'Service') services.add(value);
      else if (entry.type === 'Federated') federated.add(value);
      else if (entry.type === 'AWS') addAws(out, value);
      // CanonicalUser names S3 canonical ids, which no Warden principal has.
    }
  }
  return { ...out, services, federated };
}

function addAws(
  out: { any: boolean; arns: Set<string>; accounts: Set<string>; ids: Set<string> },
  value: string,
) {
  if (value === '*') out.any = true;
  else if (ACCOUNT_ID.test(value)) out.accounts.add(value);
  else if (ROOT_ARN.test(value)) out.accounts.add(ROOT_ARN.exec(value)?.[1] ?? value);
  else if (value.startsWith('arn:')) out.arns.add(value);
  else out.ids.add(value);
}

/** How the principal element names the caller (the strongest way, when several entries do). */
export function principalGrant(p: CompiledPrincipal, caller: RequestPrincipal): Grant {
  if (p.any) return Grant.Direct;
  if (caller.service !== undefined && p.services.has(caller.service)) return Grant.Direct;
  if (caller.federatedProvider !== undefined && p.federated.has(caller.federatedProvider))
    return Grant.Direct;
  if (p.arns.has(caller.arn)) return Grant.Direct;
  const id = caller.userId;
  if (id !== undefined && p.ids.size > 0) {
    // A role's id names all its sessions (`AROA...:session`), limited like the role ARN.
    if (p.ids.has(id)) return caller.type === 'AssumedRole' ? Grant.Limited : Grant.Direct;
    const colon = id.indexOf(':');
    if (colon !== -1 && p.ids.has(id.slice(0, colon))) return Grant.Limited;
  }
  if (caller.roleArn !== undefined && p.arns.has(caller.roleArn)) return Grant.Limited;
  if (caller.sourceUserArn !== undefined && p.arns.has(caller.sourceUserArn)) return Grant.Limited;
  return p.accounts.has(caller.account) ? Grant.Account : Grant.None;
}
