/**
 * Gathering for temporary credentials (sts-api.md C.1, C.3; policy-language.md §7.2): a role
 * session is authorized with its role's policies and boundary, cut by the session policies passed
 * when it was made; a federated user with its issuing user's policies cut by its session policies
 * (none: no permissions). Session tags override the role's tags, keys compared without case.
 */
import type { ManagedPolicyFacts, StoreTx, Tag } from '../../store/port.ts';
import {
  managedFacts,
  managedPolicy,
  type AwsManagedDocuments,
  type PrincipalPolicies,
  type SourcedPolicy,
} from './gather.ts';

/** What gathering needs of a session (a CallerSession has it): its policies and tags. */
export interface SessionShape {
  readonly policy?: string | undefined;
  readonly policyArns: readonly string[];
  readonly tags: readonly Tag[];
}

/** The session's own policies: the inline one, then each managed ARN (one that resolves to nothing adds nothing). */
export function sessionPolicies(
  session: SessionShape,
  managed: readonly ManagedPolicyFacts[],
  aws: AwsManagedDocuments,
): SourcedPolicy[] {
  const inline: SourcedPolicy[] =
    session.policy === undefined
      ? []
      : [
          {
            key: `session\u0000${session.policy}`,
            sourceId: 'SessionPolicy',
            type: 'none',
            document: session.policy,
          },
        ];
  return [...inline, ...managed.flatMap((m) => managedPolicy(m, aws) ?? [])];
}

/** Whether the session was given session policies at all (then they must allow). */
export const hasSessionPolicies = (session: SessionShape): boolean =>
  session.policy !== undefined || session.policyArns.length > 0;

/** The principal's own policies with the session's added, and its tags overridden by the session's. */
export function withSession(
  base: PrincipalPolicies,
  session: SessionShape,
  policies: readonly SourcedPolicy[],
  federated: boolean,
): PrincipalPolicies {
  const applies = federated || hasSessionPolicies(session);
  return { ...base, ...(applies ? { session: policies } : {}), tags: mergeTags(base.tags, session.tags) };
}

/** Session tags win over the principal's tags with the same key in any case. */
export function mergeTags(own: readonly Tag[], session: readonly Tag[]): Tag[] {
  const overridden = new Set(session.map((t) => t.key.toLowerCase()));
  return [...own.filter((t) => !overridden.has(t.key.toLowerCase())), ...session];
}

/** The managed session policies' facts, read in the request's transaction. */
export async function managedSessionFacts(
  tx: StoreTx,
  arns: readonly string[],
): Promise<ManagedPolicyFacts[]> {
  return Promise.all(arns.map((policyArn) => managedFacts(tx, policyArn)));
}

/** What the cache keys a session's principal by, beyond the role or user: its policies and tags. */
export const sessionCacheKey = (session: SessionShape): string =>
  JSON.stringify([session.policy ?? null, session.policyArns, session.tags]);

/** The root's implicit "everything" when it issued a federated user's credentials. */
export const ROOT_IDENTITY: SourcedPolicy = {
  key: 'root\u0000all',
  sourceId: 'root',
  type: 'none',
  document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
};
