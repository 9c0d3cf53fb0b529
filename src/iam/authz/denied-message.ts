import type { DecidingKind } from './decision.ts';

/** AWS's AccessDenied text (policy-language.md §9). */

const KIND_PHRASE: Record<DecidingKind, string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  guardrail: 'service control policy',
  trust: 'role trust policy',
};

const article = (phrase: string): string => (/^[aeiou]/.test(phrase) ? 'an' : 'a');

export function deniedMessage(
  callerArn: string,
  permission: string,
  resource: string,
  effect: 'ExplicitDeny' | 'ImplicitDeny',
  decidedBy: DecidingKind,
): string {
  const phrase = KIND_PHRASE[decidedBy];
  const head = `User: ${callerArn} is not authorized to perform: ${permission} on resource: ${resource}`;
  if (effect === 'ImplicitDeny') return `${head} because no ${phrase} allows the ${permission} action`;
  // AWS says "the role trust policy" but "an identity-based policy", "a permissions boundary".
  return decidedBy === 'trust'
    ? `${head} with an explicit deny in the ${phrase}`
    : `${head} with an explicit deny in ${article(phrase)} ${phrase}`;
}
