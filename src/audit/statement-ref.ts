import type { MatchedStatement } from '../policy/types.ts';
import type { StatementRef } from './event.ts';

/**
 * Names a matched statement's policy from the id the authorizer compiled it under
 * (src/iam/authz/gather*.ts): `managed\0ARN[\0version]`, `user|group|role\0<id>\0<name>`,
 * `session\0<text>`, `trust\0<roleId>`, `account\0<name>`, `root\0all`. A session policy's id holds
 * its text, which must never reach the log: it is named `SessionPolicy`.
 */
export function statementRef(matched: MatchedStatement): StatementRef {
  const base = {
    kind: matched.kind,
    index: matched.statement,
    ...(matched.sid !== undefined && { sid: matched.sid }),
  };
  const [tag = '', first = '', second] = matched.policy.split('\u0000');
  switch (tag) {
    case 'managed':
      return { ...base, policy: first, policyType: 'managed' };
    case 'user':
    case 'group':
    case 'role':
      return { ...base, policy: second ?? '', policyType: 'inline', owner: `${tag}/${first}` };
    case 'session':
      return { ...base, policy: 'SessionPolicy', policyType: 'session' };
    case 'trust':
      return { ...base, policy: `trust:${first}`, policyType: 'trust' };
    case 'account':
      return { ...base, policy: first, policyType: 'account' };
    case 'root':
      return { ...base, policy: 'root', policyType: 'other' };
    default:
      // Unknown shapes (simulated input, a resource policy passed by a service): the id is a name
      // given by the caller, kept short so no document text can ride along.
      return { ...base, policy: matched.policy.slice(0, 256), policyType: 'other' };
  }
}
