import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WardenError } from '../core/index.ts';
import { decodeInput, decodeShape } from './decode-input.ts';
import { buildModel, type ServiceName } from './model.ts';

const decode = (action: string, query: string, service: ServiceName = 'iam') =>
  decodeInput(service, action, new URLSearchParams(query));

/** The WardenError a decode throws, as [code, message]. */
function failure(action: string, query: string, service: ServiceName = 'iam'): [string, string] {
  try {
    decode(action, query, service);
  } catch (e) {
    assert.ok(e instanceof WardenError, `not a WardenError: ${String(e)}`);
    return [e.code, e.message];
  }
  assert.fail(`${action}?${query} decoded without error`);
}

test('decodes every shape kind into typed values', () => {
  const cases: [string, string, string, Record<string, unknown>, ServiceName?][] = [
    [
      'lists of structures, + and %20, unsorted indices, unknown params ignored',
      'CreateUser',
      'Action=CreateUser&Version=2010-05-08&Path=%2Fa%2Fb%2F&UserName=bob&Tags.member.2.Key=k2&Tags.member.2.Value=v%202&Tags.member.1.Key=k1&Tags.member.1.Value=v+1%2B2&Bogus=1&userName=x',
      {
        Path: '/a/b/',
        UserName: 'bob',
        Tags: [
          { Key: 'k1', Value: 'v 1+2' },
          { Key: 'k2', Value: 'v 2' },
        ],
      },
    ],
    ['empty list sent as Name=', 'CreateUser', 'UserName=bob&Tags=', { UserName: 'bob', Tags: [] }],
    [
      'gaps in member indices close up',
      'UntagUser',
      'UserName=bob&TagKeys.member.10=c&TagKeys.member.2=b&TagKeys.member.1=a',
      { UserName: 'bob', TagKeys: ['a', 'b', 'c'] },
    ],
    ['integers', 'ListUsers', 'MaxItems=100&Marker=m', { MaxItems: 100, Marker: 'm' }],
    ['a key sent twice keeps its first value', 'ListUsers', 'MaxItems=5&MaxItems=7', { MaxItems: 5 }],
    [
      'members win over an empty list marker',
      'CreateUser',
      'UserName=bob&Tags=&Tags.member.1.Key=k&Tags.member.1.Value=v',
      { UserName: 'bob', Tags: [{ Key: 'k', Value: 'v' }] },
    ],
    [
      'sub-keys of a scalar and junk indices are ignored',
      'UntagUser',
      'UserName=bob&UserName.x=1&TagKeys.member.0=z&TagKeys.member.x=z&TagKeys.member.1=a',
      { UserName: 'bob', TagKeys: ['a'] },
    ],
    [
      'booleans, any case',
      'UpdateLoginProfile',
      'UserName=bob&PasswordResetRequired=TRUE',
      { UserName: 'bob', PasswordResetRequired: true },
    ],
    [
      'booleans false',
      'CreatePolicyVersion',
      'PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fp&PolicyDocument=%7B%7D&SetAsDefault=false',
      { PolicyArn: 'arn:aws:iam::123456789012:policy/p', PolicyDocument: '{}', SetAsDefault: false },
    ],
    [
      'nested lists (SimulateCustomPolicy ContextEntries)',
      'SimulateCustomPolicy',
      'PolicyInputList.member.1=%7B%22Version%22%3A+%222012-10-17%22%7D&ActionNames.member.1=s3%3AGetObject&ActionNames.member.2=iam%3AListUsers&ContextEntries.member.1.ContextKeyName=aws%3Ausername&ContextEntries.member.1.ContextKeyValues.member.2=alice&ContextEntries.member.1.ContextKeyValues.member.1=bob&ContextEntries.member.1.ContextKeyType=stringList',
      {
        PolicyInputList: ['{"Version": "2012-10-17"}'],
        ActionNames: ['s3:GetObject', 'iam:ListUsers'],
        ContextEntries: [
          {
            ContextKeyName: 'aws:username',
            ContextKeyValues: ['bob', 'alice'],
            ContextKeyType: 'stringList',
          },
        ],
      },
    ],
    [
      'nested structures in lists (STS PolicyArns.member.N.arn)',
      'AssumeRole',
      'RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr&RoleSessionName=s1&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess&DurationSeconds=3600',
      {
        RoleArn: 'arn:aws:iam::123456789012:role/r',
        RoleSessionName: 's1',
        PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
        DurationSeconds: 3600,
      },
      'sts',
    ],
    [
      'operation without input members',
      'GetCallerIdentity',
      'Action=GetCallerIdentity&Version=2011-06-15',
      {},
      'sts',
    ],
  ];
  for (const [name, action, query, expected, service] of cases) {
    assert.deepEqual(decode(action, query, service), expected, name);
  }
});

