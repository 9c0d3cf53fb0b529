import type { AccessKeyRecord } from '../../store/port.ts';

/**
 * The credential report's CSV, as AWS writes it (IAM User Guide, "Generate credential reports"):
 * 22 columns, lowercase booleans, times as `YYYY-MM-DDTHH:MM:SS+00:00`, and the tokens `N/A`,
 * `not_supported` and `no_information`. Pure: rows in, text out.
 */

export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

export const CREDENTIAL_REPORT_HEADER = CREDENTIAL_REPORT_COLUMNS.join(',');

const NA = 'N/A';
const NOT_SUPPORTED = 'not_supported';
const NO_INFORMATION = 'no_information';
const DAY_MS = 86_400_000;

/** What a key contributes: its state, creation (AWS's "last rotated") and last use. */
export type ReportKey = Pick<
  AccessKeyRecord,
  'status' | 'createDate' | 'lastUsedDate' | 'lastUsedService' | 'lastUsedRegion'
>;

export interface UserRowFacts {
  readonly userName: string;
  readonly arn: string;
  readonly createDate: Date;
  /** Absent when the user has no console password. */
  readonly password?: { readonly lastChanged: Date } | undefined;
  /** The user's last console sign-in (kept even if the password was later removed). */
  readonly passwordLastUsed?: Date | undefined;
  /** The account password policy's MaxPasswordAge in days, if it sets one. */
  readonly maxPasswordAge?: number | undefined;
  readonly mfaActive: boolean;
  /** Oldest first: the first two are keys 1 and 2. */
  readonly keys: readonly ReportKey[];
}

export interface RootRowFacts {
  readonly arn: string;
  /** The account's creation time. */
  readonly createDate: Date;
  readonly passwordLastUsed?: Date | undefined;
  readonly mfaActive: boolean;
  readonly keys: readonly ReportKey[];
}

/** ISO 8601 to the second with an explicit UTC offset, as AWS prints report times. */
export const reportTime = (date: Date): string => `${date.toISOString().slice(0, 19)}+00:00`;

/** RFC 4180 quoting, only when needed: a user name may legally contain a comma. */
const field = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

const line = (fields: readonly string[]): string => fields.map(field).join(',');

/** Five columns per key slot. Never used: date, region and service are all `N/A`. */
function keyColumns(key: ReportKey | undefined): string[] {
  if (key === undefined) return ['false', NA, NA, NA, NA];
  const used = key.lastUsedDate;
  return [
    String(key.status === 'Active'),
    reportTime(key.createDate),
    used === undefined ? NA : reportTime(used),
    used === undefined ? NA : (key.lastUsedRegion ?? NA),
    used === undefined ? NA : (key.lastUsedService ?? NA),
  ];
}

/** Warden has no X.509 signing certificates: both slots are always empty. */
const NO_CERTIFICATES = ['false', NA, 'false', NA];

function passwordColumns(facts: UserRowFacts): string[] {
  const { password, passwordLastUsed, maxPasswordAge } = facts;
  if (password === undefined) return ['false', NA, NA, NA];
  const nextRotation =
    maxPasswordAge === undefined
      ? NA
      : reportTime(new Date(password.lastChanged.getTime() + maxPasswordAge * DAY_MS));
  return [
    'true',
    passwordLastUsed === undefined ? NO_INFORMATION : reportTime(passwordLastUsed),
    reportTime(password.lastChanged),
    nextRotation,
  ];
}

export function userRow(facts: UserRowFacts): string {
  return line([
    facts.userName,
    facts.arn,
    reportTime(facts.createDate),
    ...passwordColumns(facts),
    String(facts.mfaActive),
    ...keyColumns(facts.keys[0]),
    ...keyColumns(facts.keys[1]),
    ...NO_CERTIFICATES,
  ]);
}

/** The `<root_account>` row: password columns but last-used are `not_supported`. */
export function rootRow(facts: RootRowFacts): string {
  return line([
    '<root_account>',
    facts.arn,
    reportTime(facts.createDate),
    NOT_SUPPORTED,
    facts.passwordLastUsed === undefined ? NO_INFORMATION : reportTime(facts.passwordLastUsed),
    NOT_SUPPORTED,
    NOT_SUPPORTED,
    String(facts.mfaActive),
    ...keyColumns(facts.keys[0]),
    ...keyColumns(facts.keys[1]),
    ...NO_CERTIFICATES,
  ]);
}
