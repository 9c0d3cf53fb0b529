import type { InstanceProfileRecord, InstanceProfilesRepo, Tag } from '../../port.ts';
import { StoreError } from '../../port.ts';
import { fromSqlDate, toSqlDate } from '../dates.ts';
import { decodeMarker, toPage } from '../marker.ts';
import type { UseSql } from './use.ts';

interface ProfileRow {
  instance_profile_id: string;
  instance_profile_name: string;
  path: string;
  create_date: string;
  role_id: string | null;
  tags: string;
}

const COLUMNS = 'instance_profile_id, instance_profile_name, path, create_date, role_id, tags';

function profileFromRow(row: ProfileRow): InstanceProfileRecord {
  return {
    instanceProfileId: row.instance_profile_id,
    instanceProfileName: row.instance_profile_name,
    path: row.path,
    createDate: fromSqlDate(row.create_date),
    tags: JSON.parse(row.tags) as Tag[],
    ...(row.role_id !== null && { roleId: row.role_id }),
  };
}

const sortKey = (p: InstanceProfileRecord): string => p.instanceProfileName.toLowerCase();
const tagsToSql = (tags: readonly Tag[]): string =>
  JSON.stringify(tags.map(({ key, value }) => ({ key, value })));

/** Instance profiles do not feed authorization decisions: no write here moves the epoch. */
export function sqliteInstanceProfiles(use: UseSql): InstanceProfilesRepo {
  const oneBy = async (where: string, value: string): Promise<InstanceProfileRecord | undefined> => {
    const row = (await use()).one<ProfileRow>(
      `SELECT ${COLUMNS} FROM instance_profiles WHERE ${where} = ?`,
      value,
    );
    return row && profileFromRow(row);
  };

  return {
    getByName: (name) => oneBy('instance_profile_name_lc', name.toLowerCase()),
    getById: (id) => oneBy('instance_profile_id', id),

    async insert(profile) {
      const changes = (await use()).run(
        `INSERT INTO instance_profiles
           (instance_profile_id, instance_profile_name, instance_profile_name_lc, path, create_date, tags)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        profile.instanceProfileId,
        profile.instanceProfileName,
        profile.instanceProfileName.toLowerCase(),
        profile.path,
        toSqlDate(profile.createDate),
        tagsToSql(profile.tags),
      );
      return changes === 1 ? 'inserted' : 'conflict';
    },

    async setTags(id, tags) {
      return (
        (await use()).run(
          'UPDATE instance_profiles SET tags = ? WHERE instance_profile_id = ?',
          tagsToSql(tags),
          id,
        ) === 1
      );
    },

    async addRole(id, roleId) {
      const sql = await use();
      const current = sql.one<{ role_id: string | null }>(
        'SELECT role_id FROM instance_profiles WHERE instance_profile_id = ?',
        id,
      );
      if (current === undefined) return 'missing';
      if (current.role_id !== null) return 'full';
      sql.run('UPDATE instance_profiles SET role_id = ? WHERE instance_profile_id = ?', roleId, id);
      return 'added';
    },

    async removeRole(id, roleId) {
      return (
        (await use()).run(
          'UPDATE instance_profiles SET role_id = NULL WHERE instance_profile_id = ? AND role_id = ?',
          id,
          roleId,
        ) === 1
      );
    },

    async delete(id) {
      const sql = await use();
      const row = sql.one<{ role_id: string | null }>(
        'SELECT role_id FROM instance_profiles WHERE instance_profile_id = ?',
        id,
      );
      if (row === undefined) return false;
      if (row.role_id !== null) throw new StoreError('constraint', 'the instance profile still holds a role');
      return sql.run('DELETE FROM instance_profiles WHERE instance_profile_id = ?', id) === 1;
    },

    async list(request) {
      const prefix = request.pathPrefix ?? '/';
      const rows = (await use()).all<ProfileRow>(
        `SELECT ${COLUMNS} FROM instance_profiles
          WHERE instance_profile_name_lc > ? AND substr(path, 1, length(?)) = ?
          ORDER BY instance_profile_name_lc LIMIT ?`,
        decodeMarker(request.marker),
        prefix,
        prefix,
        request.maxItems + 1,
      );
      return toPage(rows.map(profileFromRow), request.maxItems, sortKey);
    },

    async listForRole(roleId, request) {
      const rows = (await use()).all<ProfileRow>(
        `SELECT ${COLUMNS} FROM instance_profiles
          WHERE role_id = ? AND instance_profile_name_lc > ?
          ORDER BY instance_profile_name_lc LIMIT ?`,
        roleId,
        decodeMarker(request.marker),
        request.maxItems + 1,
      );
      return toPage(rows.map(profileFromRow), request.maxItems, sortKey);
    },

    async countForRole(roleId) {
      return (
        (await use()).one<{ n: number }>(
          'SELECT count(*) AS n FROM instance_profiles WHERE role_id = ?',
          roleId,
        )?.n ?? 0
      );
    },

    async count() {
      return (await use()).one<{ n: number }>('SELECT count(*) AS n FROM instance_profiles')?.n ?? 0;
    },
  };
}
