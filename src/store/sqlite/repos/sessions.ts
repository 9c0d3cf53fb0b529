import type { InsertResult, SessionKind, SessionRecord, SessionsRepo, Tag } from '../../port.ts';
import { fromSqlDate, toSqlDate, toSqlDateOrNull } from '../dates.ts';
import type { UseSql } from './use.ts';

interface SessionRow {
  access_key_id: string;
  sealed_secret: string;
  token_hash: string;
  kind: string;
  principal_id: string;
  role_arn: string | null;
  session_name: string | null;
  issue_time: string;
  expiration: string;
  policy: string | null;
  policy_arns: string;
  tags: string;
  transitive_tag_keys: string;
  source_identity: string | null;
  mfa_authenticated: number;
  mfa_auth_time: string | null;
  chained_from: string | null;
}

const COLUMNS = `access_key_id, sealed_secret, token_hash, kind, principal_id, role_arn, session_name,
  issue_time, expiration, policy, policy_arns, tags, transitive_tag_keys, source_identity,
  mfa_authenticated, mfa_auth_time, chained_from`;

function sessionFromRow(row: SessionRow): SessionRecord {
  return {
    accessKeyId: row.access_key_id,
    sealedSecret: row.sealed_secret,
    tokenHash: row.token_hash,
    kind: row.kind as SessionKind,
    principalId: row.principal_id,
    ...(row.role_arn !== null && { roleArn: row.role_arn }),
    ...(row.session_name !== null && { sessionName: row.session_name }),
    issueTime: fromSqlDate(row.issue_time),
    expiration: fromSqlDate(row.expiration),
    ...(row.policy !== null && { policy: row.policy }),
    policyArns: JSON.parse(row.policy_arns) as string[],
    tags: JSON.parse(row.tags) as Tag[],
    transitiveTagKeys: JSON.parse(row.transitive_tag_keys) as string[],
    ...(row.source_identity !== null && { sourceIdentity: row.source_identity }),
    mfaAuthenticated: row.mfa_authenticated === 1,
    ...(row.mfa_auth_time !== null && { mfaAuthTime: fromSqlDate(row.mfa_auth_time) }),
    ...(row.chained_from !== null && { chainedFrom: row.chained_from }),
  };
}

export function sqliteSessions(use: UseSql): SessionsRepo {
  return {
    async get(accessKeyId) {
      const row = (await use()).one<SessionRow>(
        `SELECT ${COLUMNS} FROM sessions WHERE access_key_id = ?`,
        accessKeyId,
      );
      return row && sessionFromRow(row);
    },

    async insert(s): Promise<InsertResult> {
      const changes = (await use()).run(
        `INSERT INTO sessions (${COLUMNS})
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        s.accessKeyId,
        s.sealedSecret,
        s.tokenHash,
        s.kind,
        s.principalId,
        s.roleArn ?? null,
        s.sessionName ?? null,
        toSqlDate(s.issueTime),
        toSqlDate(s.expiration),
        s.policy ?? null,
        JSON.stringify(s.policyArns),
        JSON.stringify(s.tags.map(({ key, value }) => ({ key, value }))),
        JSON.stringify(s.transitiveTagKeys),
        s.sourceIdentity ?? null,
        s.mfaAuthenticated ? 1 : 0,
        toSqlDateOrNull(s.mfaAuthTime),
        s.chainedFrom ?? null,
      );
      return changes === 1 ? 'inserted' : 'conflict';
    },

    async purgeExpired(before) {
      return (await use()).run('DELETE FROM sessions WHERE expiration < ?', toSqlDate(before));
    },

    async deleteForPrincipal(principalId) {
      return (await use()).run('DELETE FROM sessions WHERE principal_id = ?', principalId);
    },
  };
}
