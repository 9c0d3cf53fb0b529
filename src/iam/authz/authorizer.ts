/**
 * The authorizer's cache: each principal's policies compiled once and reused until something that
 * feeds its decisions changes.
 *
 * - Documents compile through a PolicyCache keyed by (kind, key, text), so a managed policy or a
 *   group's inline policy shared by many users compiles once; a principal's identity policies are
 *   merged into one action index (also cached by the PolicyCache).
 * - Freshness: the store's authorization epoch moves forward in the same transaction as every write
 *   that can change a decision (policies, versions, attachments, inline policies, memberships,
 *   boundaries, tags, renames, deletions). Each request reads it once; an entry built under another
 *   epoch is rebuilt. Since the epoch lives in the database, this holds across several Warden
 *   processes on one database, and a change is visible on the very next request.
 * - Bounded: least recently used principals go first.
 *
 * One instance per server, built at the composition root (no module state).
 */
import { PolicyCache, type CompiledPolicy, type PolicyKind, type PolicySet } from '../../policy/index.ts';
import type { StoreTx } from '../../store/port.ts';
import { rolePolicies } from './gather-role.ts';
import {
  managedSessionFacts,
  ROOT_IDENTITY,
  sessionCacheKey,
  sessionPolicies,
  withSession,
  type SessionShape,
} from './gather-session.ts';
import {
  userPolicies,
  type AwsManagedDocuments,
  type PrincipalFacts,
  type PrincipalPolicies,
  type SourcedPolicy,
} from './gather.ts';

/** A principal's policies, ready for `evaluate`. */
export interface CompiledPrincipal {
  readonly policies: PolicySet<CompiledPolicy>;
  /** Where each compiled policy came from, by its id (`SourcedPolicy.key`). */
  readonly sources: ReadonlyMap<string, SourcedPolicy>;
  readonly facts: PrincipalFacts;
}

export interface AuthorizerOptions {
  /** AWS managed policies' default documents by ARN (the shipped catalog). */
  readonly awsManaged: AwsManagedDocuments;
  /** Principals kept (default 1024). */
  readonly maxPrincipals?: number;
  /** Compiled documents and merged sets (default: a PolicyCache of its own). */
  readonly policyCache?: PolicyCache;
}

interface Entry {
  readonly epoch: number;
  readonly principal: CompiledPrincipal;
}

export class Authorizer {
  readonly awsManaged: AwsManagedDocuments;
  private readonly principals = new Map<string, Entry>();
  private readonly maxPrincipals: number;
  private readonly cache: PolicyCache;
  /** Counters, for tests and figures. */
  readonly stats = { hits: 0, misses: 0 };

  constructor(options: AuthorizerOptions) {
    this.awsManaged = options.awsManaged;
    this.maxPrincipals = options.maxPrincipals ?? 1024;
    this.cache = options.policyCache ?? new PolicyCache();
  }

  /**
   * An IAM user's compiled policies as of the transaction's epoch: one read of the epoch when the
   * cached entry is current, one more (`authorizationFacts`) when it is not. Undefined when the
   * user no longer exists.
   */
  async user(tx: StoreTx, userId: string): Promise<CompiledPrincipal | undefined> {
    const key = `user\u0000${userId}`;
    const epoch = await tx.authzEpoch();
    const hit = this.principals.get(key);
    if (hit !== undefined && hit.epoch === epoch) {
      this.stats.hits++;
      this.principals.delete(key);
      this.principals.set(key, hit);
      return hit.principal;
    }
    this.stats.misses++;
    const facts = await tx.authorizationFacts(userId);
    if (facts === undefined) {
      this.principals.delete(key);
      return undefined;
    }
    const principal = this.compile(userPolicies(facts, this.awsManaged));
    this.remember(key, { epoch: facts.epoch, principal });
    return principal;
  }

  /**
   * A role session's compiled policies: the role's (read live, so a change to the role or its
   * deletion is seen on the session's next call) with the session's policies and tags. Cached per
   * role and session policies/tags, so the sessions of one role made alike share an entry.
   */
  async roleSession(
    tx: StoreTx,
    roleId: string,
    session: SessionShape,
  ): Promise<CompiledPrincipal | undefined> {
    return this.cached(tx, `role\u0000${roleId}\u0000${sessionCacheKey(session)}`, async () => {
      const facts = await tx.roleAuthorizationFacts(roleId);
      if (facts === undefined) return undefined;
      const managed = await managedSessionFacts(tx, session.policyArns);
      const own = sessionPolicies(session, managed, this.awsManaged);
      return {
        epoch: facts.epoch,
        gathered: withSession(rolePolicies(facts, this.awsManaged), session, own, false),
      };
    });
  }

