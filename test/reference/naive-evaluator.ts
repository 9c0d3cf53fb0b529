/**
 * A deliberately naive reference evaluator, written from the spec (policy-language.md section 7)
 * and the IAM User Guide ("Policy evaluation logic", "Cross-account policy evaluation logic",
 * "Permissions boundaries", "Session policies"), independently of src/policy's compiler. It is
 * the oracle of the property tests: slow, short, obviously faithful.
 *
 * It answers the effect and the SET of policy kinds that may be named as deciding (AWS names only
 * one kind when several deny, so any of them is acceptable), plus every statement that applied.
 */
import type {
  DecidingKind,
  Effect,
  EvaluationRequest,
  MatchedStatement,
  PolicyInput,
  PolicyKind,
} from '../../src/policy/types.ts';
import { principalClass, stronger, type GrantClass } from './naive-principal.ts';
import { statementApplies, statementsOf, type NaiveStatement } from './naive-statements.ts';

export interface NaivePolicySet {
  readonly identity: readonly PolicyInput[];
  readonly resource?: readonly PolicyInput[];
  /** A role trust policy stands on the resource side (at most one of resource/trust is used). */
  readonly trust?: readonly PolicyInput[];
  readonly boundary?: readonly PolicyInput[];
  readonly session?: readonly PolicyInput[];
  readonly guardrail?: readonly PolicyInput[];
}

export interface NaiveDecision {
  readonly effect: Effect;
  /** Acceptable values of the engine's `decidedBy` (empty: not checked, as for Allow). */
  readonly decidedBy: readonly DecidingKind[];
  /** Every statement whose action, resource, principal and conditions all matched. */
  readonly applicable: readonly MatchedStatement[];
}

interface Applied {
  readonly statement: NaiveStatement;
  readonly grant: GrantClass | undefined;
}

const KINDS: readonly PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'guardrail'];
/** The root user has no identity policies, boundary or session policies: only these can apply to it. */
const ROOT_KINDS: readonly PolicyKind[] = ['resource', 'trust', 'guardrail'];

export function naiveEvaluate(set: NaivePolicySet, req: EvaluationRequest): NaiveDecision {
  const kinds = req.principal.type === 'Account' ? ROOT_KINDS : KINDS;
  const applied = kinds
    .flatMap((kind) => statementsOf(kind, set[kind]))
    .map((statement) => ({ statement, grant: principalOf(statement, req, set.boundary !== undefined) }))
    .filter((a) => a.grant !== 'none' && statementApplies(a.statement, req)) as Applied[];
  const applicable = applied.map((a) => toMatched(a.statement));
  const decide = (effect: Effect, decidedBy: readonly DecidingKind[]): NaiveDecision => ({
    effect,
    decidedBy,
    applicable,
  });
  const denies = applied.filter((a) => a.statement.effect === 'Deny');
  if (denies.length > 0) return decide('ExplicitDeny', [...new Set(denies.map((a) => a.statement.kind))]);
  const allows = applied.filter((a) => a.statement.effect === 'Allow');
  const allowedBy = (kind: PolicyKind): boolean => allows.some((a) => a.statement.kind === kind);
  if (set.guardrail !== undefined && !allowedBy('guardrail')) return decide('ImplicitDeny', ['guardrail']);
  const resourceKind: PolicyKind = set.trust !== undefined ? 'trust' : 'resource';
  const grant = allows
    .filter((a) => a.statement.kind === resourceKind)
    .reduce<GrantClass | undefined>((best, a) => stronger(best, a.grant), undefined);
  const sameAccount = (req.resourceAccount ?? req.principal.account) === req.principal.account;
  if (req.principal.type === 'Account') {
    // The root user needs no identity policy; across accounts the resource side must still allow.
    return sameAccount || grant !== undefined ? decide('Allow', []) : decide('ImplicitDeny', [resourceKind]);
  }
  if (req.principal.type === 'Service' || req.principal.type === 'Anonymous') {
    // No identity policies exist for these callers in any account: only the resource side can allow.
    return grant !== undefined ? decide('Allow', []) : decide('ImplicitDeny', [resourceKind]);
  }
  const identityFailure = identitySideFailure(set, req, allowedBy, grant, sameAccount);
  if (sameAccount) return sameAccountDecision(resourceKind, grant, identityFailure, decide);
  if (grant === undefined) {
    return decide(
      'ImplicitDeny',
      identityFailure === undefined ? [resourceKind] : [identityFailure, resourceKind],
    );
  }
  return identityFailure === undefined ? decide('Allow', []) : decide('ImplicitDeny', [identityFailure]);
}

/**
 * 'none' marks a resource-side statement whose Principal/NotPrincipal does not name the caller.
 * IAM User Guide, 'Permissions boundaries for IAM entities': a NotPrincipal element with a Deny
 * effect always denies any IAM principal that has a permissions boundary, whatever it lists.
 */
function principalOf(
  s: NaiveStatement,
  req: EvaluationRequest,
  hasBoundary: boolean,
): GrantClass | undefined | 'none' {
  if (s.kind !== 'resource' && s.kind !== 'trust') return undefined;
  if ('Principal' in s.body) return principalClass(s.body['Principal'], req.principal) ?? 'none';
  if ('NotPrincipal' in s.body) {
    if (hasBoundary && s.effect === 'Deny') return 'direct';
    return principalClass(s.body['NotPrincipal'], req.principal) === undefined ? 'direct' : 'none';
  }
  return 'none';
}

/**
 * The first kind on the principal's side that fails to allow, in AWS's message order (identity,
 * boundary, session), or undefined when the principal's side allows. In the same account a grant
 * to the role ARN (or to the user behind a federated session) stands in for the identity allow but
 * is still cut by boundaries and session policies (spec 7.4); an account grant delegates to the
 * identity policies and adds nothing.
 */
function identitySideFailure(
  set: NaivePolicySet,
  req: EvaluationRequest,
  allowedBy: (kind: PolicyKind) => boolean,
  grant: GrantClass | undefined,
  sameAccount: boolean,
): DecidingKind | undefined {
  const limitedGrant = sameAccount && (grant === 'limited' || grant === 'direct');
  if (!allowedBy('identity') && !limitedGrant) return 'identity';
  if (set.boundary !== undefined && !allowedBy('boundary')) return 'boundary';
  // GetFederationToken without a session policy grants nothing.
  const sessionAllows =
    set.session !== undefined ? allowedBy('session') : req.principal.type !== 'FederatedUser';
  return sessionAllows ? undefined : 'session';
}

function sameAccountDecision(
  resourceKind: PolicyKind,
  grant: GrantClass | undefined,
  identityFailure: DecidingKind | undefined,
  decide: (effect: Effect, decidedBy: readonly DecidingKind[]) => NaiveDecision,
): NaiveDecision {
  // A grant naming the exact caller is not cut by implicit denies anywhere (spec 7.4).
  if (grant === 'direct') return decide('Allow', []);
  // A role's trust policy must itself allow; an identity policy alone never suffices.
  if (resourceKind === 'trust' && grant === undefined) return decide('ImplicitDeny', ['trust']);
  return identityFailure === undefined ? decide('Allow', []) : decide('ImplicitDeny', [identityFailure]);
}

function toMatched(s: NaiveStatement): MatchedStatement {
  const base = { policy: s.policy, kind: s.kind, statement: s.index };
  return s.sid !== undefined ? { ...base, sid: s.sid } : base;
}
