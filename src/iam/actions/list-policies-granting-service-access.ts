import type { ActionDefinition } from '../action.ts';
import {
  policiesGrantingAccess,
  type WirePolicyGrantingServiceAccess,
} from '../access-advisor/granting-policies.ts';
import { iamDataServiceCatalog } from '../access-advisor/service-catalog.ts';

export interface ListPoliciesGrantingServiceAccessInput {
  readonly Arn: string;
  readonly ServiceNamespaces: readonly string[];
  readonly Marker?: string;
}

export interface ListPoliciesGrantingServiceAccessOutput {
  readonly PoliciesGrantingServiceAccess: {
    ServiceNamespace: string;
    Policies: WirePolicyGrantingServiceAccess[];
  }[];
  readonly IsTruncated: boolean;
}

/** Which of a user's (its groups' included), group's or role's policies allow each service asked about. */
export const ListPoliciesGrantingServiceAccess: ActionDefinition<
  ListPoliciesGrantingServiceAccessInput,
  ListPoliciesGrantingServiceAccessOutput
> = {
  service: 'iam',
  name: 'ListPoliciesGrantingServiceAccess',
  resource: (input) => input.Arn,
  async run(input, ctx) {
    const entries = await policiesGrantingAccess(
      ctx,
      input.Arn,
      input.ServiceNamespaces,
      iamDataServiceCatalog,
    );
    // At most 200 namespaces and a handful of policies each: one page holds them all.
    return { PoliciesGrantingServiceAccess: entries, IsTruncated: false };
  },
};
