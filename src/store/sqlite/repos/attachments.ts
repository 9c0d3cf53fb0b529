import type { AttachedPolicyRef, PolicyAttachmentsRepo, PolicyEntity, PolicyEntityType } from '../../port.ts';
import { decodeMarker, toPage } from '../marker.ts';
import { ENTITY_TABLES } from './entity-tables.ts';
import { runAndBump } from './epoch.ts';
import { policyArnParts } from './policy-arn.ts';
import type { UseSql } from './use.ts';

/** Keyset markers on two columns: the parts joined by a newline (which no name or ARN contains). */
const pairKey = (first: string, second: string): string => `${first}\n${second}`;
function decodePair(marker: string | undefined): [string, string] {
  const text = decodeMarker(marker);
  const newline = text.indexOf('\n');
  return newline < 0 ? [text, ''] : [text.slice(0, newline), text.slice(newline + 1)];
}

const attachedFromArn = (policyArn: string): AttachedPolicyRef => ({
  policyArn,
  policyName: policyArnParts(policyArn).name,
});

interface EntityRow {
  type: PolicyEntityType;
  id: string;
  name: string;
  path: string;
  name_lc: string;
}

/**
 * Users, groups and roles using a policy: attached, or through a boundary (each way switched on by
 * its flag). UNION (not UNION ALL) lists an entity that uses it both ways once.
 */
const ENTITIES_FOR_POLICY = `SELECT type, id, name, path, name_lc FROM (
    SELECT 'group' AS type, g.group_id AS id, g.group_name AS name, g.path AS path, g.group_name_lc AS name_lc
      FROM group_policy_attachments a JOIN groups g ON g.group_id = a.group_id
      WHERE a.policy_arn = ? AND ? = 1
    UNION
    SELECT 'user', u.user_id, u.user_name, u.path, u.user_name_lc
      FROM user_policy_attachments a JOIN users u ON u.user_id = a.user_id
      WHERE a.policy_arn = ? AND ? = 1
    UNION
    SELECT 'user', u.user_id, u.user_name, u.path, u.user_name_lc
      FROM users u WHERE u.permissions_boundary_arn = ? AND ? = 1
    UNION
    SELECT 'role', r.role_id, r.role_name, r.path, r.role_name_lc
      FROM role_policy_attachments a JOIN roles r ON r.role_id = a.role_id
      WHERE a.policy_arn = ? AND ? = 1
    UNION
    SELECT 'role', r.role_id, r.role_name, r.path, r.role_name_lc
      FROM roles r WHERE r.permissions_boundary_arn = ? AND ? = 1)
  WHERE (type, name_lc) > (?, ?) AND (? IS NULL OR type = ?) AND substr(path, 1, length(?)) = ?
  ORDER BY type, name_lc LIMIT ?`;

export function sqliteAttachments(use: UseSql): PolicyAttachmentsRepo {
  return {
    async attach({ type, id }, policyArn) {
      const { key, attachments } = ENTITY_TABLES[type];
      const { name, path } = policyArnParts(policyArn);
      const changes = runAndBump(
        await use(),
        `INSERT INTO ${attachments} (${key}, policy_arn, policy_id, policy_name_lc, policy_path)
         VALUES (?, ?, (SELECT policy_id FROM policies WHERE arn = ?), ?, ?) ON CONFLICT DO NOTHING`,
        id,
        policyArn,
        policyArn,
        name.toLowerCase(),
        path,
      );
      return changes === 1;
    },

    async detach({ type, id }, policyArn) {
      const { key, attachments } = ENTITY_TABLES[type];
      return (
        runAndBump(
          await use(),
          `DELETE FROM ${attachments} WHERE ${key} = ? AND policy_arn = ?`,
          id,
          policyArn,
        ) === 1
      );
    },

    async isAttached({ type, id }, policyArn) {
      const { key, attachments } = ENTITY_TABLES[type];
      const row = (await use()).one(
        `SELECT 1 AS one FROM ${attachments} WHERE ${key} = ? AND policy_arn = ?`,
        id,
        policyArn,
      );
      return row !== undefined;
    },

    async listForEntity({ type, id }, request) {
      const { key, attachments } = ENTITY_TABLES[type];
      const prefix = request.pathPrefix ?? '/';
      const [afterName, afterArn] = decodePair(request.marker);
      const rows = (await use()).all<{ policy_arn: string; policy_name_lc: string }>(
        `SELECT policy_arn, policy_name_lc FROM ${attachments}
          WHERE ${key} = ? AND (policy_name_lc, policy_arn) > (?, ?)
            AND substr(policy_path, 1, length(?)) = ?
          ORDER BY policy_name_lc, policy_arn LIMIT ?`,
        id,
        afterName,
        afterArn,
        prefix,
        prefix,
        request.maxItems + 1,
      );
      const page = toPage(rows, request.maxItems, (row) => pairKey(row.policy_name_lc, row.policy_arn));
      return { ...page, items: page.items.map((row) => attachedFromArn(row.policy_arn)) };
    },

    async countForEntity({ type, id }) {
      const { key, attachments } = ENTITY_TABLES[type];
      return (
        (await use()).one<{ n: number }>(`SELECT count(*) AS n FROM ${attachments} WHERE ${key} = ?`, id)
          ?.n ?? 0
      );
    },

    async listEntities(policyArn, request) {
      const prefix = request.pathPrefix ?? '/';
      const attached = request.usage === 'PermissionsBoundary' ? 0 : 1;
      const boundary = request.usage === 'PermissionsPolicy' ? 0 : 1;
      const type = request.entityType ?? null;
      const [afterType, afterName] = decodePair(request.marker);
      const rows = (await use()).all<EntityRow>(
        ENTITIES_FOR_POLICY,
        policyArn,
        attached,
        policyArn,
        attached,
        policyArn,
        boundary,
        policyArn,
        attached,
        policyArn,
        boundary,
        afterType,
        afterName,
        type,
        type,
        prefix,
        prefix,
        request.maxItems + 1,
      );
      const page = toPage(rows, request.maxItems, (row) => pairKey(row.type, row.name_lc));
      return { ...page, items: page.items.map(entityFromRow) };
    },

    async countForPolicy(policyArn) {
      return (
        (await use()).one<{ n: number }>(
          `SELECT (SELECT count(*) FROM user_policy_attachments WHERE policy_arn = ?)
                + (SELECT count(*) FROM group_policy_attachments WHERE policy_arn = ?)
                + (SELECT count(*) FROM role_policy_attachments WHERE policy_arn = ?) AS n`,
          policyArn,
          policyArn,
          policyArn,
        )?.n ?? 0
      );
    },
  };
}

function entityFromRow(row: EntityRow): PolicyEntity {
  return { type: row.type, id: row.id, name: row.name, path: row.path };
}