test('decodes timestamps (with milliseconds and offsets), blobs and maps', () => {
  // No IAM or STS input has such members, so a small model exercises the same decoder.
  const model = buildModel('iam', {
    metadata: { apiVersion: 'test', xmlNamespace: 'urn:test' },
    operations: {},
    shapes: {
      Probe: {
        type: 'structure',
        members: { At: { shape: 'ts' }, Bytes: { shape: 'b' }, Labels: { shape: 'm' }, Big: { shape: 'l' } },
      },
      ts: { type: 'timestamp' },
      b: { type: 'blob' },
      l: { type: 'long' },
      m: { type: 'map', key: { shape: 's' }, value: { shape: 'i' } },
      s: { type: 'string' },
      i: { type: 'integer' },
    },
  });
  const probe = (query: string) => decodeShape(model, 'Probe', new URLSearchParams(query));
  const cases: [string, Record<string, unknown>][] = [
    ['At=2015-01-01T00:00:00Z', { At: new Date(Date.UTC(2015, 0, 1)) }],
    ['At=2015-01-01T00:00:00.123Z', { At: new Date(Date.UTC(2015, 0, 1, 0, 0, 0, 123)) }],
    ['At=2015-01-01T01:00:00%2B01:00', { At: new Date(Date.UTC(2015, 0, 1)) }],
    ['At=1420070400', { At: new Date(Date.UTC(2015, 0, 1)) }],
    ['Bytes=aGk%3D', { Bytes: new Uint8Array([104, 105]) }],
    ['Big=9007199254740991', { Big: 9007199254740991 }],
    [
      'Labels.entry.2.key=b&Labels.entry.2.value=2&Labels.entry.1.key=a&Labels.entry.1.value=1',
      { Labels: { a: 1, b: 2 } },
    ],
    ['Labels=', { Labels: {} }],
  ];
  for (const [query, expected] of cases) assert.deepEqual(probe(query), expected, query);
  for (const bad of [
    'At=yesterday',
    'At=2015-01-01',
    'At=2015-13-45T00:00:00Z',
    'Bytes=a%3D%3D%3D',
    'Labels.entry.1.key=a&Labels.entry.1.value=x',
  ]) {
    assert.throws(
      () => probe(bad),
      (e) => e instanceof WardenError && e.code === 'InvalidParameterValue',
      bad,
    );
  }
});

test('policy documents are not URL-decoded a second time', () => {
  const doc = '{"Statement":[{"Action":"s3:*","Resource":"arn:aws:s3:::a%20b"}]}';
  const input = decode(
    'PutUserPolicy',
    `UserName=bob&PolicyName=p&PolicyDocument=${encodeURIComponent(doc)}`,
  );
  assert.equal(input.PolicyDocument, doc);
});

