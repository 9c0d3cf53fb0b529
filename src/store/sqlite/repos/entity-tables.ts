import type { PolicyEntityType } from '../../port.ts';

/**
 * Where each kind of entity keeps its policies: one table per entity type (so each has a real
 * foreign key to its owner), chosen from this constant map, never from input.
 */
export interface EntityTables {
  /** The owner's id column in both tables. */
  readonly key: string;
  readonly attachments: string;
  readonly inline: string;
}

export const ENTITY_TABLES: Readonly<Record<PolicyEntityType, EntityTables>> = {
  user: { key: 'user_id', attachments: 'user_policy_attachments', inline: 'user_inline_policies' },
  group: { key: 'group_id', attachments: 'group_policy_attachments', inline: 'group_inline_policies' },
  role: { key: 'role_id', attachments: 'role_policy_attachments', inline: 'role_inline_policies' },
};
