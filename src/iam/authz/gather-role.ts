/**
 * Gathering for a role: its inline policies and the default versions of its attached managed
 * policies as identity policies, its permissions boundary as the boundary set. What a role session
 * is authorized with before its session policies, and what SimulatePrincipalPolicy evaluates for a
 * role ARN. Pure, like gather.ts.
 */
import type { RoleAuthorizationFacts } from '../../store/port.ts';
import {
  managedPolicy,
  type AwsManagedDocuments,
  type PrincipalPolicies,
  type SourcedPolicy,
} from './gather.ts';

export function rolePolicies(facts: RoleAuthorizationFacts, aws: AwsManagedDocuments): PrincipalPolicies {
  const { role } = facts;
  const inline = facts.inlinePolicies.map((p): SourcedPolicy => ({
    key: `role\u0000${role.roleId}\u0000${p.policyName}`,
    sourceId: p.policyName,
    type: 'role',
    document: p.document,
  }));
  const identity = [...inline, ...facts.attachedPolicies.flatMap((m) => managedPolicy(m, aws) ?? [])];
  const boundaryArn = role.permissionsBoundaryArn;
  if (boundaryArn === undefined) return { identity, tags: role.tags };
  // A boundary that resolves to no policy allows nothing: fail closed.
  const boundary = managedPolicy(facts.permissionsBoundary ?? { policyArn: boundaryArn }, aws);
  return { identity, boundary: boundary === undefined ? [] : [boundary], tags: role.tags };
}
