import type {
  CredentialReportRecord,
  CredentialReportRepo,
  CredentialReportState,
  CredentialReportUser,
} from '../../port.ts';
import { fromSqlDate, toSqlDate } from '../dates.ts';
import type { UseSql } from './use.ts';
import { USER_COLUMNS, userFromRow, type UserRow } from './user-rows.ts';

interface ReportRow {
  generation: number;
  state: string;
  started_at: string;
  generated_time: string | null;
}

interface PasswordRow {
  user_id: string;
  create_date: string;
  password_changed_date: string | null;
}

const reportFromRow = (row: ReportRow): CredentialReportRecord => ({
  generation: row.generation,
  state: row.state as CredentialReportState,
  startedAt: fromSqlDate(row.started_at),
  ...(row.generated_time !== null && { generatedTime: fromSqlDate(row.generated_time) }),
});

const CURRENT = 'SELECT generation FROM credential_report WHERE singleton = 1';

/** Reads a page's users, then their login profiles and assigned MFA devices: three queries. */
function readUsersPage(
  sql: Awaited<ReturnType<UseSql>>,
  after: string,
  limit: number,
): CredentialReportUser[] {
  const users = sql.all<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE user_name_lc > ? ORDER BY user_name_lc LIMIT ?`,
    after,
    limit,
  );
  const first = users[0];
  const last = users.at(-1);
  if (first === undefined || last === undefined) return [];
  // The page is a contiguous range of names: join on it instead of passing every id.
  const range = [first.user_name_lc, last.user_name_lc] as const;
  const passwords = new Map(
    sql
      .all<PasswordRow>(
        `SELECT p.user_id, p.create_date, p.password_changed_date FROM login_profiles p
           JOIN users u ON u.user_id = p.user_id WHERE u.user_name_lc BETWEEN ? AND ?`,
        ...range,
      )
      .map((row) => [row.user_id, fromSqlDate(row.password_changed_date ?? row.create_date)]),
  );
  const mfa = new Set(
    sql
      .all<{ user_id: string }>(
        `SELECT DISTINCT m.user_id FROM mfa_devices m
           JOIN users u ON u.user_id = m.user_id WHERE u.user_name_lc BETWEEN ? AND ?`,
        ...range,
      )
      .map((row) => row.user_id),
  );
  return users.map((row) => {
    const lastChanged = passwords.get(row.user_id);
    return {
      user: userFromRow(row),
      ...(lastChanged !== undefined && { password: { lastChanged } }),
      mfaActive: mfa.has(row.user_id),
    };
  });
}

export function sqliteCredentialReport(use: UseSql): CredentialReportRepo {
  const isCurrent = async (generation: number) =>
    (await use()).one<{ generation: number }>(CURRENT)?.generation === generation;

  return {
    async get() {
      const row = (await use()).one<ReportRow>(
        'SELECT generation, state, started_at, generated_time FROM credential_report WHERE singleton = 1',
      );
      return row && reportFromRow(row);
    },

    async start(startedAt) {
      const sql = await use();
      const generation = (sql.one<{ generation: number }>(CURRENT)?.generation ?? 0) + 1;
      sql.run('DELETE FROM credential_report_parts');
      sql.run(
        `INSERT INTO credential_report (singleton, generation, state, started_at, generated_time)
         VALUES (1, ?, 'INPROGRESS', ?, NULL)
         ON CONFLICT (singleton) DO UPDATE SET generation = excluded.generation, state = excluded.state,
           started_at = excluded.started_at, generated_time = NULL`,
        generation,
        toSqlDate(startedAt),
      );
      return generation;
    },

    async appendPart(generation, seq, csv) {
      if (!(await isCurrent(generation))) return false;
      (await use()).run(
        'INSERT INTO credential_report_parts (generation, seq, csv) VALUES (?, ?, ?)',
        generation,
        seq,
        csv,
      );
      return true;
    },

    async complete(generation, generatedTime) {
      const changes = (await use()).run(
        `UPDATE credential_report SET state = 'COMPLETE', generated_time = ?
          WHERE singleton = 1 AND generation = ?`,
        toSqlDate(generatedTime),
        generation,
      );
      return changes === 1;
    },

    async content() {
      const rows = (await use()).all<{ csv: string }>(
        `SELECT csv FROM credential_report_parts
          WHERE generation = (${CURRENT}) ORDER BY seq`,
      );
      return rows.map((row) => row.csv).join('');
    },

    async usersPage(afterName, limit) {
      return readUsersPage(await use(), afterName ?? '', limit);
    },
  };
}
