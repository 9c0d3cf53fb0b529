import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CREDENTIAL_REPORT_COLUMNS,
  CREDENTIAL_REPORT_HEADER,
  reportTime,
  rootRow,
  userRow,
  type ReportKey,
  type UserRowFacts,
} from './credential-report-csv.ts';

const ARN = 'arn:aws:iam::123456789012:user/alice';
const CREATED = new Date('2024-01-01T00:00:00.000Z');
const T = (iso: string) => new Date(iso);

const base: UserRowFacts = { userName: 'alice', arn: ARN, createDate: CREATED, mfaActive: false, keys: [] };

const key = (overrides: Partial<ReportKey> = {}): ReportKey => ({
  status: 'Active',
  createDate: T('2026-07-01T00:00:00.999Z'),
  ...overrides,
});

/** The row as column name -> value, so each case names what it checks. */
const columns = (row: string): Record<string, string> =>
  Object.fromEntries(row.split(',').map((value, i) => [CREDENTIAL_REPORT_COLUMNS[i] ?? `extra${i}`, value]));

test("the header is AWS's, byte for byte: 22 columns", () => {
  assert.equal(
    CREDENTIAL_REPORT_HEADER,
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
  );
  assert.equal(CREDENTIAL_REPORT_COLUMNS.length, 22);
});

test('times are to the second with +00:00', () => {
  assert.equal(reportTime(T('2017-06-10T02:35:07.891Z')), '2017-06-10T02:35:07+00:00');
});

const CASES: [string, UserRowFacts, Record<string, string>][] = [
  [
    'no password, no keys, no MFA',
    base,
    {
      user: 'alice',
      arn: ARN,
      user_creation_time: '2024-01-01T00:00:00+00:00',
      password_enabled: 'false',
      password_last_used: 'N/A',
      password_last_changed: 'N/A',
      password_next_rotation: 'N/A',
      mfa_active: 'false',
      access_key_1_active: 'false',
      access_key_1_last_rotated: 'N/A',
      access_key_1_last_used_date: 'N/A',
      access_key_1_last_used_region: 'N/A',
      access_key_1_last_used_service: 'N/A',
      access_key_2_active: 'false',
      access_key_2_last_rotated: 'N/A',
      cert_1_active: 'false',
      cert_1_last_rotated: 'N/A',
      cert_2_active: 'false',
      cert_2_last_rotated: 'N/A',
    },
  ],
  [
    'a password never used (no policy rotation)',
    { ...base, password: { lastChanged: T('2026-03-04T05:06:07Z') } },
    {
      password_enabled: 'true',
      password_last_used: 'no_information',
      password_last_changed: '2026-03-04T05:06:07+00:00',
      password_next_rotation: 'N/A',
    },
  ],
  [
    'a password used, with MaxPasswordAge 90',
    {
      ...base,
      password: { lastChanged: T('2026-03-04T05:06:07Z') },
      passwordLastUsed: T('2026-04-01T10:00:00.500Z'),
      maxPasswordAge: 90,
    },
    {
      password_enabled: 'true',
      password_last_used: '2026-04-01T10:00:00+00:00',
      password_next_rotation: '2026-06-02T05:06:07+00:00',
    },
  ],
  [
    'a password removed after use: N/A, as AWS',
    { ...base, passwordLastUsed: T('2026-04-01T10:00:00Z'), maxPasswordAge: 90 },
    { password_enabled: 'false', password_last_used: 'N/A', password_next_rotation: 'N/A' },
  ],
  ['MFA active', { ...base, mfaActive: true }, { mfa_active: 'true' }],
  [
    'a key rotated and used',
    {
      ...base,
      keys: [
        key({ lastUsedDate: T('2026-07-29T12:34:56Z'), lastUsedRegion: 'eu-west-1', lastUsedService: 'sts' }),
      ],
    },
    {
      access_key_1_active: 'true',
      access_key_1_last_rotated: '2026-07-01T00:00:00+00:00',
      access_key_1_last_used_date: '2026-07-29T12:34:56+00:00',
      access_key_1_last_used_region: 'eu-west-1',
      access_key_1_last_used_service: 'sts',
      access_key_2_active: 'false',
      access_key_2_last_rotated: 'N/A',
    },
  ],
  [
    'a key inactive and never used',
    { ...base, keys: [key({ status: 'Inactive' })] },
    {
      access_key_1_active: 'false',
      access_key_1_last_rotated: '2026-07-01T00:00:00+00:00',
      access_key_1_last_used_date: 'N/A',
      access_key_1_last_used_region: 'N/A',
      access_key_1_last_used_service: 'N/A',
    },
  ],
  [
    'two keys: the older is key 1',
    {
      ...base,
      keys: [
        key({ status: 'Inactive' }),
        key({
          createDate: T('2026-08-01T00:00:00Z'),
          lastUsedDate: T('2026-08-02T00:00:00Z'),
          lastUsedRegion: 'us-east-1',
          lastUsedService: 'iam',
        }),
      ],
    },
    {
      access_key_1_active: 'false',
      access_key_2_active: 'true',
      access_key_2_last_rotated: '2026-08-01T00:00:00+00:00',
      access_key_2_last_used_date: '2026-08-02T00:00:00+00:00',
      access_key_2_last_used_region: 'us-east-1',
      access_key_2_last_used_service: 'iam',
    },
  ],
];

for (const [name, facts, expected] of CASES) {
  test(`user row: ${name}`, () => {
    const row = columns(userRow(facts));
    assert.equal(Object.keys(row).length, 22);
    for (const [column, value] of Object.entries(expected)) assert.equal(row[column], value, column);
  });
}

test('root row: <root_account>, not_supported password columns, its MFA and keys', () => {
  const row = rootRow({
    arn: 'arn:aws:iam::123456789012:root',
    createDate: T('2017-06-10T02:35:07Z'),
    mfaActive: true,
    keys: [key()],
  });
  assert.equal(
    row,
    '<root_account>,arn:aws:iam::123456789012:root,2017-06-10T02:35:07+00:00,not_supported,no_information,not_supported,not_supported,true,true,2026-07-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  );
  const used = columns(
    rootRow({
      arn: 'arn:aws:iam::123456789012:root',
      createDate: CREATED,
      passwordLastUsed: T('2017-10-22T08:11:09Z'),
      mfaActive: false,
      keys: [],
    }),
  );
  assert.equal(used.password_last_used, '2017-10-22T08:11:09+00:00');
  assert.equal(used.mfa_active, 'false');
});

test('a name with a comma is quoted (RFC 4180), so CSV readers stay aligned', () => {
  const row = userRow({ ...base, userName: 'a,b', arn: 'arn:aws:iam::123456789012:user/a,b' });
  assert.ok(row.startsWith('"a,b","arn:aws:iam::123456789012:user/a,b",2024-01-01T00:00:00+00:00,false,'));
});
