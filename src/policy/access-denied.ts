/**
 * AWS's AccessDenied message text (spec 9, IAM User Guide "Troubleshoot access denied error
 * messages"): `User: ARN is not authorized to perform: ACTION on resource: RESOURCE` and the reason,
 * `because no <policy type> allows the ACTION action` (implicit) or `with an explicit deny in a
 * <policy type>` (explicit), naming the policy type that decided.
 */
import type { DecidingKind, Decision } from './types.ts';

/** The policy type as AWS's messages name it, with its article for the explicit form. */
const POLICY_TYPES: Readonly<Record<Exclude<DecidingKind, 'none'>, { name: string; article: string }>> = {
  identity: { name: 'identity-based policy', article: 'an' },
  resource: { name: 'resource-based policy', article: 'a' },
  trust: { name: 'role trust policy', article: 'the' },
  boundary: { name: 'permissions boundary', article: 'a' },
  session: { name: 'session policy', article: 'a' },
  guardrail: { name: 'service control policy', article: 'a' },
};

/**
 * The message for a denied request. `resource` is left out of the text when empty (AWS omits it
 * for some actions); a decision without a deciding policy type gets no reason clause.
 */
export function accessDeniedMessage(
  principalArn: string,
  action: string,
  resource: string,
  decision: Decision,
): string {
  const onResource = resource === '' ? '' : ` on resource: ${resource}`;
  const head = `User: ${principalArn} is not authorized to perform: ${action}${onResource}`;
  const reason = reasonClause(action, decision);
  return reason === '' ? head : `${head} ${reason}`;
}

function reasonClause(action: string, decision: Decision): string {
  if (decision.effect === 'Allow' || decision.decidedBy === 'none') return '';
  const type = POLICY_TYPES[decision.decidedBy];
  if (decision.effect === 'ExplicitDeny') return `with an explicit deny in ${type.article} ${type.name}`;
  return `because no ${type.name} allows the ${action} action`;
}
