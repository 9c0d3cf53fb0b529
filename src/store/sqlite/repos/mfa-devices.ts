import {
  ROOT_OWNER,
  type InsertResult,
  type MfaDeviceRecord,
  type MfaDevicesRepo,
  type Tag,
} from '../../port.ts';
import { fromSqlDate, toSqlDate } from '../dates.ts';
import { decodeMarker, toPage } from '../marker.ts';
import type { Param } from '../sql.ts';
import type { UseSql } from './use.ts';

interface MfaDeviceRow {
  serial_number: string;
  device_name: string;
  path: string;
  sealed_seed: string;
  create_date: string;
  user_id: string | null;
  root: number;
  enable_date: string | null;
  last_step: number | null;
  tags: string;
  drift: number;
}

const COLUMNS =
  'serial_number, device_name, path, sealed_seed, create_date, user_id, root, enable_date, last_step, tags, drift';

function deviceFromRow(row: MfaDeviceRow): MfaDeviceRecord {
  const assignee = row.root === 1 ? ROOT_OWNER : row.user_id;
  return {
    serialNumber: row.serial_number,
    deviceName: row.device_name,
    path: row.path,
    sealedSeed: row.sealed_seed,
    createDate: fromSqlDate(row.create_date),
    ...(assignee !== null && { assignee }),
    ...(row.enable_date !== null && { enableDate: fromSqlDate(row.enable_date) }),
    ...(row.last_step !== null && { lastStep: row.last_step }),
    ...(row.drift !== 0 && { drift: row.drift }),
    tags: JSON.parse(row.tags) as Tag[],
  };
}

const tagsToSql = (tags: readonly Tag[]): string =>
  JSON.stringify(tags.map(({ key, value }) => ({ key, value })));

/** The WHERE clause selecting one assignee's devices. */
const assigneeWhere = (assignee: string): [string, Param[]] =>
  assignee === ROOT_OWNER ? ['root = 1', []] : ['user_id = ?', [assignee]];

const FILTERS = {
  Assigned: '(user_id IS NOT NULL OR root = 1)',
  Unassigned: '(user_id IS NULL AND root = 0)',
  Any: '1 = 1',
} as const;

const sortKey = (device: MfaDeviceRecord): string => device.serialNumber;

export function sqliteMfaDevices(use: UseSql): MfaDevicesRepo {
  return {
    async get(serialNumber) {
      const row = (await use()).one<MfaDeviceRow>(
        `SELECT ${COLUMNS} FROM mfa_devices WHERE serial_number = ?`,
        serialNumber,
      );
      return row && deviceFromRow(row);
    },

    async insert(device): Promise<InsertResult> {
      const changes = (await use()).run(
        `INSERT INTO mfa_devices (serial_number, device_name, device_name_lc, path, sealed_seed, create_date, tags)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        device.serialNumber,
        device.deviceName,
        device.deviceName.toLowerCase(),
        device.path,
        device.sealedSeed,
        toSqlDate(device.createDate),
        tagsToSql(device.tags),
      );
      return changes === 1 ? 'inserted' : 'conflict';
    },

    async assign(serialNumber, assignee, enableDate, lastStep) {
      const root = assignee === ROOT_OWNER;
      const changes = (await use()).run(
        `UPDATE mfa_devices SET user_id = ?, root = ?, enable_date = ?, last_step = ?, drift = 0
          WHERE serial_number = ? AND user_id IS NULL AND root = 0`,
        root ? null : assignee,
        root ? 1 : 0,
        toSqlDate(enableDate),
        lastStep,
        serialNumber,
      );
      return changes === 1;
    },

    async unassign(serialNumber) {
      const changes = (await use()).run(
        'UPDATE mfa_devices SET user_id = NULL, root = 0, enable_date = NULL WHERE serial_number = ?',
        serialNumber,
      );
      return changes === 1;
    },

    async useStep(serialNumber, step, drift) {
      const changes = (await use()).run(
        `UPDATE mfa_devices SET last_step = ?, drift = coalesce(?, drift)
          WHERE serial_number = ? AND (last_step IS NULL OR last_step < ?)`,
        step,
        drift ?? null,
        serialNumber,
        step,
      );
      return changes === 1;
    },

    async setTags(serialNumber, tags) {
      const changes = (await use()).run(
        'UPDATE mfa_devices SET tags = ? WHERE serial_number = ?',
        tagsToSql(tags),
        serialNumber,
      );
      return changes === 1;
    },

    async delete(serialNumber) {
      return (await use()).run('DELETE FROM mfa_devices WHERE serial_number = ?', serialNumber) === 1;
    },

    async listAssigned(assignee, request) {
      const [where, params] = assigneeWhere(assignee);
      const rows = (await use()).all<MfaDeviceRow>(
        `SELECT ${COLUMNS} FROM mfa_devices WHERE ${where} AND serial_number > ?
          ORDER BY serial_number LIMIT ?`,
        ...params,
        decodeMarker(request.marker),
        request.maxItems + 1,
      );
      return toPage(rows.map(deviceFromRow), request.maxItems, sortKey);
    },

    async countAssigned(assignee) {
      const [where, params] = assigneeWhere(assignee);
      return (
        (await use()).one<{ n: number }>(`SELECT count(*) AS n FROM mfa_devices WHERE ${where}`, ...params)
          ?.n ?? 0
      );
    },

    async list(filter, request) {
      const rows = (await use()).all<MfaDeviceRow>(
        `SELECT ${COLUMNS} FROM mfa_devices WHERE ${FILTERS[filter]} AND serial_number > ?
          ORDER BY serial_number LIMIT ?`,
        decodeMarker(request.marker),
        request.maxItems + 1,
      );
      return toPage(rows.map(deviceFromRow), request.maxItems, sortKey);
    },

    async counts() {
      const row = (await use()).one<{ devices: number; in_use: number; root: number }>(
        `SELECT count(*) AS devices, count(*) FILTER (WHERE user_id IS NOT NULL OR root = 1) AS in_use,
                count(*) FILTER (WHERE root = 1) AS root FROM mfa_devices`,
      );
      return { devices: row?.devices ?? 0, inUse: row?.in_use ?? 0, root: row?.root ?? 0 };
    },
  };
}