  /**
   * A federated user's compiled policies: its issuing user's (or, for the root's, everything)
   * cut by its session policies; without session policies it may do nothing.
   */
  async federatedUser(
    tx: StoreTx,
    sourceUserId: string | undefined,
    session: SessionShape,
  ): Promise<CompiledPrincipal | undefined> {
    const key = `federated\u0000${sourceUserId ?? 'root'}\u0000${sessionCacheKey(session)}`;
    return this.cached(tx, key, async () => {
      const facts = sourceUserId === undefined ? undefined : await tx.authorizationFacts(sourceUserId);
      if (sourceUserId !== undefined && facts === undefined) return undefined;
      const base =
        facts === undefined ? { identity: [ROOT_IDENTITY], tags: [] } : userPolicies(facts, this.awsManaged);
      const managed = await managedSessionFacts(tx, session.policyArns);
      const own = sessionPolicies(session, managed, this.awsManaged);
      return {
        epoch: facts?.epoch ?? (await tx.authzEpoch()),
        gathered: withSession(base, session, own, true),
      };
    });
  }

  /** The cache lookup shared by sessions: `build` reads the facts when the entry is stale. */
  private async cached(
    tx: StoreTx,
    key: string,
    build: () => Promise<{ epoch: number; gathered: PrincipalPolicies } | undefined>,
  ): Promise<CompiledPrincipal | undefined> {
    const epoch = await tx.authzEpoch();
    const hit = this.principals.get(key);
    if (hit !== undefined && hit.epoch === epoch) {
      this.stats.hits++;
      this.principals.delete(key);
      this.principals.set(key, hit);
      return hit.principal;
    }
    this.stats.misses++;
    const built = await build();
    if (built === undefined) {
      this.principals.delete(key);
      return undefined;
    }
    const principal = this.compile(built.gathered);
    this.remember(key, { epoch: built.epoch, principal });
    return principal;
  }

  /** Compiles gathered policies (also the Simulate APIs' entry point, with their extra inputs). */
  compile(gathered: PrincipalPolicies): CompiledPrincipal {
    const sources = new Map<string, SourcedPolicy>();
    const compileAll = (list: readonly SourcedPolicy[], kind: PolicyKind): CompiledPolicy[] =>
      list.map((p) => {
        sources.set(p.key, p);
        return this.compileOne(p, kind);
      });
    const identity = compileAll(gathered.identity, 'identity');
    const policies: PolicySet<CompiledPolicy> = {
      // One action index for all of them: a lookup per decision instead of one per policy.
      identity: identity.length > 1 ? [this.cache.merge(identity)] : identity,
      ...(gathered.boundary === undefined ? {} : { boundary: compileAll(gathered.boundary, 'boundary') }),
      ...(gathered.session === undefined ? {} : { session: compileAll(gathered.session, 'session') }),
      ...(gathered.resource === undefined ? {} : { resource: compileAll(gathered.resource, 'resource') }),
    };
    return { policies, sources, facts: { tags: gathered.tags } };
  }

  /** Drops every cached principal (compiled documents stay: they are keyed by their text). */
  clear(): void {
    this.principals.clear();
  }

  get size(): number {
    return this.principals.size;
  }

  private compileOne(policy: SourcedPolicy, kind: PolicyKind): CompiledPolicy {
    const result = this.cache.compile(policy.document, policy.key, kind);
    // Stored documents were validated on write and the catalog's are AWS's own: a failure here is
    // a bug or a damaged database. Failing closed (an error, not a skipped policy) keeps a Deny
    // statement from silently disappearing.
    if (!result.ok) throw new Error(`stored policy ${policy.sourceId} (${policy.type}) does not compile`);
    return result.policy;
  }

  private remember(key: string, entry: Entry): void {
    this.principals.delete(key);
    this.principals.set(key, entry);
    if (this.principals.size > this.maxPrincipals) {
      const oldest = this.principals.keys().next();
      if (oldest.done !== true) this.principals.delete(oldest.value);
    }
  }
}
