import type { MatchedStatement } from '../policy/types.ts';
import type { StatementRef } from './event.ts';

/**
 * Names a matched statement's policy from the id the authorizer compiled it under
 * (src/iam/authz/gather*.ts): `managed\0ARN[\0version]`, `user|group|role\0<id>\0<name>`,
 * `session\0<text>`, `trust\0<roleId>`, `account\0<name>`, `root\0all`. A session policy's id holds
 * its text, which must never reach the log: it is named `SessionPolicy`.
 */
export function statementRef(matched: MatchedStatement): StatementRef {
  // Plain assignments, not spreads: this runs for every decision of every request.
  const ref: { -readonly [K in keyof StatementRef]: StatementRef[K] } = {
    policy: '',
    policyType: 'other',
    kind: matched.kind,
    index: matched.statement,
  };
  if (matched.sid !== undefined) ref.sid = matched.sid;
  const id = matched.policy;
  const cut = id.indexOf('\u0000');
  const tag = cut < 0 ? '' : id.slice(0, cut);
  const rest = id.slice(cut + 1);
  switch (tag) {
    case 'managed': {
      const end = rest.indexOf('\u0000');
      ref.policy = end < 0 ? rest : rest.slice(0, end);
      ref.policyType = 'managed';
      break;
    }
    case 'user':
    case 'group':
    case 'role': {
      const end = rest.indexOf('\u0000');
      ref.policy = rest.slice(end + 1);
      ref.policyType = 'inline';
      ref.owner = `${tag}/${rest.slice(0, end)}`;
      break;
    }
    case 'session':
      ref.policy = 'SessionPolicy';
      ref.policyType = 'session';
      break;
    case 'trust':
      ref.policy = `trust:${rest}`;
      ref.policyType = 'trust';
      break;
    case 'account':
      ref.policy = rest;
      ref.policyType = 'account';
      break;
    case 'root':
      ref.policy = 'root';
      break;
    default:
      // Unknown shapes (simulated input, a resource policy passed by a service): the id is a name
      // given by the caller, kept short so no document text can ride along.
      ref.policy = id.slice(0, 256);
  }
  return ref;
}
