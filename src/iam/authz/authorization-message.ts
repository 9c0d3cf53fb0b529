/**
 * Encoded authorization failure messages (STS DecodeAuthorizationMessage): when a session is
 * denied, AWS appends `Encoded authorization failure message: ...` to the AccessDenied text; the
 * encoded part is the decision's details, readable only through sts:DecodeAuthorizationMessage.
 * Warden seals the details (JSON, in AWS's decoded shape) with the master key's SecretBox
 * (AES-256-GCM), marked so that no other sealed value (a key's secret) can be decoded this way.
 */
import type { ContextValue, Decision } from '../../policy/index.ts';
import type { Caller, ConditionKeys, RequestFacts, SecretBox } from '../action.ts';
import { evaluationRequest } from './request-context.ts';

/** What a denial was about: enough to rebuild the request's context. */
export interface Denial {
  readonly caller: Caller;
  readonly permission: string;
  readonly resource: string;
  readonly keys?: ConditionKeys;
  readonly decision: Decision;
}

export const ENCODED_MESSAGE_LABEL = 'Encoded authorization failure message:';

const MARK = 'warden-authorization-message';

const items = <T>(list: readonly T[]) => ({ items: list });

function principalName(caller: Caller): string | undefined {
  switch (caller.kind) {
    case 'user':
      return caller.userName;
    case 'assumed-role':
      return caller.sessionName;
    case 'federated-user':
      return caller.federatedName;
    case 'root':
      return undefined;
  }
}

/** The decoded message, in the shape AWS documents for DecodeAuthorizationMessage. */
export function decodedMessage(denial: Denial, facts: RequestFacts): Record<string, unknown> {
  const { caller, decision } = denial;
  const request = evaluationRequest(denial, facts);
  const conditions = Object.entries(request.context).map(([key, value]: [string, ContextValue]) => ({
    key,
    values: items((typeof value === 'string' ? [value] : [...value]).map((v) => ({ value: v }))),
  }));
  const name = principalName(caller);
  return {
    allowed: false,
    explicitDeny: decision.effect === 'ExplicitDeny',
    matchedStatements: items(
      decision.matched.map((m) => ({
        statementId: m.sid ?? '',
        effect: decision.effect === 'ExplicitDeny' ? 'DENY' : 'ALLOW',
        policy: m.policy,
        policyType: m.kind,
      })),
    ),
    failures: items([]),
    context: {
      principal: {
        id: caller.kind === 'root' ? caller.accountId : caller.userId,
        ...(name === undefined ? {} : { name }),
        arn: caller.arn,
      },
      action: denial.permission,
      resource: denial.resource,
      conditions: items(conditions),
    },
  };
}

/** The encoded form: the sealed JSON, as the SecretBox writes it (URL-safe characters and dots). */
export function encodeDenial(secrets: SecretBox, denial: Denial, facts: RequestFacts): string {
  return secrets.seal(JSON.stringify({ [MARK]: decodedMessage(denial, facts) }));
}

/** The decoded JSON text, or undefined when `encoded` is not a message Warden encoded. */
export function decodeDenial(secrets: SecretBox, encoded: string): string | undefined {
  try {
    const parsed = JSON.parse(secrets.open(encoded)) as Record<string, unknown>;
    const message = parsed[MARK];
    return typeof message === 'object' && message !== null ? JSON.stringify(message) : undefined;
  } catch {
    return undefined;
  }
}