test('each constraint fails with AWS text', () => {
  const cases: [string, string, string][] = [
    [
      'CreateUser',
      '',
      "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    ],
    [
      'CreateUser',
      'UserName=',
      "1 validation error detected: Value '' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      'CreateUser',
      `UserName=${'a'.repeat(65)}`,
      `1 validation error detected: Value '${'a'.repeat(65)}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    ],
    [
      'ListUsers',
      'MaxItems=1001',
      "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000",
    ],
    [
      'ListUsers',
      'MaxItems=0',
      "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      'UpdateAccessKey',
      'AccessKeyId=AKIAAAAAAAAAAAAAAAAA&Status=On',
      "1 validation error detected: Value 'On' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]",
    ],
    [
      'ListUsers',
      'PathPrefix=abc',
      "1 validation error detected: Value 'abc' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*",
    ],
    [
      'CreateUser',
      'UserName=bob&Tags.member.1.Key=a*&Tags.member.1.Value=v',
      "1 validation error detected: Value 'a*' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
    ],
    [
      'CreateUser',
      `UserName=bob&Tags.member.1.Key=k&Tags.member.1.Value=${'v'.repeat(257)}`,
      `1 validation error detected: Value '${'v'.repeat(257)}' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`,
    ],
    [
      'CreateUser',
      `UserName=bob&${Array.from({ length: 51 }, (_, i) => `Tags.member.${i + 1}.Key=k${i}&Tags.member.${i + 1}.Value=v`).join('&')}`,
      '',
    ],
    [
      'UntagUser',
      'UserName=bob&TagKeys.member.1=ok&TagKeys.member.2=a*b',
      "1 validation error detected: Value '[ok, a*b]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+, Member must not be null]",
    ],
    [
      'CreateLoginProfile',
      'UserName=bob&Password=',
      "2 validation errors detected: Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 1; Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
    ],
    [
      'AssumeRole',
      'RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr&RoleSessionName=s1&DurationSeconds=60',
      "1 validation error detected: Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    ],
  ];
  for (const [action, query, message] of cases) {
    const service: ServiceName = action === 'AssumeRole' ? 'sts' : 'iam';
    const [code, text] = failure(action, query, service);
    assert.equal(code, 'ValidationError', `${action}?${query}`);
    if (message === '')
      assert.match(
        text,
        /^1 validation error detected: Value '\[\{Key=k0, Value=v\}.*' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50$/,
      );
    else assert.equal(text, message);
  }
});

test('several violations are all listed, counted in the plural', () => {
  const [code, message] = failure(
    'CreateUser',
    `UserName=${'a'.repeat(65)}&Path=${'/'.repeat(513)}&Tags.member.1.Key=k`,
  );
  assert.equal(code, 'ValidationError');
  assert.equal(
    message,
    `3 validation errors detected: Value '${'/'.repeat(513)}' at 'path' failed to satisfy constraint: Member must have length less than or equal to 512; ` +
      `Value '${'a'.repeat(65)}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64; ` +
      "Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null",
  );
});

test("IAM's own wording for bad entity names and paths (seen from real IAM)", () => {
  const cases: [string, string, string][] = [
    [
      'CreateUser',
      'UserName=bad/name',
      'The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
    ],
    [
      'CreateGroup',
      'GroupName=a%20b',
      'The specified value for groupName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
    ],
    [
      'CreateUser',
      'UserName=bob&Path=nope',
      'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
    ],
    [
      'UpdateUser',
      'UserName=bob&NewPath=%2Fa',
      'The specified value for newPath is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
    ],
  ];
  for (const [action, query, message] of cases)
    assert.deepEqual(failure(action, query), ['ValidationError', message]);
});

test('bad integers and booleans are refused with a clear InvalidParameterValue', () => {
  const cases: [string, string, string][] = [
    ['ListUsers', 'MaxItems=abc', "Invalid value 'abc' for parameter MaxItems: expected an integer."],
    ['ListUsers', 'MaxItems=1.5', "Invalid value '1.5' for parameter MaxItems: expected an integer."],
    [
      'ListUsers',
      'MaxItems=99999999999999999999',
      "Invalid value '99999999999999999999' for parameter MaxItems: expected an integer.",
    ],
    [
      'UpdateLoginProfile',
      'UserName=bob&PasswordResetRequired=yes',
      "Invalid value 'yes' for parameter PasswordResetRequired: expected true or false.",
    ],
  ];
  for (const [action, query, message] of cases)
    assert.deepEqual(failure(action, query), ['InvalidParameterValue', message]);
});

test('unknown actions are InvalidAction', () => {
  assert.deepEqual(failure('CreateUsers', ''), [
    'InvalidAction',
    'Could not find operation CreateUsers for version 2010-05-08',
  ]);
});

test('non-UTF-8 bytes never throw anything but a WardenError', () => {
  // URLSearchParams turns invalid UTF-8 into U+FFFD; the pattern check then refuses it.
  const params = new URLSearchParams('UserName=%FF%FE&Path=%2F%C3%28%2F');
  assert.equal(params.get('UserName'), '\uFFFD\uFFFD');
  assert.throws(() => decodeInput('iam', 'CreateUser', params), WardenError);
  const bodies = [
    'UserName=%',
    'UserName=%zz',
    '&&&==&',
    'Tags.member.=x',
    'Tags..member.1.Key=a',
    'Tags.member.0.Key=a&UserName=b',
    'Tags.member.1=x&UserName=b',
  ];
  for (const body of bodies) {
    try {
      decode('CreateUser', body);
    } catch (e) {
      assert.ok(e instanceof WardenError, body);
    }
  }
});
