import type { ActionDefinition } from '../action.ts';
import { listArn } from '../arns.ts';
import { pageOutput, pageRequest, type PageInput, type PageOutput } from '../pagination.ts';
import { toListedRole, type WireRole } from '../roles.ts';
import { roleToShow } from '../trust-policy.ts';

export interface ListRolesInput extends PageInput {
  readonly PathPrefix?: string;
}

/** Without boundaries, tags or last use (documented), with the trust policy. */
export const ListRoles: ActionDefinition<ListRolesInput, { Roles: WireRole[] } & PageOutput> = {
  service: 'iam',
  name: 'ListRoles',
  resource: (input, ctx) => listArn(ctx.account, 'role', input.PathPrefix),
  async run(input, ctx) {
    const page = await ctx.store.roles.list({
      ...pageRequest(input, 'ListRoles'),
      pathPrefix: input.PathPrefix,
    });
    const roles: WireRole[] = [];
    for (const role of page.items) {
      roles.push(toListedRole(ctx.account, await roleToShow(ctx, role)));
    }
    return { Roles: roles, ...pageOutput(page, 'ListRoles') };
  },
};
