import type {
  ConsoleSessionKind,
  ConsoleSessionRecord,
  ConsoleSessionsRepo,
  RootLoginRecord,
  RootLoginRepo,
  SealedSecretRef,
  SealedSecretsRepo,
} from '../../port-sign-in.ts';
import { fromSqlDate, toSqlDate, toSqlDateOrNull } from '../dates.ts';
import type { Sql } from '../sql.ts';
import type { UseSql } from './use.ts';

interface RootLoginRow {
  email: string;
  password_hash: string;
  password_changed_date: string;
  password_last_used: string | null;
}

export function sqliteRootLogin(use: UseSql): RootLoginRepo {
  return {
    async get() {
      const row = (await use()).one<RootLoginRow>(
        `SELECT email, password_hash, password_changed_date, password_last_used FROM root_login`,
      );
      if (row === undefined) return undefined;
      const login: RootLoginRecord = {
        email: row.email,
        passwordHash: row.password_hash,
        passwordChangedDate: fromSqlDate(row.password_changed_date),
        ...(row.password_last_used !== null && { passwordLastUsed: fromSqlDate(row.password_last_used) }),
      };
      return login;
    },
    async put(login) {
      (await use()).run(
        `INSERT INTO root_login (singleton, email, password_hash, password_changed_date, password_last_used)
         VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (singleton) DO UPDATE SET email = excluded.email, password_hash = excluded.password_hash,
           password_changed_date = excluded.password_changed_date,
           password_last_used = excluded.password_last_used`,
        login.email,
        login.passwordHash,
        toSqlDate(login.passwordChangedDate),
        toSqlDateOrNull(login.passwordLastUsed),
      );
    },
    async recordUse(date) {
      return (await use()).run('UPDATE root_login SET password_last_used = ?', toSqlDate(date)) === 1;
    },
  };
}

interface SessionRow {
  token_hash: string;
  kind: ConsoleSessionKind;
  principal: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  mfa_at: string | null;
  source_ip: string;
}

const sessionFromRow = (row: SessionRow): ConsoleSessionRecord => ({
  tokenHash: row.token_hash,
  kind: row.kind,
  principal: row.principal,
  createdAt: fromSqlDate(row.created_at),
  lastSeenAt: fromSqlDate(row.last_seen_at),
  expiresAt: fromSqlDate(row.expires_at),
  ...(row.mfa_at !== null && { mfaAt: fromSqlDate(row.mfa_at) }),
  sourceIp: row.source_ip,
});

export function sqliteConsoleSessions(use: UseSql): ConsoleSessionsRepo {
  return {
    async insert(s) {
      (await use()).run(
        `INSERT INTO console_sessions
           (token_hash, kind, principal, created_at, last_seen_at, expires_at, mfa_at, source_ip)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        s.tokenHash,
        s.kind,
        s.principal,
        toSqlDate(s.createdAt),
        toSqlDate(s.lastSeenAt),
        toSqlDate(s.expiresAt),
        toSqlDateOrNull(s.mfaAt),
        s.sourceIp,
      );
    },
    async get(tokenHash) {
      const row = (await use()).one<SessionRow>(
        `SELECT token_hash, kind, principal, created_at, last_seen_at, expires_at, mfa_at, source_ip
           FROM console_sessions WHERE token_hash = ?`,
        tokenHash,
      );
      return row && sessionFromRow(row);
    },
    async touch(tokenHash, at) {
      const sql = await use();
      const text = toSqlDate(at);
      sql.run(
        'UPDATE console_sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?',
        text,
        tokenHash,
        text,
      );
      return sql.one('SELECT 1 AS one FROM console_sessions WHERE token_hash = ?', tokenHash) !== undefined;
    },
    async delete(tokenHash) {
      return (await use()).run('DELETE FROM console_sessions WHERE token_hash = ?', tokenHash) === 1;
    },
    async deleteForPrincipal(principal) {
      return (await use()).run('DELETE FROM console_sessions WHERE principal = ?', principal);
    },
    async purgeExpired(now, idleBefore) {
      return (await use()).run(
        `DELETE FROM console_sessions
          WHERE expires_at <= ? OR (kind = 'session' AND last_seen_at < ?)`,
        toSqlDate(now),
        toSqlDate(idleBefore),
      );
    },
  };
}

/**
 * Every column that holds SecretBox output. A table of a later migration may be absent from an
 * older database's working tree: such entries are skipped.
 */
const SEALED_COLUMNS = [
  { kind: 'access-key', table: 'access_keys', id: 'access_key_id', sealed: 'sealed_secret' },
  { kind: 'mfa-seed', table: 'mfa_devices', id: 'serial_number', sealed: 'sealed_seed' },
  { kind: 'sts-session', table: 'sessions', id: 'access_key_id', sealed: 'sealed_secret' },
] as const;

const tableExists = (sql: Sql, table: string): boolean =>
  sql.one("SELECT 1 AS one FROM sqlite_master WHERE type = 'table' AND name = ?", table) !== undefined;

export function sqliteSealedSecrets(use: UseSql): SealedSecretsRepo {
  return {
    async page(after, limit) {
      const sql = await use();
      const out: SealedSecretRef[] = [];
      for (const column of SEALED_COLUMNS) {
        if (out.length >= limit) break;
        if (after !== undefined && column.kind < after.kind) continue;
        if (!tableExists(sql, column.table)) continue;
        const from = after !== undefined && after.kind === column.kind ? after.id : '';
        const rows = sql.all<{ id: string; sealed: string }>(
          `SELECT ${column.id} AS id, ${column.sealed} AS sealed FROM ${column.table}
            WHERE ${column.id} > ? ORDER BY ${column.id} LIMIT ?`,
          from,
          limit - out.length,
        );
        for (const row of rows) out.push({ kind: column.kind, id: row.id, sealed: row.sealed });
      }
      return out;
    },
    async replace(ref, sealed) {
      const column = SEALED_COLUMNS.find((c) => c.kind === ref.kind);
      if (column === undefined) return false;
      const changed = (await use()).run(
        `UPDATE ${column.table} SET ${column.sealed} = ? WHERE ${column.id} = ? AND ${column.sealed} = ?`,
        sealed,
        ref.id,
        ref.sealed,
      );
      return changed === 1;
    },
  };
}
